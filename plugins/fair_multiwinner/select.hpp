// select.hpp — size-k selection maximizing a multiwinner score under a group lower bound.
//
//   max F(S)   s.t.  |S| = k,   |S ∩ G2| ≥ ℓ                                   (paper, Sec. 3)
//
// The feasible sets are the bases of a matroid: "at least ℓ of G2 among k" is "at most k − ℓ of
// G1, at most k in all" — a partition matroid (capacities k − ℓ on G1, k on G2) truncated at
// rank k (Celis, Huang & Vishnoi, IJCAI 2018, cast group constraints this way). One loop serves
// every score: greedy under the matroid, adding at each step the feasible candidate of largest
// marginal gain (ties: lowest id).
//   - additive scores (SNTV, Bloc, k-Borda): the gains do not depend on S and greedy on a
//     matroid is exact for a modular function — it is "sort by score with group quotas": the
//     best ℓ of G2, then the best k − ℓ of the rest;
//   - Chamberlin–Courant (monotone submodular): greedy under a matroid is a 1/2-approximation
//     (Fisher, Nemhauser & Wolsey 1978); for ℓ = 0 (a uniform matroid) it is 1 − 1/e
//     (Nemhauser, Wolsey & Fisher 1978).
// ℓ = 0 is the unconstrained selection.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "scores.hpp"

namespace fairmw {

// ℓ proportional to G2's share of the candidates, rounded down: ⌊k |G2| / m⌋.
inline int64_t proportional_lower_bound(int64_t k, std::span<const int8_t> group) {
    int64_t g2 = 0;
    for (int8_t g : group) g2 += g;
    return k * g2 / static_cast<int64_t>(group.size());
}

// Checks that some S with |S| = k and |S ∩ G2| ≥ ℓ exists.
inline void check_feasible(int64_t k, int64_t lower, std::span<const int8_t> group) {
    const auto m = static_cast<int64_t>(group.size());
    int64_t g2 = 0;
    for (int8_t g : group) g2 += g;
    if (k < 1 || k > m)
        throw tsr::InvalidArgument("k = " + std::to_string(k) + ": a committee needs 1 <= k <= m = " + std::to_string(m));
    if (lower < 0 || lower > k || lower > g2)
        throw tsr::InvalidArgument("lower bound " + std::to_string(lower) + " on G2 cannot be met: G2 has " +
                                   std::to_string(g2) + " candidates and k = " + std::to_string(k));
}

// Greedy under the matroid above. `gains` is AdditiveGains or RepresentationGains (scores.hpp).
// `on_step(t, c, gain)` is called after each addition (for the trace); when it returns true the
// selection stops there (the host asked the run to end) and S has fewer than k members.
// Returns S in the order chosen.
template <class Gains, class OnStep>
std::vector<int64_t> greedy_select(Gains& gains, std::span<const int8_t> group, int64_t k, int64_t lower,
                                   OnStep&& on_step) {
    check_feasible(k, lower, group);
    const auto m = static_cast<int64_t>(group.size());
    std::vector<char> chosen(static_cast<size_t>(m), 0);
    std::vector<int64_t> S;
    S.reserve(static_cast<size_t>(k));
    int64_t in_g1 = 0;
    const int64_t cap_g1 = k - lower;
    for (int64_t t = 0; t < k; ++t) {
        int64_t best = -1;
        double best_gain = -std::numeric_limits<double>::infinity();
        for (int64_t c = 0; c < m; ++c) {
            if (chosen[static_cast<size_t>(c)]) continue;
            if (group[static_cast<size_t>(c)] == 0 && in_g1 >= cap_g1) continue;  // G1 is full
            const double g = gains.gain(c);
            if (g > best_gain) {
                best_gain = g;
                best = c;
            }
        }
        chosen[static_cast<size_t>(best)] = 1;
        in_g1 += group[static_cast<size_t>(best)] == 0;
        gains.add(best);
        S.push_back(best);
        if (on_step(t, best, best_gain)) break;
    }
    return S;
}

// The selection of `f` on profile P (the loop above with the rule's gain policy).
template <class OnStep>
std::vector<int64_t> select(const ScoreFunction& f, const Profile& P, std::span<const int8_t> group, int64_t k,
                            int64_t lower, OnStep&& on_step) {
    if (is_additive(f.rule())) {
        AdditiveGains g(f, P);
        return greedy_select(g, group, k, lower, on_step);
    }
    RepresentationGains g(f, P);
    return greedy_select(g, group, k, lower, on_step);
}
inline std::vector<int64_t> select(const ScoreFunction& f, const Profile& P, std::span<const int8_t> group, int64_t k,
                                   int64_t lower) {
    return select(f, P, group, k, lower, [](int64_t, int64_t, double) { return false; });
}

// Best-improvement single swaps (one member out, one non-member in, the group bound kept) until
// none raises F. Used to tighten the greedy CC value where it stands for the optimum (metrics).
inline void improve_by_swaps(const ScoreFunction& f, const Profile& P, std::span<const int8_t> group, int64_t lower,
                             std::vector<int64_t>& S) {
    const auto m = static_cast<int64_t>(group.size());
    std::vector<char> in(static_cast<size_t>(m), 0);
    int64_t g2 = 0;
    for (int64_t c : S) {
        in[static_cast<size_t>(c)] = 1;
        g2 += group[static_cast<size_t>(c)];
    }
    double F = f.value(P, S);
    for (bool improved = true; improved;) {
        improved = false;
        double best = F;
        size_t best_i = 0;
        int64_t best_c = -1;
        for (size_t i = 0; i < S.size(); ++i) {
            const int64_t out = S[i];
            for (int64_t c = 0; c < m; ++c) {
                if (in[static_cast<size_t>(c)]) continue;
                if (g2 - group[static_cast<size_t>(out)] + group[static_cast<size_t>(c)] < lower) continue;
                S[i] = c;
                const double Fc = f.value(P, S);
                S[i] = out;
                if (Fc > best * (1.0 + 1e-12)) {
                    best = Fc;
                    best_i = i;
                    best_c = c;
                }
            }
        }
        if (best_c >= 0) {
            const int64_t out = S[best_i];
            in[static_cast<size_t>(out)] = 0;
            in[static_cast<size_t>(best_c)] = 1;
            g2 += group[static_cast<size_t>(best_c)] - group[static_cast<size_t>(out)];
            S[best_i] = best_c;
            F = best;
            improved = true;
        }
    }
}

}  // namespace fairmw
