// A contextual bandit served from tables fixed at creation (an OBLIVIOUS environment, env.h):
//
//   contexts      T × D   the observation o_t shown before step t (D = observation_dim),
//   rewards       T × K   r_t(k), the reward arm k earns at step t (served as ground truth "rewards"),
//   mean_rewards  T × K   E[r_t(k) | o_t]                   (ground truth "mean_rewards").
//
// reset() replays the sequence from t = 0 (its seed is ignored: the sequence belongs to the
// problem's creation seed); step(k) returns r_t(k) and shows o_{t+1}; observe(k) returns r_t(k)
// of the step just played (extra observations). Bandit feedback, discrete arms.
//
// Ownership: owns the tables; the ground-truth arrays are borrowed views valid for the object's
// life. Thread rule: one episode at a time (the host calls a problem object from one thread).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

#include <tessera/sdk.hpp>

namespace bandit_envs {

struct ContextTables {
    tsr::RowMat contexts;      // T × D
    tsr::RowMat rewards;       // T × K
    tsr::RowMat mean_rewards;  // T × K
    double reward_min = 0.0;   // bounds every realized reward respects
    double reward_max = 1.0;
};

class TableEnv {
public:
    explicit TableEnv(ContextTables t) : t_(std::move(t)) {}
    TableEnv(const TableEnv&) = delete;  // ground-truth views point into the tables
    TableEnv& operator=(const TableEnv&) = delete;

    tsr_env_spec env_spec() const {
        tsr_env_spec s{};
        s.struct_size = sizeof s;
        s.feedback = TSR_FEEDBACK_BANDIT;
        s.n_arms = t_.rewards.cols();
        s.action_dim = 0;
        s.observation_dim = t_.contexts.cols();
        s.outcome_dim = 0;
        s.horizon = t_.rewards.rows();
        s.can_observe = 1;
        s.reward_min = t_.reward_min;
        s.reward_max = t_.reward_max;
        return s;
    }

    void reset(uint64_t /*seed: oblivious*/, tsr::VecMap observation) {
        step_ = 0;
        played_ = false;
        show(0, observation);
    }

    double step(int64_t arm, tsr::CVecMap /*action*/, tsr::VecMap observation, tsr::VecMap /*outcome*/,
                bool& done) {
        if (step_ < 0) throw tsr::InvalidArgument("step before reset");
        if (step_ >= horizon()) throw tsr::InvalidArgument("step after the last step of the episode");
        const double r = t_.rewards(step_, arm);
        last_ = step_++;
        played_ = true;
        done = step_ >= horizon();
        if (!done) show(step_, observation);  // after the last step the observation is left unchanged
        return r;
    }

    double observe(int64_t arm) {
        if (!played_) throw tsr::InvalidArgument("observe before the first step");
        return t_.rewards(last_, arm);
    }

    std::optional<double> truth_scalar(std::string_view) { return std::nullopt; }
    std::optional<tsr_array> truth_array(std::string_view name) {
        if (name == "rewards") return tsr::array_view(t_.rewards);
        if (name == "mean_rewards") return tsr::array_view(t_.mean_rewards);
        return std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const names[] = {"rewards", "mean_rewards", nullptr};
        return names;
    }

    const ContextTables& tables() const { return t_; }

private:
    int64_t horizon() const { return t_.rewards.rows(); }
    void show(int64_t t, tsr::VecMap observation) const {
        if (observation.data() != nullptr && observation.size() == t_.contexts.cols())
            observation = t_.contexts.row(t).transpose();
    }

    ContextTables t_;
    int64_t step_ = -1;  // next step to play; -1 before the first reset
    int64_t last_ = 0;   // the step just played
    bool played_ = false;
};

}  // namespace bandit_envs
