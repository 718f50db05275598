// host/export.hpp — a results store as CSV files or one JSON document, for pandas and friends.
//
// CSV (export_csv): one file per table, a header line, RFC 4180 quoting (a text field holding a
// comma, a quote or a line break is quoted, its quotes doubled), lines ending in "\n", UTF-8
// (invalid bytes from a plugin's message become U+FFFD). Numbers are the shortest text that
// reads back as the same double; non-finite ones are nan, inf, -inf (pandas reads them as such).
//
//   runs.csv        id, run_key, experiment, algorithm_label, problem_label, instance,
//                   repetition, status, error, algorithm_id, algorithm_version, problem_id,
//                   problem_version, seed, max_evals, max_iterations, max_seconds, max_threads,
//                   wall_seconds, cpu_seconds, peak_rss_kb, total_evals, started_at,
//                   finished_at, host_version, machine, algorithm_library, algorithm_sha256,
//                   problem_library, problem_sha256
//   components.csv  run_id, role, position, id, version, library_path, library_sha256
//                   (every component, metrics included: provenance of metric values)
//   params.csv      run_id, role (algorithm|problem|metric), component, name, value
//   metrics.csv     run_id, metric, output, direction (lower|higher|none), value
//   trace.csv       run_id, row, iteration, evals, seconds, objective, then one column per extra
//                   name over the whole store (empty where a run did not report it)
//   counters.csv    run_id, name, calls, units, seconds
//   scalars.csv     run_id, name, value
//   arrays.csv      run_id, name, dtype (f64|i64|i32|u8), shape ("3x4"; "" for a scalar),
//                   values (row-major, space-separated)
//
// The trace is WIDE (a row per point, a column per value) rather than long (a row per value):
// pd.read_csv("trace.csv") is then ready to plot (objective against evals, grouped by run_id)
// without a pivot. An extra column named like a fixed one (e.g. "seconds") is written as
// "extra.seconds", here and in JSON.
//
// JSON (export_json, to_json): UTF-8, compact, one run per line in an export:
//   {"tessera_store_version": 1, "runs": [{"id": 1, ...}, ...]}
// A run holds every field of RunResult: run_key (null when none), labels {experiment,
// algorithm, problem, instance, repetition}, status, error, algorithm and
// problem {id, version, library_path, library_sha256, params: {name: "text"}}, metrics [...],
// seed, budget {max_evals, max_iterations, max_seconds}, max_threads, total_evals, wall_seconds,
// cpu_seconds, peak_rss_kb, host_version, machine, started_at, finished_at,
// trace {iteration: [...], evals: [...], seconds: [...], objective: [...], <extra>: [...]}
// (pd.DataFrame(run["trace"]) is the trace), metric_values [{metric, output, direction, value}],
// scalars {name: value}, counters [{name, calls, units, seconds}],
// arrays [{name, dtype, shape: [3, 4], data: [...] (row-major)}].
// JSON has no NaN or infinity: non-finite doubles are written as null.
#pragma once

#include <filesystem>
#include <string>

#include "run_result.hpp"
#include "store.hpp"

namespace tsr::host {

// Writes the CSV files above into `dir` (created if needed; existing files are replaced).
// Throws UsageError naming the file that cannot be written.
void export_csv(const Store& store, const std::filesystem::path& dir);

// Writes the whole store as one JSON document into `file`.
void export_json(const Store& store, const std::filesystem::path& file);

// One run as a JSON object (no "id": the run need not be stored), as `tessera run --json` prints.
std::string to_json(const RunResult& r);

}  // namespace tsr::host
