// host/run_result.hpp — the record of one run, as the host keeps, stores and reports it.
//
// Everything here is owned host-side data (copied out of the plugin during the run), so a record
// outlives the objects and may be stored, printed or sent between processes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tsr::host {

// How a run ended. Stored as text (run_status_name) so stores stay readable.
enum class RunStatus {
    ok,                // the algorithm finished by its own criterion
    stopped,           // interrupted by the user (Ctrl-C): should_stop told it to end
    budget_exhausted,  // a budget ended it: evaluations (the proxy refused a call, or should_stop
                       // said so), iterations or seconds; `error` says which
    diverged,          // a reported objective was NaN or infinite
    error,             // a plugin returned an error status; `error` says what
    timeout,           // killed by a hard wall-clock limit (process backends)
    crashed,           // the worker died from a signal (process backends)
    out_of_memory,     // killed by the memory limit (process backends)
};
const char* run_status_name(RunStatus s);
std::optional<RunStatus> parse_run_status(const std::string& text);

// One parameter as the user gave it or as defaulted, in schema order, printed as text.
struct ParamText {
    std::string name;
    std::string value;
};

// A component taking part in a run, with its provenance.
struct ComponentUse {
    std::string id;
    std::string version;
    std::string library_path;
    std::string library_sha256;
    std::vector<ParamText> params;
};

// The convergence trace: one row per reported point. `columns` names the extra values the
// algorithm reported (union over points, in first-seen order); missing cells are NaN.
// `counter_columns` give the oracle units per proxy counter at each point.
struct Trace {
    std::vector<int64_t> iteration;
    std::vector<int64_t> evals;  // total oracle units at the point
    std::vector<double> seconds; // since the run started
    std::vector<double> objective;  // NaN where the point had no objective
    std::vector<std::string> columns;
    std::vector<std::vector<double>> values;  // values[c][row]
    size_t size() const { return iteration.size(); }
};

// A solution array, copied: data as raw bytes of `dtype` (TSR_DTYPE_*), row-major.
struct Array {
    std::string name;
    int32_t dtype = 0;
    std::vector<int64_t> shape;
    std::vector<unsigned char> bytes;
    int64_t size() const;
};

// Bytes per element of a TSR_DTYPE_* (0 for an unknown dtype), and its short name ("f64", "i64",
// "i32", "u8"; "unknown").
int64_t dtype_size(int32_t dtype);
const char* dtype_name(int32_t dtype);

struct Scalar {
    std::string name;
    double value = 0;
};

// Oracle counter of the proxy: one function of one interface ("tsr.objective.v1/value_gradient").
struct Counter {
    std::string name;
    int64_t calls = 0;
    int64_t units = 0;
    double seconds = 0;
};

struct MetricValue {
    std::string metric_id;  // component id
    std::string name;       // output name
    int32_t direction = 0;  // TSR_LOWER_IS_BETTER / TSR_HIGHER_IS_BETTER / TSR_NO_DIRECTION
    double value = 0;       // NaN when it could not be computed
};

struct Budget {
    int64_t max_evals = 0;       // 0: unlimited
    int64_t max_iterations = 0;  // 0: unlimited
    double max_seconds = 0;      // 0: unlimited
};

// Where a run sits in an experiment (all empty for a lone `tessera run`).
struct RunLabels {
    std::string experiment;  // experiment name
    std::string algorithm;   // algorithm label ("adam-lr1e-3"; the id when unlabelled)
    std::string problem;     // problem label
    std::string instance;    // problem label with its grid parameters ("quadratic[d=50]")
    int64_t repetition = 0;  // seed index within the experiment
};

struct RunResult {
    RunLabels labels;
    ComponentUse algorithm;
    ComponentUse problem;
    std::vector<ComponentUse> metrics;
    uint64_t seed = 0;          // the run's master seed
    Budget budget;
    int max_threads = 1;
    // Identifies the run within an experiment (for resuming a benchmark); none for a lone run.
    std::optional<std::string> run_key;

    RunStatus status = RunStatus::ok;
    std::string error;          // message for error/crashed/timeout, empty otherwise

    Trace trace;
    std::vector<Array> arrays;
    std::vector<Scalar> scalars;
    std::vector<Counter> counters;
    std::vector<MetricValue> metric_values;
    int64_t total_evals = 0;

    // Provenance and cost.
    std::string host_version;
    std::string machine;        // hostname, OS, CPU
    std::string started_at;     // ISO 8601 UTC
    std::string finished_at;
    double wall_seconds = 0;
    double cpu_seconds = 0;
    int64_t peak_rss_kb = 0;
};

}  // namespace tsr::host
