// The lr_refine plugin: SGD and Adam whose learning-rate schedule is refined from the gradient
// norms of a linear-decay pilot run (Defazio, Cutkosky, Mehta & Mishchenko 2023; README.md).
#include <tessera/sdk.hpp>

TSR_PLUGIN("lr_refine", "1.0.0",
           "SGD and Adam with the learning-rate schedule refined from a linear-decay run's gradient norms "
           "(Defazio et al. 2023)")
