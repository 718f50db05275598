// tessera/kit/exp_weights.hpp — exponential weights over K arms (Hedge / EXP3 core), the piece
// shared by bandit.exp3 and bandit.hedge_sd (plugins/bandit_envs) and sc.batched
// (plugins/switching_costs).
//
//   w_i ∝ exp(−η Σ_s ℓ̂_s(i)),   p = w / Σ w        (kept as log-weights: no under/overflow)
//
//   tsr::kit::ExpWeights w(K);
//   int64_t a = w.sample(rng, gamma);     // a ~ (1 − γ) p + γ/K
//   w.update_one(a, loss / p_a, eta);     // bandit feedback: an estimate that is zero off arm a
//   w.update(loss_vector, eta);           // full information
//
// Lazy ("shrinking dartboard") sampling, Geulen, Vöcking & Winkler (COLT 2010), Algorithm 1:
// after the update w_i ← w_i·exp(−η ℓ̂(i)) with ℓ̂ ≥ 0, keep the current arm a with probability
// w_new(a)/w_old(a) = exp(−η ℓ̂(a)), otherwise draw a fresh arm from the new p. The marginal law
// of the arm played is still p at every step (their Lemma 1), but the arm changes only with
// probability ≤ η ℓ̂(a): O(√(T log K)) switches instead of Θ(T). Valid when the weights do not
// depend on the arms played (full information).
//
// Ownership: a value (two K-vectors). Thread rule: one object per thread.
#pragma once

#include <cmath>
#include <cstdint>

#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

namespace tsr::kit {

class ExpWeights {
public:
    explicit ExpWeights(int64_t arms) : log_w_(tsr::Vec::Zero(arms)), p_(tsr::Vec::Constant(arms, 1.0 / arms)) {}

    int64_t arms() const { return log_w_.size(); }
    const tsr::Vec& probabilities() const { return p_; }

    // w_i ← w_i exp(−η ℓ̂_i) for every arm.
    void update(const tsr::Vec& loss_estimate, double eta) {
        log_w_.noalias() -= eta * loss_estimate;
        normalize();
    }
    // The same for an estimate that is zero except at arm a (bandit feedback).
    void update_one(int64_t a, double loss_estimate, double eta) {
        log_w_(a) -= eta * loss_estimate;
        normalize();
    }

    // An arm drawn from p mixed with the uniform law: (1 − γ) p + γ/K.
    int64_t sample(Rng& rng, double gamma = 0.0) const {
        double u = rng.uniform();
        const int64_t k = arms();
        for (int64_t i = 0; i < k - 1; ++i) {
            u -= (1.0 - gamma) * p_(i) + gamma / static_cast<double>(k);
            if (u < 0.0) return i;
        }
        return k - 1;
    }

    // Shrinking-dartboard step, after update(ℓ̂, η): keep `current` with probability
    // exp(−η ℓ̂(current)), else draw afresh from the new p.
    int64_t lazy_resample(int64_t current, double keep_probability, Rng& rng) const {
        return rng.uniform() < keep_probability ? current : sample(rng);
    }

private:
    void normalize() {
        const double m = log_w_.maxCoeff();
        log_w_.array() -= m;  // keeps the largest log-weight at 0
        p_ = log_w_.array().exp();
        p_ /= p_.sum();
    }

    tsr::Vec log_w_;
    tsr::Vec p_;
};

}  // namespace tsr::kit
