// generate.hpp — the generative model of latent and biased rankings (paper, Sec. 3 and its
// simulations; the official notebook github.com/AnayMehrotra/Selection-with-Multiple-Rankings-with-Bias).
//
// Latent ("true") rankings ≻_1..≻_n are drawn i.i.d. around the candidates' latent utilities u:
//   mallows  Mallows model centred on the utility order (u decreasing), dispersion φ given by its
//            normalized value norm_phi (Boehmer et al. 2021, the "norm-mallows" culture of mapel
//            that the paper's code uses): E[Kendall distance to the centre] = norm_phi · m(m−1)/4.
//            Sampled by repeated insertion (Doignon et al. 2004): the i-th item of the centre goes
//            to place i − d with P(d) ∝ φ^d, d = 0..i.
//   noisy    ranking v orders the candidates by u_c + σ ε_vc, ε ~ N(0, 1).
// Biased rankings ≻̂_v are derived from ≻_v, one per latent ranking, by one of
//   swap     the paper's "swapping bias" (notebook: get_swapping_bias): with M the number of pairs
//            (a ∈ G1, b ∈ G2) where b is above a, ⌊λM⌋ times pick such a pair with probability ∝
//            φ_s^{pos(a) − pos(b)} (nearby pairs first) and swap the two: G2 candidates move down.
//   utility  G2's utilities are scaled by β < 1 (û_c = β u_c on G2; Celis, Mehrotra & Vishnoi's
//            implicit-bias model): ≻̂_v is drawn from the same model around û with the SAME random
//            numbers as ≻_v (same insertion draws, or same noise ε), so the two differ by the bias only.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include <tessera/kit/rng.hpp>

#include "math/graph.hpp"  // plugins/causal: random_permutation

namespace fairmw {

// G2 membership: round(share · m) candidates drawn uniformly (the first ones of a random
// permutation: plugins/causal's Fisher–Yates, math/graph.hpp).
inline std::vector<int8_t> draw_groups(int64_t m, double share, tsr::kit::Rng& rng) {
    const std::vector<int64_t> ids = causal::random_permutation(m, rng);
    const auto g2 = static_cast<int64_t>(std::llround(share * static_cast<double>(m)));
    std::vector<int8_t> group(static_cast<size_t>(m), 0);
    for (int64_t i = 0; i < g2; ++i) group[static_cast<size_t>(ids[static_cast<size_t>(i)])] = 1;
    return group;
}

// Candidates by decreasing value (ties: lower id first).
inline std::vector<int32_t> order_by(const std::vector<double>& value) {
    std::vector<int32_t> o(value.size());
    std::iota(o.begin(), o.end(), 0);
    std::stable_sort(o.begin(), o.end(), [&](int32_t a, int32_t b) { return value[a] > value[b]; });
    return o;
}

// E[Kendall distance to the centre] of a Mallows model with dispersion φ on m items:
// Σ_{i=1}^{m-1} E[d_i], d_i ∈ {0..i} with P(d) ∝ φ^d.
inline double mallows_expected_swaps(int64_t m, double phi) {
    double total = 0.0;
    for (int64_t i = 1; i < m; ++i) {
        double z = 0.0, e = 0.0, p = 1.0;
        for (int64_t d = 0; d <= i; ++d, p *= phi) {
            z += p;
            e += static_cast<double>(d) * p;
        }
        total += e / z;
    }
    return total;
}

// φ with E[distance] = norm_phi · m(m−1)/4 (bisection; the map is increasing in φ).
inline double mallows_phi(int64_t m, double norm_phi) {
    if (norm_phi <= 0.0 || m < 2) return 0.0;
    if (norm_phi >= 1.0) return 1.0;
    const double target = norm_phi * static_cast<double>(m * (m - 1)) / 4.0;
    double lo = 0.0, hi = 1.0;
    for (int it = 0; it < 60; ++it) {
        const double mid = 0.5 * (lo + hi);
        (mallows_expected_swaps(m, mid) < target ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

// Repeated insertion: item centre[i] goes `d_i` places above the end of the current list, where
// d_i is drawn from P(d) ∝ φ^d (d = 0..i) by inverting its CDF at u[i]. `out` has size m.
inline void mallows_insert(const std::vector<int32_t>& centre, double phi, const std::vector<double>& u,
                           std::vector<int32_t>& out) {
    out.clear();
    for (size_t i = 0; i < centre.size(); ++i) {
        double z = 0.0, p = 1.0;
        for (size_t d = 0; d <= i; ++d, p *= phi) z += p;
        const double target = u[i] * z;
        size_t d = 0;
        double cdf = 1.0;  // φ^0
        p = 1.0;
        while (d < i && cdf < target) {
            p *= phi;
            cdf += p;
            ++d;
        }
        out.insert(out.end() - static_cast<std::ptrdiff_t>(d), centre[i]);
    }
}

// The swapping bias on one ranking (`order`, best first), in place. Each draw is O(m): with
// reach[q] = Σ_{p>q, order[p] ∈ G1} φ_s^{p−q} (one backward pass), the G2 candidate at place q
// is picked with probability ∝ reach[q], then its G1 partner at place p > q ∝ φ_s^{p−q}.
// `reach` is scratch space (size m).
inline void swapping_bias(std::vector<int32_t>& order, const std::vector<int8_t>& group, double lambda, double phi_s,
                          tsr::kit::Rng& rng, std::vector<double>& reach) {
    const auto m = static_cast<int64_t>(order.size());
    auto in_g2 = [&](int64_t place) { return group[static_cast<size_t>(order[static_cast<size_t>(place)])] != 0; };
    int64_t pairs = 0, g2_above = 0;
    for (int64_t p = 0; p < m; ++p) {
        if (in_g2(p)) ++g2_above;
        else pairs += g2_above;
    }
    const auto t = static_cast<int64_t>(std::floor(lambda * static_cast<double>(pairs)));
    reach.assign(static_cast<size_t>(m), 0.0);
    for (int64_t s = 0; s < t; ++s) {
        double total = 0.0, acc = 0.0;
        for (int64_t q = m - 1; q >= 0; --q) {
            reach[static_cast<size_t>(q)] = acc;  // Σ over G1 places below q
            if (in_g2(q)) total += acc;
            acc = phi_s * (acc + (in_g2(q) ? 0.0 : 1.0));
        }
        if (total <= 0.0) break;  // no G2 candidate above a G1 candidate any more
        double target = rng.uniform() * total;
        int64_t q = -1;
        for (int64_t i = 0; i < m; ++i)
            if (in_g2(i) && reach[static_cast<size_t>(i)] > 0.0) {
                q = i;
                target -= reach[static_cast<size_t>(i)];
                if (target <= 0.0) break;
            }
        double below = rng.uniform() * reach[static_cast<size_t>(q)], w = 1.0;
        int64_t p = -1;
        for (int64_t i = q + 1; i < m; ++i) {
            w *= phi_s;
            if (in_g2(i)) continue;
            p = i;
            below -= w;
            if (below <= 0.0) break;
        }
        std::swap(order[static_cast<size_t>(q)], order[static_cast<size_t>(p)]);
    }
}

}  // namespace fairmw
