// The two exploration rules of Deb et al. (ICLR 2024), each the reduction of a contextual bandit to
// an online regression oracle it builds on, and sampling an arm from the result.
//
// Inverse gap weighting, SquareCB (Foster & Rakhlin, ICML 2020, Algorithm 1, line 6; Abe & Long
// 1999), on predicted REWARDS ŷ ∈ R^K with b = argmax ŷ:
//     p_k = 1 / (K + γ (ŷ_b − ŷ_k))   (k ≠ b),     p_b = 1 − Σ_{k≠b} p_k.
//
// FastCB (Foster & Krishnamurthy, NeurIPS 2021, Algorithm 1, eq. (5)), on predicted LOSSES
// ℓ̂ ∈ [0, 1]^K with b = argmin ℓ̂ — the gap is scaled by the best predicted loss, so exploration
// vanishes when the best arm is predicted to lose nothing (a first-order, "small loss" rule):
//     p_k = ℓ̂_b / (K ℓ̂_b + γ (ℓ̂_k − ℓ̂_b))   (k ≠ b),     p_b = 1 − Σ_{k≠b} p_k.
//
// Thread rule: pure functions; no allocation.
#pragma once

#include <cstdint>

#include <tessera/kit/rng.hpp>
#include <tessera/sdk/eigen.hpp>

namespace neural_cb {

// p_k = weight(k) for every k ≠ b, and p_b = 1 − Σ_{k≠b} p_k: the shape both rules share.
template <class Weight>
void weights_around_best(int64_t b, tsr::VecRef p, Weight weight) {
    double rest = 0.0;
    for (int64_t k = 0; k < p.size(); ++k) {
        if (k == b) continue;
        p(k) = weight(k);
        rest += p(k);
    }
    p(b) = 1.0 - rest;
}

// SquareCB: p from reward predictions yhat (K ≥ 1), γ ≥ 0. Returns b.
inline int64_t igw_probabilities(tsr::CVecRef yhat, double gamma, tsr::VecRef p) {
    const auto K = static_cast<double>(yhat.size());
    Eigen::Index b;
    yhat.maxCoeff(&b);
    weights_around_best(b, p, [&](int64_t k) { return 1.0 / (K + gamma * (yhat(b) - yhat(k))); });
    return b;
}

// FastCB: p from loss predictions lhat ∈ [0, 1]^K, γ ≥ 0. Returns b. When ℓ̂_k = ℓ̂_b = 0 the ratio
// is 0/0; its limit as ℓ̂_k → ℓ̂_b is 1/K, used here.
inline int64_t fastcb_probabilities(tsr::CVecRef lhat, double gamma, tsr::VecRef p) {
    const auto K = static_cast<double>(lhat.size());
    Eigen::Index b;
    lhat.minCoeff(&b);
    weights_around_best(b, p, [&](int64_t k) {
        const double den = K * lhat(b) + gamma * (lhat(k) - lhat(b));
        return den > 0.0 ? lhat(b) / den : 1.0 / K;
    });
    return b;
}

// An arm drawn from p (Σ p = 1) by inversion; rounding leftovers go to the last arm with p > 0.
inline int64_t sample_arm(tsr::CVecRef p, tsr::kit::Rng& rng) { return tsr::kit::sample_index(p, rng); }

}  // namespace neural_cb
