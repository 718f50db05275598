// tessera bench EXPERIMENT.toml [--out results.db] [--backend threads|processes|mpi] [-j N] ...
#include <thread>

#include <fmt/format.h>

#include "../bench.hpp"
#include "../report/report.hpp"
#include "command.hpp"

namespace tsr::host::cli {

int cmd_bench(const std::vector<std::string>& args) {
    po::options_description d("tessera bench");
    BenchRequest req;
    req.options.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    d.add_options()("help,h", "show this help")(
        "experiment", po::value(&req.experiment_file)->required(), "experiment file (.toml, see configs/README.md)")(
        "out,o", po::value(&req.out), "results store (default: results/<experiment name>.db)")(
        "backend", po::value(&req.backend)->default_value("processes"),
        "threads (in-process), processes (isolated workers) or mpi (under mpirun)")(
        "jobs,j", po::value(&req.options.jobs)->default_value(req.options.jobs), "runs at once")(
        "shard", po::value(&req.shard), "run only shard i of N (i/N) into its own store; `tessera merge` joins them")(
        "dry-run", "print the expanded run list and its size; run nothing")(
        "retry-failed", "run again the runs stored as failed (error, crashed, timeout, out of memory)")(
        "quick", "apply the experiment's [quick] reductions (what claim tests run)")(
        "timeout", po::value(&req.options.hard_timeout)->default_value(0),
        "hard wall-clock limit per run, seconds (processes backend; 0: 3 x the longest time budget + 60 s "
        "when runs have one, else none)")(
        "memory-limit", po::value(&req.options.memory_limit_mb)->default_value(0),
        "address-space limit per worker, MB (processes backend; 0: none)")(
        "quiet,q", "no progress display")("no-report", "do not print the result tables at the end");
    add_plugin_options(d, req.plugin_paths);
    po::positional_options_description pos;
    pos.add("experiment", 1);
    po::variables_map vm;
    if (!parse(args, d, pos, vm, "tessera bench EXPERIMENT.toml [--out results.db] [--backend B] [-j N]")) return 0;
    req.dry_run = vm.count("dry-run") > 0;
    req.retry_failed = vm.count("retry-failed") > 0;
    req.quick = vm.count("quick") > 0;
    req.quiet = vm.count("quiet") > 0;

    const BenchOutcome out = run_bench(req);
    if (out.rank != 0 || req.dry_run) return 0;
    if (!vm.count("no-report")) {
        report::ReportOptions o;
        o.ansi = report::stdout_is_terminal();
        fmt::print("{}", report::render_tables(out.runs, o));
    }
    if (out.failures)
        fmt::print(stderr, "{} of {} runs failed; `tessera report {}` shows them\n", out.failures, out.ran,
                   out.store_path);
    return 0;
}

}  // namespace tsr::host::cli
