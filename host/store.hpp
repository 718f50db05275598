// host/store.hpp — the results store: one SQLite file holding complete runs.
//
// A run is saved whole in one transaction or not at all, so a benchmark killed at any moment
// leaves a store whose every run loads complete, and resuming it loses nothing already saved.
// The schema is described at the top of store.cpp; export.hpp turns a store into CSV or JSON.
//
// Thread rule: a Store may be used from several threads at once (calls are serialized on its
// connection). Several processes may open the same file (worker processes, MPI ranks): SQLite
// locks it, and a writer waits up to 10 s for another one to finish. A Store must not cross a
// fork(): a child process opens its own.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "run_result.hpp"

namespace tsr::host {

// The schema version this build reads and writes (PRAGMA user_version of the file).
inline constexpr int store_schema_version = 1;

class Store {
public:
    // Opens the store at `file`, creating it (and its folder) when absent. Throws UsageError
    // naming the file when it is not a Tessera store, was written by a newer Tessera, or
    // cannot be opened.
    explicit Store(const std::filesystem::path& file);
    ~Store();
    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Saves the whole run in one transaction and returns its id (ids grow). A run with a
    // run_key replaces any stored run with the same key, in the same transaction. Throws
    // std::invalid_argument for an inconsistent record (trace columns of different lengths,
    // array bytes not matching shape and dtype), std::runtime_error when SQLite fails.
    int64_t save(const RunResult& r);

    std::vector<int64_t> run_ids() const;  // ascending
    // Every field as saved; doubles bit for bit, except that a NaN outside the trace loads as
    // the quiet NaN (SQLite keeps no NaN). Throws UsageError when there is no such run.
    RunResult load(int64_t id) const;
    int64_t count() const;
    // Status of every run that has a run key (what `tessera bench` resumes from).
    std::map<std::string, RunStatus> statuses_by_key() const;
    // Ids of the runs with these keys, ascending.
    std::vector<int64_t> ids_by_keys(const std::vector<std::string>& keys) const;
    // Names of the extra trace columns over all runs, in first-seen order.
    std::vector<std::string> trace_column_names() const;
    const std::filesystem::path& path() const;
    // False when SQLite opened the file read-only (no write permission on it).
    bool writable() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tsr::host
