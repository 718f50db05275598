// The bilevel_penalty plugin: the penalty methods of Kwon, Kwon, Wright & Nowak (ICLR 2024) for
// nonconvex bilevel optimization (see README.md). Problems, baselines (AID, ITD) and metrics are
// in the shared plugin plugins/bilevel_problems.
#include <tessera/sdk.hpp>

TSR_PLUGIN("bilevel_penalty", "1.0.0",
           "penalty methods for nonconvex bilevel optimization: double-loop and single-loop stochastic (ICLR 2024)")
