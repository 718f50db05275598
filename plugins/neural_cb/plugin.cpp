// The neural_cb plugin: Deb et al., "Contextual Bandits with Online Neural Regression", ICLR 2024
// (NeuSquareCB, NeuFastCB) and the baselines it is compared with (LinUCB, neural ε-greedy,
// NeuralUCB with diagonal Z). README.md. The environments are in plugins/bandit_envs/contextual.
#include <tessera/sdk.hpp>

TSR_PLUGIN("neural_cb", "1.0.0",
           "neural contextual bandits by online regression: NeuSquareCB, NeuFastCB; LinUCB, neural eps-greedy, "
           "NeuralUCB-diag")
