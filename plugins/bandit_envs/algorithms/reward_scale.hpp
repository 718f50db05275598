// reward_scale.hpp — losses in [0, 1] from an environment's rewards, as the adversarial-bandit
// algorithms (EXP3, Hedge, the batched framework) are stated for losses in [0, 1].
//
//   bounded rewards  r ∈ [r_min, r_max]:  ℓ = (r_max − r) / (r_max − r_min)
//   unbounded (a Gaussian bandit):        ℓ = clip_[0,1](1 − r)   (rewards taken to live in [0, 1])
#pragma once

#include <algorithm>
#include <cmath>

#include <tessera/sdk.hpp>

namespace bandit_envs {

class LossScale {
public:
    explicit LossScale(const tsr_env_spec& s)
        : bounded_(std::isfinite(s.reward_min) && std::isfinite(s.reward_max) && s.reward_max > s.reward_min),
          hi_(bounded_ ? s.reward_max : 1.0),
          width_(bounded_ ? s.reward_max - s.reward_min : 1.0) {}

    double loss(double reward) const { return std::clamp((hi_ - reward) / width_, 0.0, 1.0); }
    double reward01(double reward) const { return 1.0 - loss(reward); }

private:
    bool bounded_;
    double hi_, width_;
};

}  // namespace bandit_envs
