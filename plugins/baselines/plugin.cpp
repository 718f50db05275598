// The baselines plugin: classic optimizers, test problems and optimization metrics that many
// papers compare against (see README.md). Each component registers itself in its own file.
#include <tessera/sdk.hpp>

TSR_PLUGIN("baselines", "1.0.0",
           "classic optimizers (GD, Nesterov, L-BFGS, SGD, Adam, AdamW), test problems and optimization metrics")
