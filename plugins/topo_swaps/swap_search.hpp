// swap_search.hpp — TOPO's outer loop (Deng et al., ICML 2023) as implemented in Duntrain/TOPO
// `Topo_linear.py` (TOPO_linear.fit) / `Topo_utils.py` (candidate sets: "Algorithm 2 in Paper" per
// the code's comment on find_idx_set):
//
//   W = W(π), Q = Q(W(π)) (order_fit.hpp)
//   G_h = ∇h(|W|) = (I − |W|)⁻ᵀ  for h(W) = −log det(I − |W|)       (the code's `_h`, s = 1)
//   candidates: forbidden edges (i, j) (i after j in π, i ≠ j) ranked by G_h[i,j] ascending —
//     G_h[i,j] = Σ weighted paths j ⇝ i, so small values are edges whose addition barely creates a
//     cycle; Y_small = {G_h[i,j] ≤ the s_small-th smallest value} (ties included), Y_large likewise
//     with s_large (find_idx_set_updated);
//   for every (i, j) in Y_small: Q after swapping the positions of i and j (create_new_topo opt 1);
//   if some improve: apply them greedily by increasing Q, skipping a swap whose position interval
//     meets one already applied (create_new_topo_greedy / assign_negative); they act on disjoint
//     position intervals, so the improvements add up;
//   else, at most `no_large_search` times: the same on Y_large \ Y_small; otherwise stop.
//
// ∇Q (G_loss) is computed by the reference but not used by find_idx_set_updated: not computed here.
#pragma once

#include <algorithm>
#include <functional>
#include <numeric>

#include "order_fit.hpp"

namespace topo {

struct SearchSettings {
    int64_t size_small = 100;
    int64_t size_large = 400;
    int64_t no_large_search = 1;
    int64_t max_iter = 100000;
    double rel_tol = 1e-12;  // a swap improves when Q_c < Q (1 − rel_tol): guards against rounding loops
};

struct SearchStats {
    int64_t iterations = 0, swaps = 0, evaluations = 0, large_searches = 0;
};

class SwapSearch {
public:
    // progress(iteration, Q, evaluated, applied, large): returns true to stop.
    using Progress = std::function<bool(int64_t, double, int64_t, int64_t, bool)>;

    SwapSearch(OrderFit& fit, const SearchSettings& s) : fit_(fit), s_(s), d_(fit.d()), W_(d_, d_), H_(d_, d_) {}

    SearchStats run(const Progress& progress) {
        SearchStats st;
        const int64_t pairs = d_ * (d_ - 1) / 2;
        const int64_t n_small = std::clamp<int64_t>(s_.size_small, 1, std::max<int64_t>(pairs, 1));
        const int64_t n_large = std::clamp<int64_t>(s_.size_large, n_small, std::max<int64_t>(pairs, 1));
        while (pairs > 0 && st.iterations < s_.max_iter) {
            rank_candidates(n_small, n_large);
            bool large = false;
            int64_t applied = evaluate_and_apply(small_, st);
            if (applied == 0 && st.large_searches < s_.no_large_search) {
                large = true;
                applied = evaluate_and_apply(large_only_, st);
                if (applied > 0) ++st.large_searches;
            }
            if (applied == 0) break;
            ++st.iterations;
            st.swaps += applied;
            if (progress(st.iterations, fit_.loss(), static_cast<int64_t>(evaluated_), applied, large)) break;
        }
        return st;
    }

    const Mat& weights() {
        fit_.weights(W_);
        return W_;
    }

private:
    struct Candidate {
        int64_t a, b;  // positions a < b: node order[b] → order[a] is the forbidden edge (i, j)
        double gh;
        double loss = 0.0;
    };

    // G_h in positions: (I − |B|)⁻¹ is unit upper triangular; G_h[π_b, π_a] = [(I − |B|)⁻¹]_{a b}.
    void rank_candidates(int64_t n_small, int64_t n_large) {
        fit_.weights(W_);
        const auto& order = fit_.order();
        const auto& pos = fit_.position();
        H_.setIdentity();
        for (int64_t q = 0; q < d_; ++q)
            for (int64_t p = 0; p < q; ++p)
                H_(p, q) = -std::abs(W_(order[static_cast<size_t>(p)], order[static_cast<size_t>(q)]));
        H_.triangularView<Eigen::UnitUpper>().solveInPlace(inv_.setIdentity(d_, d_));
        // the reference's np.where order: row-major over node pairs (i, j)
        all_.clear();
        for (int64_t i = 0; i < d_; ++i)
            for (int64_t j = 0; j < d_; ++j) {
                const int64_t b = pos[static_cast<size_t>(i)], a = pos[static_cast<size_t>(j)];
                if (b > a) all_.push_back({a, b, inv_(a, b)});
            }
        values_.resize(all_.size());
        for (size_t k = 0; k < all_.size(); ++k) values_[k] = all_[k].gh;
        std::nth_element(values_.begin(), values_.begin() + (n_large - 1), values_.end());
        const double t_large = values_[static_cast<size_t>(n_large - 1)];
        std::nth_element(values_.begin(), values_.begin() + (n_small - 1), values_.begin() + n_large);
        const double t_small = values_[static_cast<size_t>(n_small - 1)];
        small_.clear();
        large_only_.clear();
        for (const Candidate& c : all_) {
            if (c.gh <= t_small) small_.push_back(c);
            else if (c.gh <= t_large) large_only_.push_back(c);
        }
    }

    int64_t evaluate_and_apply(std::vector<Candidate>& set, SearchStats& st) {
        evaluated_ = set.size();
        const double loss = fit_.loss();
        good_.clear();
        for (Candidate& c : set) {
            c.loss = fit_.swap_loss(c.a, c.b);
            if (c.loss < loss * (1.0 - s_.rel_tol)) good_.push_back(c);
        }
        st.evaluations += static_cast<int64_t>(set.size());
        if (good_.empty()) return 0;
        std::stable_sort(good_.begin(), good_.end(), [](const Candidate& x, const Candidate& y) { return x.loss < y.loss; });
        used_.assign(static_cast<size_t>(d_), 0);
        order_ = fit_.order();
        int64_t applied = 0;
        for (const Candidate& c : good_) {
            bool free = true;
            for (int64_t p = c.a; p <= c.b && free; ++p) free = used_[static_cast<size_t>(p)] == 0;
            if (!free) continue;
            for (int64_t p = c.a; p <= c.b; ++p) used_[static_cast<size_t>(p)] = 1;
            std::swap(order_[static_cast<size_t>(c.a)], order_[static_cast<size_t>(c.b)]);
            ++applied;
        }
        fit_.set_order(order_);
        return applied;
    }

    OrderFit& fit_;
    SearchSettings s_;
    int64_t d_;
    Mat W_, H_, inv_;
    std::vector<Candidate> all_, small_, large_only_, good_;
    std::vector<double> values_;
    std::vector<char> used_;
    std::vector<int64_t> order_;
    size_t evaluated_ = 0;
};

}  // namespace topo
