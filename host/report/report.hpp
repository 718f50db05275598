// host/report/report.hpp — `tessera report`: what a results store says, as tables and plots.
//
// A report compares methods (algorithm labels) on problem instances, over seeds. It is computed
// from runs already in memory, so every command that has runs can print one:
//
//     std::vector<RunResult> runs = report::load_runs(store);    // every trace read once
//     report::ReportOptions o;                                   // defaults: per instance, mean ± std
//     o.ansi = report::stdout_is_terminal();
//     fmt::print("{}", report::render_tables(runs, o));          // `tessera bench` ends like this
//     report::write_html(runs, o, "report.html");                // one self-contained page
//     report::write_pngs(runs, o, "figures/");                   // or PNG files
//
// The tables (one per group, by default per problem instance):
//   - one row per method: labels.algorithm, or for runs of a lone `tessera run` the algorithm id
//     with the parameters that differ between such runs ("opt.gd[lr=0.1]");
//   - "runs": how the runs ended ("3 ok, 1 crashed"). ok, stopped and budget_exhausted count as
//     ok; diverged is named but its metric values are used; error, timeout, crashed and
//     out_of_memory are failures and give no values (the rule of claims.hpp);
//   - one column per metric output: mean ± std over seeds (or with `median`: median [q25, q75])
//     of the finite values. A cell with fewer values than the row has runs says how many it used
//     and why the others gave none, beyond the failures of "runs": "(n=2: 1 NaN)";
//   - the best value of a column with a direction (↓ lower / ↑ higher is better) is marked:
//     bold on a terminal (ansi), "*" otherwise; every tie is marked;
//   - "rank": the mean over the columns with a direction of the method's rank in that column
//     (1 = best, ties share the average rank, a method without a value ranks last). Every
//     output counts once, so a metric with several outputs weighs more; `metrics` narrows the
//     columns when that matters.
//   With several groups a last table summarizes each method across groups (mean rank, wins).
//   Runs stored more than once under one run_key (a retried failure) count once: the last
//   finished run, else the last one.
//
// The plots (gnuplot, run as a child process; missing gnuplot skips them with a note):
//   - convergence per group: the objective (or a traced column, `curves`) against oracle calls
//     and against seconds (or the axes of `x_axes`: iterations, one kind of oracle call), per method the median over seeds with the 25–75% band. Each seed's
//     curve is read as a step function (the last reported value at or before x) on a common
//     log-spaced grid from where every seed has started to where the longest run ended (a seed
//     that ended earlier keeps its last value). Log y when every plotted value is positive;
//   - metric distributions per group: a box plot per method and metric (box: quartiles,
//     whiskers: 1.5 IQR), the seeds drawn as points over it;
//   - performance profiles across groups (Dolan & Moré 2002) for each lower-is-better metric
//     (or `profile_metrics`): ρ_s(τ) = fraction of instances where t_s ≤ τ · min_s t, with t the
//     per-instance mean (median) over seeds; a method with no value on an instance never solves
//     it. Only methods run on every instance take part; instances whose best t ≤ 0 are left out
//     (ratios need positive measures). Each exclusion is written under the plot.
//
// Thread rule: pure functions of their arguments, except the writers' files and child processes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../run_result.hpp"

namespace tsr::host {
class Store;
}

namespace tsr::host::report {

// What a table gathers: one per problem instance (labels.instance; unlabelled runs: problem id
// and the parameters that differ), per problem (labels.problem or id), per experiment, or all
// runs in one.
enum class GroupBy { instance, problem, experiment, all };
const char* group_by_name(GroupBy g);
std::optional<GroupBy> parse_group_by(std::string_view text);

struct ReportOptions {
    GroupBy group_by = GroupBy::instance;
    bool median = false;  // median [IQR] instead of mean ± std (also for best, rank, profiles)
    // Metric columns to show, each "metric_id/output", "metric_id" (all its outputs) or "output";
    // empty: all. A name that matches nothing is a UsageError listing the available ones.
    std::vector<std::string> metrics;
    // Metrics (same spelling) for performance profiles; empty: every lower-is-better column.
    std::vector<std::string> profile_metrics;
    // Traced values drawn against oracle calls and seconds: "objective" or trace column names.
    std::vector<std::string> curves = {"objective"};
    // x axes of the convergence plots: "evals" (all oracle units), "seconds", "iterations", or
    // "units:TEXT" (the units of the proxy counters whose name contains TEXT, summed).
    std::vector<std::string> x_axes = {"evals", "seconds"};
    bool linear_x = false;      // linear x axes (default log: convergence over orders of magnitude)
    // Grid parameters to plot metrics against (sweeps.hpp): "B", "n", "rankings".
    std::vector<std::string> vs;
    bool ansi = false;          // mark best cells in bold with ANSI escapes instead of "*"
    std::string title;          // shown atop the HTML page (e.g. the store's path)
    std::string gnuplot = "gnuplot";  // program name (looked up in PATH) or path
    size_t grid_points = 100;   // points of the convergence curves' common x grid
};

// Every run of the store, in id order (traces included: read once, reused by every plot).
std::vector<RunResult> load_runs(const Store& store);

// The terminal tables (UTF-8; ANSI bold only when o.ansi), with a legend at the end.
std::string render_tables(const std::vector<RunResult>& runs, const ReportOptions& o);

// What writing plots did: how many figures, and notes for the user (gnuplot missing, plots
// left out and why). The writers never throw for a plot; they throw UsageError when the output
// cannot be written.
struct PlotSummary {
    size_t figures = 0;
    std::vector<std::string> notes;
    std::vector<std::filesystem::path> files;  // PNG files written
};

// One self-contained HTML page: the tables, and the plots as inline SVG. Written to a
// temporary file beside `file`, then renamed: never half-written.
PlotSummary write_html(const std::vector<RunResult>& runs, const ReportOptions& o, const std::filesystem::path& file);
// The same figures as PNG files in `dir` (created when absent); needs gnuplot's pngcairo.
PlotSummary write_pngs(const std::vector<RunResult>& runs, const ReportOptions& o, const std::filesystem::path& dir);

// Whether standard output is a terminal that takes ANSI escapes (and NO_COLOR is unset).
bool stdout_is_terminal();

}  // namespace tsr::host::report
