// The switching_costs plugin: the batched framework of Cheng, Zhou & Ji (ICML 2023) for online
// learning with switching costs under a feedback budget (README.md). Environments, baselines
// (EXP3, shrinking-dartboard Hedge) and regret metrics are in plugins/bandit_envs.
#include <tessera/sdk.hpp>

TSR_PLUGIN("switching_costs", "1.0.0",
           "batched online learning with switching costs and an extra-observation budget (Cheng, Zhou & Ji, ICML 2023)")
