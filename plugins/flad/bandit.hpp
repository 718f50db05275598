// bandit.hpp — the auxiliary-dataset samplers of FLAD: which auxiliary task the next batch comes
// from. Each is a small policy over the one training loop of flad_loop.hpp:
//
//   a = policy.choose(rng)        before each auxiliary batch (one bandit round)
//   policy.reward(a, R)           after the step, for each task a drawn in it, R = alignment
//   policy.end_step()             once per step, after the rewards
//
// Rewards are gradient alignments R ∈ [−1, 1] (cosine of the target and auxiliary gradients,
// flad_loop.hpp), used as they are: the reference code's "cosine" reward is not rescaled to
// [0, 1] (only its "cosine_and_magnitude" variant maps the cosine to (cos + 1)/2).
//
// Albalak, Raffel & Wang, "Improving Few-Shot Generalization by Exploring and Exploiting
// Auxiliary Data", NeurIPS 2023: EXP3-FLAD (after Auer et al. 2002's EXP3) and
// UCB1-FLAD (after Auer, Cesa-Bianchi & Fischer 2002's UCB1); the explore-only and
// exploit-only baselines. The formulas are those of the reference code, alon-albalak/FLAD
// src/trainer.py (Exp3BatchedFLADTrainer, UCB1BatchedFLADTrainer) and src/multirun_train_mixed.py;
// the paper's own text could not be read here (README.md).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include <tessera/kit/rng.hpp>
#include <tessera/sdk/eigen.hpp>

namespace flad {

// Cosine similarity of a and b over their coordinates [offset, end); 0 when either part is 0.
inline double alignment(tsr::CVecRef a, tsr::CVecRef b, int64_t offset = 0) {
    const int64_t n = a.size() - offset;
    const auto ta = a.tail(n), tb = b.tail(n);
    const double na = ta.norm(), nb = tb.norm();
    if (!(na > 0.0) || !(nb > 0.0)) return 0.0;
    return ta.dot(tb) / (na * nb);
}

// EXP3-FLAD (reference: Exp3BatchedFLADTrainer). With K arms, round t = 1, 2, … and the importance-weighted cumulative
// reward estimates R̂ (0 at the start):
//
//     ε_t   = min{1/K, √(ln K / (K t))}                                       (exploration rate)
//     π_t(a) = (1 − K ε_t) exp(ε_{t−1} R̂_a) / Σ_b exp(ε_{t−1} R̂_b) + ε_t      (so π_t(a) ≥ ε_t)
//     R̂_a  ← R̂_a + R_{a,t} / π_t(a)      for each a drawn, with R_{a,t} its alignment
//
// The distribution is refreshed once per step (after its G rounds), as the reference does; t
// counts rounds (auxiliary batches) so far. time_scale multiplies t in ε_t: 1 is the paper;
// the reference code uses t = 10·(steps·G) + 1, i.e. time_scale = 10.
class Exp3Flad {
public:
    explicit Exp3Flad(int64_t K, double time_scale = 1.0)
        : K_(K), time_scale_(time_scale), R_(tsr::Vec::Zero(K)), pi_(K), w_(K) {
        if (K < 1) throw std::invalid_argument("Exp3Flad: needs at least one arm");
        eps_ = 1.0 / static_cast<double>(K);
        refresh();
    }

    int64_t choose(tsr::kit::Rng& rng) {
        ++rounds_;
        return tsr::kit::sample_index(pi_, rng);
    }
    void reward(int64_t a, double r) { R_[a] += r / pi_[a]; }
    void end_step() { refresh(); }

    const tsr::Vec& probabilities() const { return pi_; }
    const tsr::Vec& estimates() const { return R_; }
    double exploration() const { return eps_; }

private:
    void refresh() {
        const double K = static_cast<double>(K_);
        const double t = time_scale_ * static_cast<double>(rounds_) + 1.0;
        const double eps_prev = eps_;
        eps_ = K_ > 1 ? std::min(1.0 / K, std::sqrt(std::log(K) / (K * t))) : 0.0;
        w_ = eps_prev * R_;
        w_ = (w_.array() - w_.maxCoeff()).exp().matrix();  // shifted: same ratios, no overflow
        pi_ = ((1.0 - K * eps_) / w_.sum()) * w_;
        pi_.array() += eps_;
    }

