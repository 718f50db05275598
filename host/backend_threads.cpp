#include <omp.h>

#include <exception>
#include <mutex>

#include "backend.hpp"
#include "provenance.hpp"

namespace tsr::host {

RunResult execute_planned(const Registry& reg, const PlannedRun& run, const BackendOptions& opt) {
    RunResult r;
    try {
        r = run_one(reg, run.request);
    } catch (const std::bad_alloc&) {
        r.status = RunStatus::out_of_memory;
        r.error = "out of memory in the host while running";
    } catch (const std::exception& e) {
        r.status = RunStatus::error;
        r.error = e.what();
    }
    if (r.algorithm.id.empty()) {  // failed before run_one filled anything: keep what we know
        r.algorithm.id = run.request.algorithm;
        r.problem.id = run.request.problem;
        r.seed = run.request.seed;
        r.budget = run.request.budget;
        r.host_version = host_version();
    }
    r.labels = run.labels;
    r.run_key = run.key;
    thin_trace(r.trace, opt.trace_every, opt.trace_log_points);
    return r;
}

RunResult unfinished_run(const PlannedRun& run, RunStatus status, std::string error) {
    RunResult r;
    r.labels = run.labels;
    r.run_key = run.key;
    r.algorithm.id = run.request.algorithm;
    r.problem.id = run.request.problem;
    r.seed = run.request.seed;
    r.budget = run.request.budget;
    r.status = status;
    r.host_version = host_version();
    r.machine = machine_description();
    r.finished_at = utc_now_iso8601();
    r.error = std::move(error);
    return r;
}

void run_threads(const Registry& reg, const std::vector<const PlannedRun*>& runs, const BackendOptions& opt,
                 const ResultSink& sink) {
    std::mutex sink_mutex;
    std::exception_ptr sink_error;
    const int64_t n = static_cast<int64_t>(runs.size());
    // Dynamic schedule: runs differ in length by orders of magnitude.
#pragma omp parallel for schedule(dynamic, 1) num_threads(opt.jobs)
    for (int64_t i = 0; i < n; ++i) {
        RunResult r = execute_planned(reg, *runs[static_cast<size_t>(i)], opt);
        std::lock_guard<std::mutex> lock(sink_mutex);
        if (sink_error) continue;
        try {
            sink(*runs[static_cast<size_t>(i)], std::move(r));
        } catch (...) {
            sink_error = std::current_exception();  // e.g. disk full: stop storing, rethrow below
        }
    }
    if (sink_error) std::rethrow_exception(sink_error);
}

}  // namespace tsr::host
