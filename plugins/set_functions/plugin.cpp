// The set_functions plugin: set-function problems with insert/delete streams (weighted
// max-k-coverage, facility location) served through tsr.set_function.v1 and tsr.stream.v1, the
// offline lazy greedy other plugins include (lazy_greedy.hpp), and the dynamic metrics
// (README.md). Each component registers itself in its own file.
#include <tessera/sdk.hpp>

TSR_PLUGIN("set_functions", "1.0.0",
           "set functions with insert/delete streams: weighted max-k-coverage, facility location; "
           "value-ratio and queries-per-update metrics")
