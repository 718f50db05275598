// market.hpp — what every market environment shares: a fixed sequence of price relatives served
// through tsr.env.v1 with vector actions (portfolios), and as ground truth.
//
//   Sequence: X ∈ R^{T×n}_{>0}, X(t, i) = p_{t+1,i} / p_{t,i}, fixed at creation (from the seed or
//   a file): the environment is oblivious, and reset replays it.
//   Action at step t: a portfolio b_t on the simplex Δ_n (action_dim = n, n_arms = 0); anything
//   else (a negative weight, weights not summing to 1 within 1e-6, a NaN) is an invalid argument.
//   Reward: log(b_t·x_t) + log(1 − c), the step's log-growth of wealth, with the proportional
//   transaction cost c = γ/2 ‖b_t − b̂_{t−1}‖₁ of moving from b̂_{t−1} = b_{t−1} ∘ x_{t−1} /
//   (b_{t−1}·x_{t−1}), the portfolio the last step left, to b_t (γ = transaction_cost, default
//   0; the first step starts from cash and pays nothing). Full feedback: the outcome is x_t.
//   Final log-wealth = Σ_t reward_t; with γ = 0 it is Σ_t log(b_t·x_t).
//   Ground truth (tsr.ground_truth.v1): "price_relatives", the T × n matrix X.
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <tessera/sdk.hpp>

namespace markets {

class Market {
public:
    using provides = tsr::Provides<tsr::Env, tsr::GroundTruth>;

    tsr_env_spec env_spec() const { return spec_; }

    void reset(uint64_t /*seed: oblivious*/, tsr::VecMap /*observation: none*/) {
        t_ = 0;
        held_.setZero();
    }

    double step(int64_t /*arm*/, tsr::CVecMap b, tsr::VecMap /*observation*/, tsr::VecMap outcome, bool& done) {
        if (t_ >= X_.rows()) throw tsr::InvalidArgument("step after the last period (call reset)");
        check_portfolio(b);
        const auto x = X_.row(t_);
        const double gain = b.dot(x.transpose());
        double reward = std::log(gain);
        if (cost_ > 0.0 && t_ > 0) reward += std::log1p(-0.5 * cost_ * (b - held_).lpNorm<1>());
        if (cost_ > 0.0) held_ = b.cwiseProduct(x.transpose()) / gain;  // b̂_t: what the market leaves of b_t
        if (outcome.data() != nullptr) outcome = x.transpose();
        ++t_;
        done = t_ == X_.rows();
        return reward;
    }

    std::optional<double> truth_scalar(std::string_view) const { return std::nullopt; }
    std::optional<tsr_array> truth_array(std::string_view name) const {
        if (name == "price_relatives") return tsr::array_view(X_);
        return std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const names[] = {"price_relatives", nullptr};
        return names;
    }

    const tsr::RowMat& price_relatives() const { return X_; }

protected:
    // X: T × n price relatives, all finite and > 0; cost: γ ∈ [0, 1).
    Market(tsr::RowMat X, double cost) : X_(std::move(X)), cost_(cost), held_(tsr::Vec::Zero(X_.cols())) {
        if (X_.rows() < 1 || X_.cols() < 1) throw tsr::InvalidArgument("a market needs at least one period and one asset");
        if (!X_.allFinite() || !(X_.minCoeff() > 0.0))
            throw tsr::InvalidArgument("price relatives must be finite and > 0");
        spec_.struct_size = sizeof spec_;
        spec_.feedback = TSR_FEEDBACK_FULL;
        spec_.n_arms = 0;
        spec_.action_dim = X_.cols();
        spec_.observation_dim = 0;
        spec_.outcome_dim = X_.cols();
        spec_.horizon = X_.rows();
        spec_.can_observe = 0;
        // log(b·x) lies between the log of the step's smallest and largest relative (costs lower it).
        spec_.reward_min = cost_ > 0.0 ? -std::numeric_limits<double>::infinity() : std::log(X_.minCoeff());
        spec_.reward_max = std::log(X_.maxCoeff());
    }

private:
    static void check_portfolio(tsr::CVecMap b) {
        if (!b.allFinite()) throw tsr::InvalidArgument("the portfolio has a non-finite weight");
        if (b.minCoeff() < -1e-12) throw tsr::InvalidArgument("the portfolio has a negative weight (no short sales)");
        if (std::abs(b.sum() - 1.0) > 1e-6)
            throw tsr::InvalidArgument("the portfolio's weights sum to " + std::to_string(b.sum()) + ", not 1");
    }

    tsr::RowMat X_;  // borrowed by truth_array for the object's life: never resized after creation
    double cost_;
    tsr_env_spec spec_{};  // constant: computed once (the SDK reads it at every step)
    tsr::Vec held_;
    int64_t t_ = 0;
};

}  // namespace markets
