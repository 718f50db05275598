// The bandit_envs plugin: bandit and contextual-bandit environments (tsr.env.v1), regret metrics and
// classic bandit baselines (README.md). Each component registers itself in its own file.
#include <tessera/sdk.hpp>

TSR_PLUGIN("bandit_envs", "1.0.0",
           "online learning: stochastic, adversarial and contextual bandit environments, regret metrics, "
           "classic bandit baselines")
