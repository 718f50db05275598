// tessera run --algorithm A --problem P [--metric M[:k=v,...]]... [--param k=v]... [--problem-param k=v]...
//             [--seed S] [--max-evals N] [--max-iterations N] [--max-seconds T] [--threads N]
//             [--out results.db] [--json]
#include <cmath>
#include <iostream>

#include <fmt/format.h>

#include "../errors.hpp"
#include "../export.hpp"
#include "../runner.hpp"
#include "../store.hpp"
#include "../table.hpp"
#include "../text.hpp"
#include "command.hpp"

namespace tsr::host::cli {

namespace {

std::string num(double v) {
    if (std::isnan(v)) return "-";
    return fmt::format("{:.6g}", v);
}

// At most ~`rows` trace rows: the first, the last, and log-spaced ones between (convergence
// happens early; a log-spaced sample shows it).
std::vector<size_t> sample_rows(size_t n, size_t rows) {
    std::vector<size_t> out;
    if (n <= rows) {
        for (size_t i = 0; i < n; ++i) out.push_back(i);
        return out;
    }
    for (size_t k = 0; k < rows; ++k) {
        const size_t i = static_cast<size_t>(std::round(std::pow(double(n), double(k) / double(rows - 1)))) - 1;
        if (out.empty() || i > out.back()) out.push_back(std::min(i, n - 1));
    }
    if (out.back() != n - 1) out.push_back(n - 1);
    return out;
}

void print_result(const RunResult& r, size_t trace_rows) {
    fmt::print("run: {} on {} (seed {})\n", r.algorithm.id, r.problem.id, r.seed);
    std::vector<std::string> ap, pp;
    for (const auto& p : r.algorithm.params) ap.push_back(p.name + "=" + p.value);
    for (const auto& p : r.problem.params) pp.push_back(p.name + "=" + p.value);
    if (!ap.empty()) fmt::print("  algorithm params: {}\n", join(ap, " "));
    if (!pp.empty()) fmt::print("  problem params:   {}\n", join(pp, " "));
    fmt::print("status: {}{}\n", run_status_name(r.status), r.error.empty() ? "" : " — " + r.error);

    if (r.trace.size() && trace_rows) {
        std::vector<std::string> header = {"iter", "evals", "seconds", "objective"};
        std::vector<size_t> cols;
        for (size_t c = 0; c < r.trace.columns.size(); ++c)
            if (r.trace.columns[c].rfind("units:", 0) != 0) {
                header.push_back(r.trace.columns[c]);
                cols.push_back(c);
            }
        Table t(header);
        for (size_t i = 0; i < header.size(); ++i) t.align_right(i);
        for (size_t i : sample_rows(r.trace.size(), trace_rows)) {
            std::vector<std::string> row = {std::to_string(r.trace.iteration[i]), std::to_string(r.trace.evals[i]),
                                            fmt::format("{:.4f}", r.trace.seconds[i]), num(r.trace.objective[i])};
            for (size_t c : cols) row.push_back(num(r.trace.values[c][i]));
            t.add(row);
        }
        fmt::print("\ntrace ({} points{})\n{}", r.trace.size(),
                   r.trace.size() > trace_rows ? ", log-spaced sample" : "", t.render());
    }
    if (!r.counters.empty()) {
        Table t({"oracle", "calls", "units", "seconds"});
        for (size_t i = 1; i < 4; ++i) t.align_right(i);
        for (const auto& c : r.counters)
            t.add({c.name, std::to_string(c.calls), std::to_string(c.units), fmt::format("{:.6f}", c.seconds)});
        fmt::print("\n{}", t.render());
    }
    if (!r.metric_values.empty()) {
        Table t({"metric", "output", "value", "better"});
        t.align_right(2);
        for (const auto& m : r.metric_values)
            t.add({m.metric_id, m.name, num(m.value), m.direction < 0 ? "lower" : m.direction > 0 ? "higher" : ""});
        fmt::print("\n{}", t.render());
    }
    fmt::print("\nwall {:.3f} s · cpu {:.3f} s · {} oracle units · peak rss {} MB\n", r.wall_seconds, r.cpu_seconds,
               r.total_evals, r.peak_rss_kb / 1024);
}

}  // namespace

int cmd_run(const std::vector<std::string>& args) {
    po::options_description d("tessera run");
    RunRequest req;
    std::vector<std::string> params, problem_params, metrics, paths;
    std::string out;
    size_t trace_rows = 15;
    d.add_options()("help,h", "show this help")(
        "algorithm,a", po::value(&req.algorithm)->required(), "algorithm id (`tessera list --kind algorithm`)")(
        "problem,p", po::value(&req.problem)->required(), "problem id (`tessera list --kind problem`)")(
        "metric,m", po::value(&metrics)->composing(), "metric id, optionally with parameters: ID:k=v,k=v (repeatable)")(
        "param", po::value(&params)->composing(), "algorithm parameter k=v (repeatable)")(
        "problem-param", po::value(&problem_params)->composing(), "problem parameter k=v (repeatable)")(
        "seed", po::value(&req.seed)->default_value(0), "master seed; problem and algorithm seeds derive from it")(
        "max-evals", po::value(&req.budget.max_evals)->default_value(0), "oracle-unit budget (0: unlimited)")(
        "max-iterations", po::value(&req.budget.max_iterations)->default_value(0),
        "trace-point budget (0: unlimited)")(
        "max-seconds", po::value(&req.budget.max_seconds)->default_value(0), "wall-clock budget (0: unlimited)")(
        "threads", po::value(&req.max_threads)->default_value(1), "threads the algorithm may use")(
        "out", po::value(&out), "also store the run in this SQLite results file")(
        "json", "print the run record as JSON instead of tables")(
        "trace-rows", po::value(&trace_rows)->default_value(15), "trace rows to print (0: none)");
    add_plugin_options(d, paths);
    po::variables_map vm;
    if (!parse(args, d, {}, vm, "tessera run --algorithm A --problem P [--metric M]... [--param k=v]...")) return 0;
    if (req.max_threads < 1) throw UsageError("--threads must be at least 1");
    for (const auto& p : params) req.algorithm_params.push_back(split_key_value(p, "--param"));
    for (const auto& p : problem_params) req.problem_params.push_back(split_key_value(p, "--problem-param"));
    for (const auto& m : metrics) req.metrics.push_back(parse_metric_spec(m));

    Registry reg;
    load_registry(reg, paths);
    check_request(reg, req);
    std::optional<Store> store;
    if (!out.empty()) store.emplace(out);  // open before running: a bad path fails fast
    install_interrupt_handler();
    const RunResult r = run_one(reg, req);
    if (store) {
        const int64_t id = store->save(r);
        if (!vm.count("json")) fmt::print(stderr, "stored as run {} in {}\n", id, out);
    }
    if (vm.count("json"))
        std::cout << to_json(r) << "\n";
    else
        print_result(r, trace_rows);
    return r.status == RunStatus::error ? 1 : 0;
}

}  // namespace tsr::host::cli
