// selection.hpp — block selection rules (Nutini, Laradji & Schmidt 2022, §3 fixed blocks, §4
// variable blocks, §5.2 forest blocks, §6.1 GS-q), as one small policy over the BCD loop.
//
// Fixed blocks b ∈ partition:                                 Variable blocks (τ coordinates):
//   cyclic     b = k mod B                                     a fresh random permutation per
//                                                              epoch, taken τ at a time (ref. "Perm")
//   random     uniform                                         τ uniform without replacement
//   lipschitz  P(b) ∝ L_b                                      τ without replacement, P(j) ∝ L_j
//   gs         argmax ‖∇_b f‖²                                 the τ largest |∇_j f|
//   gsl        argmax ‖∇_b f‖² / L_b          (eq. GSL)        the τ largest ∇_j f² / D_j, D_j = Σ_i |M_ji|
//                                                              over the full bound M (the reference's
//                                                              "GSDHb", plotted as GSL: ∇²f ⪯ diag(D))
//   gsd        argmax ‖∇_b f‖²_{D_b⁻¹}, D_b,j = Σ_i |(M_b)_ji|   the τ largest ∇_j f² / L_j (D_b = τ diag(L_b))
//   gsq        λ = 0: argmax ∇_b fᵀ M_b⁻¹ ∇_b f   (eq. GSQ)    the τ largest GS-q progresses
//              λ > 0: argmax Σ_{j∈b} q_j(L_b)     (GS-q)       q_j(L_j) (prox.hpp)
// Greedy-tree blocks: a maximal forest grown in the order of decreasing score (gs: |∇_j f|;
// gsl/gsd: |∇_j f|/√L_j; random: a random order) — the paper's "greedy tree" (§5.2).
#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "blocks.hpp"
#include "prox.hpp"

namespace bcd_greedy {

enum class Rule { Cyclic, Random, Lipschitz, GS, GSL, GSD, GSQ };

inline Rule parse_rule(const std::string& s) {
    if (s == "cyclic") return Rule::Cyclic;
    if (s == "random") return Rule::Random;
    if (s == "lipschitz") return Rule::Lipschitz;
    if (s == "gs") return Rule::GS;
    if (s == "gsl") return Rule::GSL;
    if (s == "gsd") return Rule::GSD;
    if (s == "gsq") return Rule::GSQ;
    throw tsr::InvalidArgument("unknown rule '" + s + "'");
}

inline bool is_greedy(Rule r) { return r == Rule::GS || r == Rule::GSL || r == Rule::GSD || r == Rule::GSQ; }

// What the fixed-block rules know about each block, computed once from block_bound.
struct BlockConstants {
    std::vector<double> L;                   // L_b: λ_max(M_b) (exact for τ <= 64, else Gershgorin)
    std::vector<tsr::Vec> D;                 // gsd: row sums of |M_b|
    std::vector<Eigen::LDLT<tsr::Mat>> inv;  // gsq (λ = 0): factorizations of M_b
};

// λ_max(M) for a symmetric PSD M: exact eigenvalue for small blocks, Gershgorin's bound (an upper
// bound, so 1/L stays a safe step) for large ones where an eigensolver would dominate the cost.
template <class Matrix>
double largest_eigenvalue(const Matrix& M) {
    if (M.rows() <= 64) {
        const tsr::Mat S = M;
        return Eigen::SelfAdjointEigenSolver<tsr::Mat>(S, Eigen::EigenvaluesOnly).eigenvalues().maxCoeff();
    }
    return M.cwiseAbs().rowwise().sum().maxCoeff();
}

// The indices of the τ largest scores (ties: the lower index), into `out`, sorted. One pass that
// keeps the best τ in order (O(d) with a small constant for the paper's τ <= 100); nth_element
// over an index array for larger τ.
inline void top_scores(const tsr::Vec& score, int64_t tau, std::vector<int64_t>& order, std::vector<int64_t>& out) {
    const int64_t d = score.size();
    tau = std::min(tau, d);
    auto better = [&](int64_t a, int64_t b) { return score[a] > score[b] || (score[a] == score[b] && a < b); };
    if (tau > 100) {
        order.resize(static_cast<size_t>(d));
        std::iota(order.begin(), order.end(), int64_t{0});
        std::nth_element(order.begin(), order.begin() + (tau - 1), order.end(), better);
        out.assign(order.begin(), order.begin() + tau);
    } else {
        out.clear();
        for (int64_t j = 0; j < d; ++j) {  // `out` stays ordered best first
            const size_t full = static_cast<size_t>(tau);
            if (out.size() == full && !(score[j] > score[out.back()])) continue;
            if (out.size() == full) out.pop_back();
            size_t p = out.size();
            out.push_back(j);
            for (; p > 0 && better(j, out[p - 1]); --p) out[p] = out[p - 1];
            out[p] = j;
        }
    }
    std::sort(out.begin(), out.end());
}

// τ distinct coordinates drawn with probabilities ∝ w (sequentially, without replacement).
inline void weighted_sample(const tsr::Vec& w, int64_t tau, tsr::kit::Rng& rng, std::vector<int64_t>& out) {
    out.clear();
    double total = w.sum();
    std::vector<char> taken(static_cast<size_t>(w.size()), 0);
    for (int64_t t = 0; t < std::min<int64_t>(tau, w.size()); ++t) {
        double u = rng.uniform() * total;
        int64_t pick = -1, fallback = -1;  // fallback: the last positive weight (rounding), else any
        for (int64_t j = 0; j < w.size(); ++j) {
            if (taken[static_cast<size_t>(j)]) continue;
            if (w[j] > 0.0 || fallback < 0) fallback = j;
            if (w[j] > 0.0 && (u -= w[j]) < 0.0) {
                pick = j;
                break;
            }
        }
        if (pick < 0) pick = fallback;
        taken[static_cast<size_t>(pick)] = 1;
        total -= w[pick];
        out.push_back(pick);
    }
    std::sort(out.begin(), out.end());
}

inline int64_t weighted_index(const std::vector<double>& w, tsr::kit::Rng& rng) {
    double u = rng.uniform() * std::accumulate(w.begin(), w.end(), 0.0);
    for (size_t b = 0; b < w.size(); ++b)
        if ((u -= w[b]) < 0.0) return static_cast<int64_t>(b);
    return static_cast<int64_t>(w.size()) - 1;
}

}  // namespace bcd_greedy
