// host/runner.hpp — one run: create the problem and the algorithm, put the proxy between them,
// run, evaluate the metrics, and return the complete record.
//
// Thread rule: run_one may be called concurrently from several threads (each run has its own
// objects); the registry is only read.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "registry.hpp"
#include "run_result.hpp"

namespace tsr::host {

using KeyValues = std::vector<std::pair<std::string, std::string>>;  // "k=v" as given

struct MetricRequest {
    std::string id;
    KeyValues params;
};

struct RunRequest {
    std::string algorithm;
    KeyValues algorithm_params;
    std::string problem;
    KeyValues problem_params;
    std::vector<MetricRequest> metrics;
    uint64_t seed = 0;
    Budget budget;
    int max_threads = 1;
    // Solution arrays of the run this one continues (tsr_run_context.inputs); usually none.
    std::vector<Array> inputs;
};

// Seeds of a run's roles, derived from its master seed with a counter-based mix, so that the
// same master seed gives the same problem instance whatever the algorithm.
uint64_t problem_seed(uint64_t master);
uint64_t algorithm_seed(uint64_t master);
uint64_t metric_seed(uint64_t master);

// Checks ids, parameters and interface compatibility; throws UsageError with a message that
// names what is wrong and what would be right. Nothing is created.
void check_request(const Registry& registry, const RunRequest& request);

// Checks, then executes the run. A plugin error or exception becomes RunStatus::error with its
// message; only bad requests throw (UsageError).
RunResult run_one(const Registry& registry, const RunRequest& request);

// Makes Ctrl-C ask running algorithms to stop (should_stop), keeping what they found; a second
// Ctrl-C exits at once.
void install_interrupt_handler();

// Splits "k=v" into {k, v}; throws UsageError naming `what` when there is no '='.
std::pair<std::string, std::string> split_key_value(const std::string& text, const char* what);

// Parses "id" or "id:k=v,k=v" (the --metric syntax).
MetricRequest parse_metric_spec(const std::string& text);

}  // namespace tsr::host
