// host/bench.hpp — a whole benchmark: expand an experiment, skip what the store already has,
// run the rest on a backend, store every result as it arrives. `tessera bench` and
// `tessera reproduce` are thin layers over run_bench.
#pragma once

#include <string>
#include <vector>

#include "backend.hpp"
#include "experiment.hpp"
#include "run_result.hpp"

namespace tsr::host {

struct BenchRequest {
    std::string experiment_file;
    std::string out;                  // store path; empty: results/<experiment name>.db
    std::string backend = "processes";  // threads | processes | mpi
    BackendOptions options;
    std::string shard;                // "i/N" or empty
    bool dry_run = false;             // print the plan, run nothing
    bool retry_failed = false;        // rerun runs stored as failed
    bool quick = false;               // the experiment's [quick] reductions
    bool quiet = false;               // no progress display
    std::vector<std::string> plugin_paths;
};

struct BenchOutcome {
    Experiment experiment;
    std::string store_path;
    std::vector<RunResult> runs;      // the stored runs of this shard's plan (rank 0 only)
    size_t ran = 0;                   // runs executed now
    size_t failures = 0;              // of those, how many failed
    int rank = 0;                     // MPI rank; only rank 0 has results
};

// Throws UsageError for bad input (experiment file, ids, options, a store in use).
BenchOutcome run_bench(const BenchRequest& request);

// A failed run: error, crashed, timeout, out of memory (not retried unless asked).
bool is_failed_status(RunStatus s);

}  // namespace tsr::host
