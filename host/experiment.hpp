// host/experiment.hpp — experiment files: what a benchmark compares, read from TOML.
//
// An experiment file (configs/*.toml; the format is described in configs/README.md) names the
// problems, algorithms and metrics of a comparison by id, each with parameters. A list value is
// a grid axis (`d = [20, 50]`); the experiment is the cartesian product
//
//     problems × problem grid × algorithms × algorithm grid × repetitions
//
// Seeds, budgets (per experiment, overridable per algorithm), trace sampling, declared claims
// (checked by `tessera reproduce`, see claims.hpp) and a reduced `--quick` variant complete it.
//
// The life of an experiment:
//
//     Experiment e = load_experiment("configs/quickstart.toml");   // the file alone: syntax,
//                                                                   // keys, types, labels
//     std::vector<PlannedRun> plan = expand(e, registry);          // ids, parameters and
//                                                                   // compatibility, before any run
//     std::cout << describe_plan(plan);                            // `tessera bench --dry-run`
//     for (const PlannedRun& p : plan) {                           // (a backend does this)
//         RunResult r = run_one(registry, p.request);
//         r.labels = p.labels;  r.run_key = p.key;
//         thin_trace(r.trace, e.trace.every, e.trace.log_points);
//     }
//
// Every mistake is a UsageError that starts with "<file>:<line>: " and names the key, what is
// wrong, and what is expected. Nothing here runs plugin code.
//
// Thread rule: plain values and pure functions; use from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "registry.hpp"
#include "run_result.hpp"
#include "runner.hpp"

namespace tsr::host {

// One parameter of an entry as written: a fixed value, or a grid axis (a TOML list; `axis` is
// true even for a one-element list). Values are text, as ParamSet::resolve accepts them.
struct ParamSpec {
    std::string name;
    std::vector<std::string> values;
    bool axis = false;
    int line = 0;
};

// A partial budget: the keys that were given.
struct BudgetSpec {
    std::optional<int64_t> max_evals;
    std::optional<int64_t> max_iterations;
    std::optional<double> max_seconds;
    int line = 0;
};

struct ProblemEntry {
    std::string id;
    std::string label;               // the id when not given
    std::vector<ParamSpec> params;   // sorted by name
    int line = 0;
};

struct AlgorithmEntry {
    std::string id;
    std::string label;               // the id when not given
    std::vector<ParamSpec> params;   // sorted by name
    BudgetSpec budget;               // overrides the experiment's budget, key by key
    std::vector<std::string> problems;  // labels of the problems it runs on; empty: all
    // Label of the entry whose run (same instance and seed) this one continues: its solution
    // arrays reach the algorithm as inputs (tsr_run_context.inputs). Empty: none.
    std::string after;
    int after_line = 0;
    int line = 0;
    bool runs_on(const std::string& problem_label) const;
};

struct MetricEntry {
    std::string id;
    KeyValues params;                // no grids: every metric is computed once per run
    int line = 0;
};

enum class Aggregate { mean, median };  // over the seeds of one instance
enum class Over { each, mean };         // must hold on each instance, or on the mean over them

// "`better` beats `worse` on `metric`/`output`", over a subset of the problem instances.
struct Claim {
    std::string text;                // as written, or generated from the fields
    std::string better;              // algorithm label, or variant label "adam[lr=0.01]"
    std::string worse;               // empty when the claim is against a bound
    // `bound = NUMBER` instead of `worse`: better beats this constant (ratio ≥ 1/2 − ε, a slope
    // below −0.4), with the same margin and ratio rules.
    std::optional<double> bound;
    std::string metric;              // metric id
    std::string output;              // output name; "" when the metric has a single output
    Aggregate aggregate = Aggregate::mean;
    double margin = 0;               // absolute, in metric units
    double ratio = 1;                // better <= worse / ratio (lower is better), >= 1
    std::vector<std::string> problems;  // problem labels; empty: all
    std::vector<ParamSpec> where;    // problem parameter filters (any of the listed values)
    Over over = Over::each;
    // Known not to reproduce at this scale (`expected = "not held"`): the claim stays in the file,
    // is still evaluated and printed, and `tessera reproduce` exits 0 only if it still does not
    // hold — so a fix that makes it hold is noticed, and so is a held claim breaking.
    bool expected_held = true;
    std::string note;                // why it is expected not to hold (free text, shown with the verdict)
    int line = 0;
};

struct TraceSampling {
    int64_t every = 1;               // keep every k-th point (first and last always)
    int64_t log_points = 0;          // > 0: about this many log-spaced points instead
};

// How `tessera reproduce` draws the experiment ([report]; empty: the report's defaults).
struct ReportSpec {
    std::vector<std::string> curves;  // traced values to plot ("objective" or trace columns)
    std::vector<std::string> x_axes;  // evals, seconds, iterations, units:TEXT
    bool linear_x = false;            // linear x axes instead of log
    std::vector<std::string> vs;      // grid parameters to plot the metrics against
};

struct Experiment {
    std::string file;                // as given to load_experiment
    std::string name;
    std::string description;
    uint64_t seed = 0;               // master seed
    int64_t repetitions = 1;
    std::vector<uint64_t> seeds;     // explicit repetition seeds (then repetitions == size)
    Budget budget;
    TraceSampling trace;
    std::vector<ProblemEntry> problems;
    std::vector<AlgorithmEntry> algorithms;
    std::vector<MetricEntry> metrics;
    std::vector<Claim> claims;
    int64_t full_only_claims = 0;    // claims with `quick = false` left out by --quick
    ReportSpec report;
    bool quick = false;              // the [quick] reductions were applied

    // The seed of repetition i: seeds[i] when given, else kit::mix_seed(seed, i).
    uint64_t repetition_seed(size_t i) const;
};

// Reads and checks an experiment file; with `quick`, applies its reductions: the [quick]
// repetitions, the [quick] budget as a cap on every run's budget, and each entry's `quick`
// parameter overrides. Throws UsageError "<file>:<line>: <key>: <what is wrong>; expected ...".
Experiment load_experiment(const std::filesystem::path& file, bool quick = false);

// One point of an entry's parameter grid.
struct GridPoint {
    std::string label;               // "quadratic[d=50]"; the entry label when it has no axes
    KeyValues params;                // every given parameter, one value each
    KeyValues axes;                  // the axis parameters only, in name order
};
// The grid of an entry, first parameter (by name) varying slowest.
std::vector<GridPoint> grid_points(const std::string& label, const std::vector<ParamSpec>& params);

struct PlannedRun {
    RunRequest request;
    RunLabels labels;
    std::string key;                 // sha256 hex of the run's canonical description
    std::string after_key;           // key of the run this one continues (`after`); empty: none
    size_t index = 0;                // position in the plan
};

// The runs of an experiment, in a deterministic order (problems × problem grid × algorithms ×
// algorithm grid × repetitions, last varying fastest; an algorithm with `problems` only on those). Checks every id, parameter and
// algorithm/problem/metric pairing and the claims' metric outputs against the registry first;
// throws UsageError prefixed with "<file>:<line>: " of the entry at fault.
std::vector<PlannedRun> expand(const Experiment& e, const Registry& registry);

// `tessera bench --dry-run`: one line per run, then the total.
std::string describe_plan(const std::vector<PlannedRun>& plan);

// Keeps every `every`-th trace point, or with log_points > 0 about that many points log-spaced
// in the point index; the first and the last point are always kept. All columns are thinned
// alike.
void thin_trace(Trace& trace, int64_t every, int64_t log_points);

}  // namespace tsr::host
