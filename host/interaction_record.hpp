// host/interaction_record.hpp — what the host records of an interactive run (an environment played
// step by step, an update stream), from the proxy's logs, into the run result.
//
// Environment (tsr.env.v1): trace columns at every reported point
//   env.steps          steps taken,
//   env.reward         cumulative reward,
//   env.switches       times the discrete action changed,
//   env.regret         max_a Σ_{s<t} R[s,a] − Σ_{s<t} R[s,a_s]   (ground truth "rewards", T × K),
//   env.pseudo_regret  Σ_{s<t} max_a M[s,a] − M[s,a_s]             (ground truth "mean_rewards"),
// and run arrays "env.actions" (I64, discrete actions only) and "env.rewards" (F64). Regret
// columns are given for single-episode runs whose steps the tables cover; elsewhere they are NaN.
//
// Stream (tsr.stream.v1): the trace column "stream.steps" (updates pulled when each trace point
// was reported: where a metric's series places that point, iface/metric_series.h), and run arrays
// "stream.updates" (U × 2: kind, element), "stream.queries" (oracle units spent when each update
// was pulled), "stream.solution_step", "stream.solution_offsets", "stream.solution_elements"
// (see iface/stream.h).
//
// The ground truth is read from the problem itself (not the proxy), after the run.
#pragma once

#include <cstdint>
#include <vector>

#include <tessera/abi.h>

#include "proxy.hpp"
#include "run_result.hpp"

namespace tsr::host {

// `steps_at_point[i]` is the number of steps taken when trace point i was reported.
void record_env(const EnvLog& log, const std::vector<int64_t>& steps_at_point, tsr_object* problem, RunResult& r);

// `steps_at_point[i]` is the number of updates pulled when trace point i was reported.
void record_stream(const StreamLog& log, const std::vector<int64_t>& steps_at_point, RunResult& r);

}  // namespace tsr::host
