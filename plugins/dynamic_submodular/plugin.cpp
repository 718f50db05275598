// The dynamic_submodular plugin: the fully dynamic algorithm of Banihashem et al. (ICML 2023) and
// the baselines it is compared with (recomputed lazy greedy, SieveStreaming restarted on deletes,
// and Lattanzi et al.'s NeurIPS 2020 simple algorithm).
// Problems and metrics are in plugins/set_functions. See README.md.
#include <tessera/sdk.hpp>

TSR_PLUGIN("dynamic_submodular", "1.0.0",
           "fully dynamic submodular maximization under a cardinality constraint (Banihashem et al., ICML 2023) "
           "and its baselines")