    int64_t K_;
    double time_scale_;
    int64_t rounds_ = 0;
    double eps_;
    tsr::Vec R_, pi_, w_;
};

// UCB1-FLAD (reference: UCB1BatchedFLADTrainer). R̂_a starts at the alignment of each auxiliary task with the target at the
// initial parameters (computed once, on a sample of each task: the O(K) initialisation), n_a = 1;
// then each round plays
//
//     a_t = argmax_a  R̂_a + √(2 ln(K + t) / n_a),     n_{a_t} ← n_{a_t} + 1
//
// (K + t rounds counting the initial one per arm, as the reference's played_rounds), and after
// each step the drawn arms' estimates move by an exponential moving average of the rewards:
//
//     R̂_a ← (1 − β) R̂_a + β R_{a,t}          (β = 0.1 in the reference's UCB1 runs)
class Ucb1Flad {
public:
    Ucb1Flad(const tsr::Vec& initial_rewards, double beta)
        : R_(initial_rewards), n_(tsr::Vec::Ones(initial_rewards.size())), beta_(beta) {
        if (R_.size() < 1) throw std::invalid_argument("Ucb1Flad: needs at least one arm");
    }

    int64_t choose(tsr::kit::Rng&) {
        const double log_t = std::log(static_cast<double>(R_.size() + rounds_));
        int64_t best = 0;
        double best_index = -std::numeric_limits<double>::infinity();
        for (int64_t a = 0; a < R_.size(); ++a) {
            const double index = R_[a] + std::sqrt(2.0 * log_t / n_[a]);
            if (index > best_index) {
                best_index = index;
                best = a;
            }
        }
        n_[best] += 1.0;
        ++rounds_;
        return best;
    }
    void reward(int64_t a, double r) { R_[a] = (1.0 - beta_) * R_[a] + beta_ * r; }
    void end_step() {}

    const tsr::Vec& estimates() const { return R_; }
    const tsr::Vec& counts() const { return n_; }

private:
    tsr::Vec R_, n_;
    double beta_;
    int64_t rounds_ = 0;
};

// Explore-only: every auxiliary task with the same probability 1/K, whatever the rewards (the
// paper's uniform mixing).
class UniformMix {
public:
    explicit UniformMix(int64_t K) : K_(K) {}
    int64_t choose(tsr::kit::Rng& rng) { return static_cast<int64_t>(rng.below(static_cast<uint64_t>(K_))); }
    void reward(int64_t, double) {}
    void end_step() {}

private:
    int64_t K_;
};

// Exploit-only: a fixed mixture from the alignments s_a at the initial parameters, never
// updated: p = softmax(s / τ) (τ = 1: the reference's multirun_train_mixed.py with
// weight_initialization_samples > 0), or, for τ = 0, all batches from argmax_a s_a (greedy).
class StaticMix {
public:
    StaticMix(const tsr::Vec& alignments, double temperature) : p_(alignments.size()) {
        if (alignments.size() < 1) throw std::invalid_argument("StaticMix: needs at least one arm");
        if (temperature > 0.0) {
            p_ = ((alignments.array() - alignments.maxCoeff()) / temperature).exp().matrix();
            p_ /= p_.sum();
        } else {
            Eigen::Index best;
            alignments.maxCoeff(&best);
            p_.setZero();
            p_[best] = 1.0;
        }
    }
    int64_t choose(tsr::kit::Rng& rng) { return tsr::kit::sample_index(p_, rng); }
    void reward(int64_t, double) {}
    void end_step() {}
    const tsr::Vec& probabilities() const { return p_; }

private:
    tsr::Vec p_;
};

}  // namespace flad
