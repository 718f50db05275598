// reward_table_env.hpp — what every bandit environment here shares, K-armed (problems/) and
// contextual (contextual/): an oblivious environment whose whole reward sequence is a T × K table
// fixed from the problem's seed when the problem is created, optionally with a T × D table of
// contexts shown before each step.
//
//   step t (0-based) with arm a:   reward r_t(a) = rewards(t, a);  done after step T − 1
//   observation before step t:     contexts(t, ·)  (D = observation_dim; D = 0: no observation);
//                                  after the last step the observation is left unchanged
//   observe(b) after step t:        rewards(t, b)  (an extra observation; tsr.env.v1/observe)
//   feedback = "full":              the outcome vector is the row rewards(t, ·)
//
// Because the tables do not depend on the actions, `reset` replays the same sequence (its seed is
// ignored: the sequence belongs to the problem's creation seed) and the ground truth
// (tsr.ground_truth.v1) is exactly the table: "rewards" (T × K) and, where the environment knows
// them, "mean_rewards" (T × K: E[r_t(k)], or E[r_t(k) | o_t] for a contextual one). Losses are
// served as rewards r = −ℓ (tsr.env.v1), so a loss-based environment stores −ℓ.
//
// Two ways to fill the tables:
//   K-armed:    derive, construct the base from TableParams (T, K, feedback), fill rewards_ (and
//               set_means) in the constructor, call set_reward_range;
//   contextual: derive, build a RewardTables (contexts, rewards, mean_rewards, reward bounds) and
//               hand it to the base's constructor (bandit feedback).
// Either way the concrete environment adds its own info, Params and header comment.
//
// Ownership: owns the tables; the ground-truth arrays are borrowed views valid for the object's
// life. Thread rule: one episode at a time (the host calls a problem object from one thread).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <tessera/sdk.hpp>

namespace bandit_envs {

// The parameters every K-armed table environment has (T, K, feedback); each Params struct derives from it.
struct TableParams {
    int64_t arms = 10;
    int64_t horizon = 10000;
    std::string feedback = "bandit";

    template <class P>
    static void add_to(tsr::Schema<P>& s) {
        s.integer("arms", &P::arms, "K: number of arms", {.min = 2, .max = 1 << 16});
        s.integer("horizon", &P::horizon, "T: steps in the episode", {.min = 1, .max = 100'000'000});
        s.choice("feedback", &P::feedback, {"bandit", "full"},
                 "bandit: only r_t(a_t) (extra observations through observe); full: each step's outcome is every "
                 "arm's reward");
    }
};

// The tables of a contextual environment, built whole before the environment is constructed.
struct RewardTables {
    tsr::RowMat contexts;      // T × D: the observation o_t shown before step t
    tsr::RowMat rewards;       // T × K: r_t(k)
    tsr::RowMat mean_rewards;  // T × K: E[r_t(k) | o_t]
    double reward_min = -std::numeric_limits<double>::infinity();  // bounds every realized reward respects
    double reward_max = std::numeric_limits<double>::infinity();
};

class RewardTableEnv {
public:
    using provides = tsr::Provides<tsr::Env, tsr::GroundTruth>;

    RewardTableEnv(const RewardTableEnv&) = delete;  // ground-truth views point into the tables
    RewardTableEnv& operator=(const RewardTableEnv&) = delete;

    tsr_env_spec env_spec() const {
        tsr_env_spec s{};
        s.struct_size = sizeof s;
        s.feedback = full_ ? TSR_FEEDBACK_FULL : TSR_FEEDBACK_BANDIT;
        s.n_arms = rewards_.cols();
        s.action_dim = 0;
        s.observation_dim = contexts_.cols();
        s.outcome_dim = full_ ? rewards_.cols() : 0;
        s.horizon = rewards_.rows();
        s.can_observe = 1;
        s.reward_min = reward_min_;
        s.reward_max = reward_max_;
        return s;
    }

    // Oblivious: the seed is ignored, the same tables are replayed from step 0.
    void reset(uint64_t /*seed*/, tsr::VecMap observation) {
        t_ = 0;
        started_ = true;
        show(0, observation);
    }

    double step(int64_t arm, tsr::CVecMap /*action*/, tsr::VecMap observation, tsr::VecMap outcome, bool& done) {
        if (!started_) throw tsr::InvalidArgument("step before reset");
        if (t_ >= rewards_.rows()) throw tsr::InvalidArgument("step after the episode ended (done)");
        const int64_t t = t_++;
        if (full_ && outcome.data() != nullptr) outcome = rewards_.row(t).transpose();
        done = t_ == rewards_.rows();
        if (!done) show(t_, observation);  // after the last step the observation is left unchanged
        return rewards_(t, arm);
    }

    double observe(int64_t arm) const {
        if (!started_ || t_ == 0) throw tsr::InvalidArgument("observe before the first step");
        return rewards_(t_ - 1, arm);
    }

    std::optional<double> truth_scalar(std::string_view) { return std::nullopt; }
    std::optional<tsr_array> truth_array(std::string_view name) {
        if (name == "rewards") return tsr::array_view(rewards_);
        if (name == "mean_rewards" && means_.size() > 0) return tsr::array_view(means_);
        return std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const with_means[] = {"rewards", "mean_rewards", nullptr};
        static const char* const without[] = {"rewards", nullptr};
        return means_.size() > 0 ? with_means : without;
    }

protected:
    // K-armed: a T × K table for the derived constructor to fill; no contexts.
    explicit RewardTableEnv(const TableParams& p)
        : rewards_(p.horizon, p.arms), full_(p.feedback == "full") {}

    // Contextual: the tables built whole; bandit feedback.
    explicit RewardTableEnv(RewardTables t)
        : rewards_(std::move(t.rewards)),
          means_(std::move(t.mean_rewards)),
          contexts_(std::move(t.contexts)),
          full_(false),
          reward_min_(t.reward_min),
          reward_max_(t.reward_max) {}

    // Records the reward range an algorithm may rescale with (the env spec's reward_min/max).
    void set_reward_range(double lo, double hi) {
        reward_min_ = lo;
        reward_max_ = hi;
    }

    // A stochastic environment's arm means μ: every row of "mean_rewards".
    void set_means(const tsr::Vec& mu) { means_ = mu.transpose().replicate(rewards_.rows(), 1); }

    tsr::RowMat rewards_;  // T × K realized rewards
    tsr::RowMat means_;    // T × K expected rewards where known, else empty

private:
    // Writes o_t into the caller's observation buffer (nothing when there are no contexts).
    void show(int64_t t, tsr::VecMap observation) const {
        if (contexts_.cols() > 0 && t < contexts_.rows() && observation.data() != nullptr &&
            observation.size() == contexts_.cols())
            observation = contexts_.row(t).transpose();
    }

    tsr::RowMat contexts_;  // T × D observations, or empty (D = 0)
    bool full_;
    double reward_min_ = -std::numeric_limits<double>::infinity();
    double reward_max_ = std::numeric_limits<double>::infinity();
    int64_t t_ = 0;  // steps taken in the current episode
    bool started_ = false;
};

}  // namespace bandit_envs
