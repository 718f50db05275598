// host/claims.hpp — checking an experiment's declared claims against its results.
//
// A claim ([[claim]] in the experiment file, see configs/README.md) says that one algorithm
// beats another on one metric output over a set of problem instances. `tessera reproduce` runs
// the experiment, then:
//
//     for (const ClaimVerdict& v : evaluate_claims(experiment, results))
//         print(v.text, v.detail, v.held ? "held" : "did not hold");
//
// How a claim is decided:
//  1. The instances: every grid point of the claim's problems (all problems when none are
//     listed) whose parameters match `where`.
//  2. Per instance and algorithm: the runs with those labels (RunResult::labels), one per
//     repetition. Failed runs (error, timeout, crashed, out of memory) are left out and counted;
//     the other statuses (ok, stopped, budget exhausted, diverged) are results. The metric value
//     is aggregated over the remaining repetitions (mean or median).
//  3. Compared in the output's direction (MetricValue::direction): with lower is better, better
//     holds against worse when  worse - better >= margin,  better < worse,  and
//     better * ratio <= worse  (mirrored for higher is better). With over = "each" every instance
//     must hold; with over = "mean" the per-instance aggregates are averaged first.
//  A claim does not hold when a run is missing (no run at all for a repetition), when every
//  run of a side failed, or when a value is NaN; the detail says which.
//
// Thread rule: pure functions.
#pragma once

#include <string>
#include <vector>

#include "experiment.hpp"
#include "run_result.hpp"

namespace tsr::host {

struct ClaimVerdict {
    std::string text;
    bool held = false;
    // One line: how values were aggregated, then the measured values per instance
    // ("mean over seeds of opt.suboptimality/suboptimality: quadratic[d=50]: lbfgs 1.2e-09 vs
    // gd 0.0034; ..."), and why a claim could not be decided. It is `how` + ": " + the
    // `measured` entries joined by "; ".
    std::string detail;
    std::string how;
    std::vector<std::string> measured;
    bool expected_held = true;  // the claim's `expected`; as_expected() is what reproduce checks
    std::string note;
    bool as_expected() const { return held == expected_held; }
};

std::vector<ClaimVerdict> evaluate_claims(const Experiment& e, const std::vector<RunResult>& runs);

// The problem instances a claim is about, in experiment order.
struct ClaimInstance {
    std::string problem;   // problem label
    std::string instance;  // instance label ("quadratic[d=50]")
};
std::vector<ClaimInstance> claim_instances(const Experiment& e, const Claim& claim);

// The verdict table `tessera reproduce` prints: per claim its verdict (held / did not hold) and
// text, then how it was measured and the values, one instance per line.
std::string verdict_table(const std::vector<ClaimVerdict>& verdicts);

}  // namespace tsr::host
