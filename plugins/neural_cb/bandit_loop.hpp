// The interaction loop every algorithm of this plugin shares: reset the environment, show the
// algorithm the arm features of the current context, play its arm, hand back the reward scaled to
// [0, 1], report trace points.
//
//   BanditLoop loop(r, p.arm_features);
//   while (loop.running()) {
//       int64_t a = choose(loop.features());        // ArmFeatures: column k = φ(o_t, k)
//       phi = loop.features().arm(a);               // copy: play() moves the features to o_{t+1}
//       double y = loop.play(a);                    // reward of a, scaled to [0, 1]
//       learn(phi, y);
//   }
//
// Scaling: y = (r − reward_min) / (reward_max − reward_min) clipped to [0, 1] with the bounds of the
// env's spec; infinite bounds are refused (every method here assumes bounded rewards: SquareCB and
// FastCB's analyses need [0, 1]). An affine map does not change which arm is best.
// Trace: a point (TSR_TRACE_NO_OBJECTIVE) every max(1, T/trace_points) steps and at the last step;
// the host adds env.regret / env.pseudo_regret there. The step counter is the trace iteration.
//
// Ownership: owns the observation and the feature matrix; borrows the Run. One per run.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include <tessera/sdk.hpp>

#include "arm_features.hpp"

namespace neural_cb {

class BanditLoop {
public:
    BanditLoop(tsr::Run& r, const std::string& arm_features, int64_t trace_points = 100)
        : r_(r), env_(r.env()), spec_(env_.spec()),
          features_(arm_features, spec_.observation_dim, std::max<int64_t>(spec_.n_arms, 1)) {
        if (spec_.n_arms < 2) throw tsr::Unsupported("needs an environment with discrete arms (n_arms >= 2)");
        if (!std::isfinite(spec_.reward_min) || !std::isfinite(spec_.reward_max) ||
            !(spec_.reward_max > spec_.reward_min))
            throw tsr::Unsupported("needs finite reward bounds reward_min < reward_max in the environment's spec");
        obs_ = tsr::Vec::Zero(spec_.observation_dim);
        every_ = std::max<int64_t>(1, spec_.horizon / std::max<int64_t>(1, trace_points));
        env_.reset(r.seed(), obs_);
        features_.fill(obs_);
    }

    int64_t arms() const { return spec_.n_arms; }
    int64_t horizon() const { return spec_.horizon; }
    int64_t step() const { return t_; }  // steps played so far
    const ArmFeatures& features() const { return features_; }

    bool running() const { return !done_ && !stop_ && !r_.should_stop(); }

    double play(int64_t arm) {
        const tsr_env_step st = env_.step(arm, obs_);
        ++t_;
        done_ = st.done != 0 || (spec_.horizon > 0 && t_ >= spec_.horizon);
        if (t_ % every_ == 0 || done_) stop_ = r_.report_values(t_, {});
        const double y = (st.reward - spec_.reward_min) / (spec_.reward_max - spec_.reward_min);
        // o_{t+1} replaces o_t only now, so learn(a, y) after play() must not read features():
        // the algorithms copy φ(o_t, a) before playing.
        if (!done_) features_.fill(obs_);
        return std::clamp(y, 0.0, 1.0);
    }

private:
    tsr::Run& r_;
    tsr::EnvRef env_;
    tsr_env_spec spec_;
    ArmFeatures features_;
    tsr::Vec obs_;
    int64_t every_ = 1, t_ = 0;
    bool done_ = false, stop_ = false;
};

}  // namespace neural_cb
