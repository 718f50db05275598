#include "bench.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <deque>
#include <map>
#include <set>

#include <fmt/format.h>

#include "errors.hpp"
#include "progress.hpp"
#include "runner.hpp"
#include "store.hpp"

namespace tsr::host {

namespace {

// "i/N" → {i, N} with 0 <= i < N.
std::pair<size_t, size_t> parse_shard(const std::string& s) {
    size_t i = 0, n = 0;
    char slash = 0, extra = 0;
    if (std::sscanf(s.c_str(), "%zu%c%zu%c", &i, &slash, &n, &extra) != 3 || slash != '/' || n == 0 || i >= n)
        throw UsageError(fmt::format("--shard '{}' must be i/N with 0 <= i < N, e.g. 0/4", s));
    return {i, n};
}

// One writer per store: a second `tessera bench` on the same file is refused, not interleaved.
// The lock lives as long as the process (and its forked workers).
void lock_store(const std::string& db) {
    // The canonical path: a second bench reaching the store through a symlink is the same writer.
    const std::string lock = std::filesystem::weakly_canonical(db).string() + ".lock";
    const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT, 0644);
    if (fd < 0) throw UsageError(fmt::format("cannot create the lock file {} (is the folder writable?)", lock));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0)
        throw UsageError(fmt::format("another `tessera bench` is writing {}; wait for it to finish or use another --out",
                                     db));
}

}  // namespace

bool is_failed_status(RunStatus s) {
    return s == RunStatus::error || s == RunStatus::crashed || s == RunStatus::timeout ||
           s == RunStatus::out_of_memory;
}

