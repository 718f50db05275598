// host/backend.hpp — executing a list of planned runs in parallel.
//
//   threads    in-process, OpenMP across runs. Fastest; a crashing plugin takes the bench down.
//   processes  a pool of worker processes forked from this tessera process (same binary, same
//              loaded plugins). A run that segfaults, aborts, exceeds its hard wall-clock limit or
//              its memory limit ends as crashed / timeout / out_of_memory with the tail of its
//              stderr; the worker is replaced and the benchmark goes on.
//   mpi        Open MPI ranks: rank 0 hands out runs and receives results, the others run them
//              (`mpirun -np N tessera bench X.toml --backend mpi`).
//
// Results reach `sink` on the calling thread (rank 0 for MPI), one at a time, in completion
// order; the sink stores them. Every run's result depends only on its request, so the store's
// content does not depend on the backend, -j, or the order.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "experiment.hpp"
#include "registry.hpp"
#include "run_result.hpp"

namespace tsr::host {

struct BackendOptions {
    int jobs = 1;                 // runs at once (threads / worker processes)
    double hard_timeout = 0;      // seconds of wall clock before a worker is killed (0: none)
    int64_t memory_limit_mb = 0;  // address-space limit of a worker (0: none)
    int trace_every = 1;          // trace sampling kept (see thin_trace)
    int trace_log_points = 0;
};

using ResultSink = std::function<void(const PlannedRun& run, RunResult&& result)>;

// One planned run, in this process: run_one, then labels, key and trace sampling. Never throws:
// a failure becomes a RunResult with status error.
RunResult execute_planned(const Registry& reg, const PlannedRun& run, const BackendOptions& opt);

// The result of a planned run that did not run to its end in a run_one (its worker died, or its
// inputs are missing): what the plan knows, with `status` and `error`.
RunResult unfinished_run(const PlannedRun& run, RunStatus status, std::string error);

void run_threads(const Registry& reg, const std::vector<const PlannedRun*>& runs, const BackendOptions& opt,
                 const ResultSink& sink);
void run_processes(const Registry& reg, const std::vector<const PlannedRun*>& runs, const BackendOptions& opt,
                   const ResultSink& sink);

// MPI: every rank calls it with the same plan; `runs` matters on rank 0 only. Returns the rank
// (0 is the one that received results). Throws UsageError when built without MPI.
int run_mpi(const Registry& reg, const std::vector<PlannedRun>& plan, const std::vector<const PlannedRun*>& runs,
            const BackendOptions& opt, const ResultSink& sink);
bool mpi_available();
// Initializes MPI (once) and returns this process's rank; mpi_finalize ends it. No-ops without MPI.
int mpi_init();
void mpi_finalize();

}  // namespace tsr::host
