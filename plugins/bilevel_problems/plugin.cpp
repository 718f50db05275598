// The bilevel_problems plugin: bilevel problems (tsr.bilevel.v1 + tsr.ground_truth.v1), the
// classical hypergradient baselines AID and ITD, and bilevel metrics, shared by the bilevel
// papers (see README.md). Each component registers itself in its own file.
#include <tessera/sdk.hpp>

TSR_PLUGIN("bilevel_problems", "1.0.0",
           "bilevel problems (non-unique toy, data hyper-cleaning, L2 tuning), AID/ITD baselines and bilevel metrics")