BenchOutcome run_bench(const BenchRequest& req) {
    if (req.backend != "threads" && req.backend != "processes" && req.backend != "mpi")
        throw UsageError(fmt::format("--backend '{}' is not one of threads, processes, mpi", req.backend));
    if (req.options.jobs < 1) throw UsageError("--jobs must be at least 1");
    const bool mpi = req.backend == "mpi";
    if (mpi && !mpi_available())
        throw UsageError("this tessera was built without Open MPI (libopenmpi-dev); use --backend processes");

    BenchOutcome out;
    out.rank = mpi ? mpi_init() : 0;
    struct MpiGuard {
        bool on;
        ~MpiGuard() {
            if (on) mpi_finalize();
        }
    } mpi_guard{mpi};
    const bool rank0 = out.rank == 0;
    const bool quiet = req.quiet || !rank0;

    Registry reg;
    reg.scan(default_plugin_places(req.plugin_paths));
    if (rank0 && !quiet)
        for (const auto& p : reg.problems()) fmt::print(stderr, "warning: plugin {} {}\n", p.path, p.reason);
    out.experiment = load_experiment(req.experiment_file, req.quick);
    const Experiment& exp = out.experiment;
    const std::vector<PlannedRun> plan = expand(exp, reg);
    if (mpi)  // checked on every rank, before any waits for another
        for (const PlannedRun& p : plan)
            if (!p.after_key.empty())
                throw UsageError(fmt::format("algorithm '{}' runs after another (after = ...): not supported on the mpi "
                                             "backend yet; use --backend processes or threads",
                                             p.labels.algorithm));
    const auto [shard_i, shard_n] = req.shard.empty() ? std::pair<size_t, size_t>{0, 1} : parse_shard(req.shard);
    std::vector<const PlannedRun*> selected;
    for (const PlannedRun& p : plan)
        if (p.index % shard_n == shard_i) selected.push_back(&p);

    BackendOptions opt = req.options;
    if (opt.hard_timeout == 0) {  // 3 x the longest time budget of any run (algorithms may override it)
        double longest = 0;
        for (const PlannedRun* p : selected) longest = std::max(longest, p->request.budget.max_seconds);
        if (longest > 0) opt.hard_timeout = 3 * longest + 60;
    }
    opt.trace_every = static_cast<int>(exp.trace.every);
    opt.trace_log_points = static_cast<int>(exp.trace.log_points);

    if (req.dry_run) {
        if (rank0) {
            std::vector<PlannedRun> subset;
            for (const PlannedRun* p : selected) subset.push_back(*p);
            fmt::print("{}", describe_plan(subset));
        }
        return out;
    }
    if (!rank0) {  // MPI worker: runs what rank 0 sends, stores nothing
        run_mpi(reg, plan, {}, opt, {});
        return out;
    }

    out.store_path = req.out.empty() ? (std::filesystem::path("results") / (exp.name + ".db")).string() : req.out;
    Store store(out.store_path);
    if (!store.writable())
        throw UsageError(fmt::format("the results store {} is read-only; give a writable --out", out.store_path));
    lock_store(out.store_path);
    const auto stored = store.statuses_by_key();
    std::vector<const PlannedRun*> to_run;
    size_t kept = 0, kept_failed = 0;
    for (const PlannedRun* p : selected) {
        const auto it = stored.find(p->key);
        if (it == stored.end() || (is_failed_status(it->second) && req.retry_failed)) to_run.push_back(p);
        else ++(is_failed_status(it->second) ? kept_failed : kept);
    }
    if (!quiet)
        fmt::print(stderr, "{}: {} runs{}; {} already stored{}; {} to run on the {} backend{} → {}\n", exp.name,
                   selected.size(), req.shard.empty() ? "" : " in shard " + req.shard, kept + kept_failed,
                   kept_failed ? fmt::format(" ({} failed: --retry-failed reruns them)", kept_failed) : "",
                   to_run.size(), req.backend, mpi ? "" : fmt::format(" with {} jobs", opt.jobs), out.store_path);

    install_interrupt_handler();
    Progress progress(to_run.size(), quiet);
    const ResultSink sink = [&](const PlannedRun&, RunResult&& r) {
        const bool failed = is_failed_status(r.status);
        out.failures += failed;
        ++out.ran;
        try {
            store.save(r);  // one transaction; replaces a failed run with the same key
        } catch (const std::exception& e) {
            throw EnvironmentError(fmt::format("could not store a run in {}: {}. The {} runs stored before are whole; "
                                         "free space (or fix the cause) and run the same command again to resume",
                                         out.store_path, e.what(), kept + kept_failed + out.ran - 1));
        }
        progress.step(failed);
    };
    // Runs `after` another go in a later wave than their source, with its solution arrays as
    // inputs (read back from the store, so a source stored by an earlier bench serves as well).
    // (MPI has one wave, `after` being refused there, and must call run_mpi even with nothing to
    // run: the workers wait for its stop message.)
    std::vector<const PlannedRun*> pending = to_run;
    std::deque<PlannedRun> with_inputs;  // stable addresses
    if (mpi) {
        run_mpi(reg, plan, to_run, opt, sink);
        pending.clear();
    }
    while (!pending.empty()) {
        std::set<std::string> waiting;
        for (const PlannedRun* p : pending) waiting.insert(p->key);
        std::vector<const PlannedRun*> wave, later;
        for (const PlannedRun* p : pending) (waiting.count(p->after_key) ? later : wave).push_back(p);
        // A source that is not stored whole (in another shard, interrupted, failed) leaves its
        // continuations as errors that say so, never run without their inputs.
        std::erase_if(wave, [&](const PlannedRun*& p) {
            if (p->after_key.empty()) return false;
            const auto ids = store.ids_by_keys({p->after_key});
            RunResult source;
            if (!ids.empty()) source = store.load(ids.front());
            if (ids.empty() || is_failed_status(source.status)) {
                sink(*p, unfinished_run(*p, RunStatus::error,
                                        fmt::format("the run it continues ({}) is {} in {}: run it first (with --shard, "
                                                    "a chain must be run whole by one shard)",
                                                    p->after_key.substr(0, 12),
                                                    ids.empty() ? "not stored" : "stored as failed", out.store_path)));
                return true;
            }
            PlannedRun& copy = with_inputs.emplace_back(*p);
            copy.request.inputs = std::move(source.arrays);
            p = &copy;
            return false;
        });
        if (req.backend == "threads") run_threads(reg, wave, opt, sink);
        else run_processes(reg, wave, opt, sink);
        pending = std::move(later);
    }
    progress.finish();

    // The stored runs of this plan, labelled as the experiment labels them now: a label renamed
    // since a run was stored (labels are not part of the run key) follows the file.
    std::map<std::string, const PlannedRun*> by_key;
    std::vector<std::string> keys;
    for (const PlannedRun* p : selected) keys.push_back(p->key), by_key[p->key] = p;
    for (int64_t id : store.ids_by_keys(keys)) {
        RunResult r = store.load(id);
        if (r.run_key) r.labels = by_key.at(*r.run_key)->labels;
        out.runs.push_back(std::move(r));
    }
    return out;
}

}  // namespace tsr::host
