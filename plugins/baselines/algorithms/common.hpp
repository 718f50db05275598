// common.hpp — what every baseline algorithm does the same way.
#pragma once

#include <tessera/kit/keep_solution.hpp>
#include <tessera/sdk.hpp>

namespace baselines {

using tsr::Vec;

// The run's solution "x" however the loop ends (kit/keep_solution.hpp).
using tsr::kit::keep_solution;

// Appends trace point k when it is due (every `every` iterations, and always when `last`).
// Returns true when the host asks the run to stop.
inline bool report_due(tsr::Run& r, int64_t every, int64_t k, bool last, double f,
                       std::initializer_list<tsr::Named> extra) {
    if (k % every == 0 || last) return r.report(k, f, extra);
    return false;
}

}  // namespace baselines
