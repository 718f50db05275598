// ensemble.hpp — the combinatorial strategy of
//
//   Duy Khanh Lam, "Ensembling Portfolio Strategies for Long-Term Investments: A Distribution-Free
//   Preference Framework for Decision-Making and Algorithms", arXiv:2406.03652 (v2, Feb 2025).
//
// What it builds on (README.md says what of the paper could and could not be verified at the
// source). K component strategies P_1..P_K play portfolios b_t^k; in period t they earn the
// factors s_{t,k} = b_t^k·x_t. A CONSTANT COMBINATION w ∈ Δ_K of them (the investor rebalances
// his wealth among the strategies to the fractions w every period) plays Σ_k w_k b_t^k and has
// wealth
//     S_t(w) = Π_{τ≤t} w·s_τ                                                    (combination wealth)
// The baseline the paper's preference framework compares with is the best such combination,
// which includes every single component (w = e_k) and, when the components' fortunes alternate,
// grows strictly faster than all of them. The combinatorial strategy is universal over the
// combinations, as Cover's universal portfolio is over constant rebalanced portfolios (Cover,
// Math. Finance 1991, with the strategies in the role of the assets):
//     v_t = ∫ w S_{t−1}(w) dμ(w) / ∫ S_{t−1}(w) dμ(w),     b_t = Σ_k v_{t,k} b_t^k,   (universal mix)
// whose wealth is exactly the μ-average of the combinations' wealths, ∫ S_t(w) dμ(w): for a
// finite μ with mass μ_k on each vertex it never falls below μ_k S_t(P_k), and it is within a
// O(K log t) term of the best combination's log-wealth for μ uniform (Cover's bound), so it
// eventually exceeds every component whenever some combination grows faster than all of them.
//
// μ here: a fixed grid of M points (the K vertices, the centroid, and M − K − 1 draws from the
// uniform distribution on Δ_K, seeded by the run), each with mass 1/M: a Monte-Carlo estimate of
// Cover's uniform μ that keeps the exact wealth identity above for the grid's measure.
//
// The accelerated variant tempers the weights, v_t ∝ Σ_m w_m S_{t−1}(w_m)^η with η > 1 (η = 1 is the
// universal mix; η → ∞ follows the best combination of the grid so far): it moves to the leading
// combinations faster, at the price of the exact wealth identity.
//
// K = 1 is the component itself. Cost per period: the K components' own updates + O(M K).
#pragma once

#include <cmath>
#include <memory>
#include <vector>

#include <tessera/kit/rng.hpp>

#include "strategies/strategy.hpp"

namespace portfolio_ensemble {

using markets::Mat;
using markets::Strategy;
using markets::Vec;

class Ensemble final : public Strategy {
public:
    // components: K ≥ 1 strategies over the same n assets; grid_points M ≥ K + 1 (fewer when K = 1);
    // eta ≥ 1 the tempering exponent (1: the universal mix); seed draws the grid.
    Ensemble(std::vector<std::unique_ptr<Strategy>> components, int64_t grid_points, double eta, uint64_t seed)
        : parts_(std::move(components)), eta_(eta) {
        const auto K = static_cast<Eigen::Index>(parts_.size());
        if (K < 1) throw std::invalid_argument("an ensemble needs at least one component");
        const Eigen::Index n = parts_[0]->portfolio().size();
        for (const auto& p : parts_)
            if (p->portfolio().size() != n) throw std::invalid_argument("ensemble components disagree on the number of assets");
        const Eigen::Index M = K == 1 ? 1 : std::max<Eigen::Index>(grid_points, K + 1);
        W_.resize(K, M);
        W_.leftCols(K).setIdentity();  // the components themselves
        if (K > 1) W_.col(K).setConstant(1.0 / static_cast<double>(K));  // the uniform combination
        tsr::kit::Rng rng(seed);
        for (Eigen::Index m = K + 1; m < M; ++m) {  // uniform on Δ_K: normalized exponentials
            for (Eigen::Index k = 0; k < K; ++k) W_(k, m) = -std::log1p(-rng.uniform());
            W_.col(m) /= W_.col(m).sum();
        }
        log_wealth_ = Vec::Zero(M);
        weight_ = Vec(M);
        gains_ = Vec(M);
        s_ = Vec(K);
        v_ = Vec(K);
        b_ = Vec(n);
        combine();
    }

    const Vec& portfolio() const override { return b_; }

    void observe(const Vec& x) override {
        for (size_t k = 0; k < parts_.size(); ++k) s_[static_cast<Eigen::Index>(k)] = parts_[k]->portfolio().dot(x);
        gains_.noalias() = W_.transpose() * s_;  // w_m·s_t for every combination of the grid
        log_wealth_.array() += gains_.array().log();
        for (auto& p : parts_) p->observe(x);
        combine();
    }

    // v_t: the combination of the components played this period.
    const Vec& combination() const { return v_; }
    // log S_t(P_k) of each component, as the ensemble followed them: the grid's first K columns are
    // the vertices e_k, so these are the first K combinations' log-wealths.
    Eigen::VectorBlock<const Vec> component_log_wealth() const {
        return log_wealth_.head(static_cast<Eigen::Index>(parts_.size()));
    }
    // log S_t(w_m) of every combination of the grid (the first K are the components).
    const Vec& combination_log_wealth() const { return log_wealth_; }
    Eigen::Index grid_size() const { return W_.cols(); }

private:
    // v = Σ_m w_m π_m, π_m ∝ exp(η (L_m − max L)); b = Σ_k v_k b^k.
    void combine() {
        const double top = log_wealth_.maxCoeff();
        weight_ = (eta_ * (log_wealth_.array() - top)).exp().matrix();
        v_.noalias() = W_ * weight_;
        v_ /= v_.sum();
        b_.setZero();
        for (size_t k = 0; k < parts_.size(); ++k) b_ += v_[static_cast<Eigen::Index>(k)] * parts_[k]->portfolio();
        b_ /= b_.sum();  // rounding only
    }

    std::vector<std::unique_ptr<Strategy>> parts_;
    double eta_;
    Mat W_;                 // K × M: the grid of combinations, one per column
    Vec log_wealth_;        // M: log S_t(w_m)
    Vec weight_, gains_;    // M: scratch
    Vec s_;                 // K: the components' gains this period
    Vec v_, b_;
};

}  // namespace portfolio_ensemble
