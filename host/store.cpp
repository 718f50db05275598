// host/store.cpp — the results store on SQLite (C API, wrapped in a few RAII classes below).
//
// ---------------------------------------------------------------------------------------------
// Schema, version 1
// ---------------------------------------------------------------------------------------------
// A store is recognised by PRAGMA user_version = 1 AND a row ('tessera_store', '1') in `meta`.
// A newer version is refused (never half-read); an older one will be migrated when one exists.
//
//   meta          (key, value)
//   runs          (id, run_key, experiment, algorithm_label, problem_label, instance,
//                  repetition, status, error, seed, max_evals, max_iterations, max_seconds,
//                  max_threads, total_evals, wall_seconds, cpu_seconds, peak_rss_kb,
//                  host_version, machine, started_at, finished_at)
//   components    (run_id, role, position, id, version, library_path, library_sha256)
//   params        (run_id, role, position, ordinal, name, value)
//   metric_values (run_id, ordinal, metric_id, name, direction, value)
//   trace         (run_id, rows, iteration, evals, seconds, objective)
//   trace_columns (run_id, ordinal, name, data)
//   arrays        (run_id, ordinal, name, dtype, shape, data)
//   scalars       (run_id, ordinal, name, value)
//   counters      (run_id, ordinal, name, calls, units, seconds)
//
// - Every table but meta and runs has run_id → runs(id) ON DELETE CASCADE. Lists keep their
//   order through `ordinal` (and `position` for components: role 'algorithm' and 'problem' have
//   position 0, role 'metric' 0, 1, ... in the run's order; params hang from (role, position)).
// - runs.status is run_status_name(); runs.seed holds the uint64 seed's bits as an int64 (a
//   seed >= 2^63 reads as negative in SQL); run_key is NULL for a run without one (indexed).
// - metric_values.direction: -1 lower is better, 1 higher is better, 0 none (abi.h).
// - Columns of doubles are declared WITHOUT a type on purpose: a REAL column turns -0.0 into 0.
//   SQLite stores NaN as NULL; NULL loads as the quiet NaN.
// - The trace is stored column-wise, one BLOB of little-endian int64 (iteration, evals) or
//   float64 (seconds, objective, trace_columns.data) per column per run: `rows` values each.
//   Measured with 10^4 points and 2 extra columns: ~2 ms per save as blobs, ~35 ms as a row
//   per point (trace + trace_values tables), and 1.7x the file size. Nobody queries single trace
//   points in SQL; the exports flatten traces for pandas.
// - arrays.data is the array's bytes (row-major, little-endian); arrays.shape is text "3x4"
//   ("" for a scalar, "0" for an empty vector).
//
// Durability: WAL journal with synchronous=NORMAL. A saved run survives a crash of the process;
// a power cut may lose the last few saves, never leave one half-written.
#include "store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <type_traits>

#include <fmt/format.h>

#include "errors.hpp"
#include "text.hpp"

namespace tsr::host {

namespace fs = std::filesystem;

namespace {

static_assert(std::endian::native == std::endian::little,
              "the store writes numbers in native byte order; a big-endian port must swap here");

constexpr std::string_view schema_sql = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    run_key TEXT,
    experiment TEXT NOT NULL,
    algorithm_label TEXT NOT NULL,
    problem_label TEXT NOT NULL,
    instance TEXT NOT NULL,
    repetition INTEGER NOT NULL,
    status TEXT NOT NULL,
    error TEXT NOT NULL,
    seed INTEGER NOT NULL,
    max_evals INTEGER NOT NULL,
    max_iterations INTEGER NOT NULL,
    max_seconds,
    max_threads INTEGER NOT NULL,
    total_evals INTEGER NOT NULL,
    wall_seconds,
    cpu_seconds,
    peak_rss_kb INTEGER NOT NULL,
    host_version TEXT NOT NULL,
    machine TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL);
CREATE INDEX runs_by_key ON runs (run_key);
CREATE TABLE components (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    role TEXT NOT NULL, position INTEGER NOT NULL,
    id TEXT NOT NULL, version TEXT NOT NULL,
    library_path TEXT NOT NULL, library_sha256 TEXT NOT NULL,
    PRIMARY KEY (run_id, role, position)) WITHOUT ROWID;
CREATE TABLE params (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    role TEXT NOT NULL, position INTEGER NOT NULL, ordinal INTEGER NOT NULL,
    name TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (run_id, role, position, ordinal)) WITHOUT ROWID;
CREATE TABLE metric_values (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    metric_id TEXT NOT NULL, name TEXT NOT NULL, direction INTEGER NOT NULL, value,
    PRIMARY KEY (run_id, ordinal)) WITHOUT ROWID;
CREATE TABLE trace (
    run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    rows INTEGER NOT NULL,
    iteration BLOB NOT NULL, evals BLOB NOT NULL, seconds BLOB NOT NULL, objective BLOB NOT NULL);
CREATE TABLE trace_columns (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, name TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (run_id, ordinal));
CREATE TABLE arrays (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, name TEXT NOT NULL, dtype INTEGER NOT NULL, shape TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (run_id, ordinal));
CREATE TABLE scalars (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, name TEXT NOT NULL, value,
    PRIMARY KEY (run_id, ordinal)) WITHOUT ROWID;
CREATE TABLE counters (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, name TEXT NOT NULL,
    calls INTEGER NOT NULL, units INTEGER NOT NULL, seconds,
    PRIMARY KEY (run_id, ordinal)) WITHOUT ROWID;
)sql";

// ---- RAII over the SQLite C API ----------------------------------------------------------------

struct CloseDb {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct FinalizeStatement {
    void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};

// Bytes bound to a statement without copying; they must outlive the step.
struct Blob {
    const void* data;
    size_t size;
};

template <class T>
Blob as_blob(const std::vector<T>& v) {
    return {v.data(), v.size() * sizeof(T)};
}

// The connection, with the file name every error message carries.
class Connection {
public:
    explicit Connection(const fs::path& file) : file_(file) {
        sqlite3* db = nullptr;
        // NOMUTEX: Store serializes calls itself; SQLite's own mutex would be a second lock.
        int rc = sqlite3_open_v2(file.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
        db_.reset(db);  // a handle comes back even on failure, and must be closed
        if (rc != SQLITE_OK)
            throw UsageError(fmt::format("cannot open results store '{}': {}", file.string(),
                                         db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
        sqlite3_extended_result_codes(db, 1);
    }

    sqlite3* get() const { return db_.get(); }
    const fs::path& file() const { return file_; }

    [[noreturn]] void fail(std::string_view doing) const {
        // The operating system's reason ("No space left on device") says more than SQLite's.
        const int sys = sqlite3_system_errno(db_.get());
        throw std::runtime_error(fmt::format("results store '{}': {} failed: {}{}", file_.string(), doing,
                                             sqlite3_errmsg(db_.get()),
                                             sys ? fmt::format(" ({})", std::strerror(sys)) : std::string()));
    }

    // Runs statements that return no rows; `doing` names them in an error (default: the SQL).
    void exec(std::string_view sql, std::string_view doing = {}) const {
        if (sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
            fail(doing.empty() ? fmt::format("'{}'", sql) : std::string(doing));
    }

private:
    fs::path file_;
    std::unique_ptr<sqlite3, CloseDb> db_;
};

class Statement {
public:
    Statement(const Connection& c, std::string_view sql) : c_(c) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(c.get(), sql.data(), static_cast<int>(sql.size()), &s, nullptr) !=
            SQLITE_OK)
            c.fail(fmt::format("preparing '{}'", sql));
        s_.reset(s);
    }

    // Binds args to ?1, ?2, ... after resetting the statement, so it can be reused at once.
    template <class... Args>
    Statement& bind(const Args&... args) {
        sqlite3_reset(s_.get());
        int i = 0;
        (bind_one(++i, args), ...);
        return *this;
    }

    // Steps once: true when a row is ready, false when done.
    bool step() {
        int rc = sqlite3_step(s_.get());
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        c_.fail(fmt::format("'{}'", sqlite3_sql(s_.get())));
    }

    // Binds, then runs a statement that returns no rows.
    template <class... Args>
    void run(const Args&... args) {
        bind(args...);
        while (step()) {
        }
    }

    bool is_null(int col) const { return sqlite3_column_type(s_.get(), col) == SQLITE_NULL; }
    int64_t integer(int col) const { return sqlite3_column_int64(s_.get(), col); }
    double real(int col) const {
        return is_null(col) ? std::numeric_limits<double>::quiet_NaN()
                            : sqlite3_column_double(s_.get(), col);
    }
    std::string text(int col) const {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_.get(), col));
        return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_.get(), col))) : std::string();
    }
    std::span<const unsigned char> blob(int col) const {
        auto p = static_cast<const unsigned char*>(sqlite3_column_blob(s_.get(), col));
        return {p, p ? static_cast<size_t>(sqlite3_column_bytes(s_.get(), col)) : 0};
    }

private:
    template <class T>
    void bind_one(int i, const T& v) {
        sqlite3_stmt* s = s_.get();
        int rc;
        if constexpr (std::is_same_v<T, Blob>)
            // A NULL pointer would bind SQL NULL, so an empty blob is bound as a zero-blob.
            rc = v.size ? sqlite3_bind_blob64(s, i, v.data, v.size, SQLITE_STATIC)
                        : sqlite3_bind_zeroblob(s, i, 0);
        else if constexpr (std::is_same_v<T, std::optional<std::string>>)
            rc = v ? sqlite3_bind_text64(s, i, v->data(), v->size(), SQLITE_STATIC, SQLITE_UTF8)
                   : sqlite3_bind_null(s, i);
        else if constexpr (std::is_convertible_v<T, std::string_view>) {
            std::string_view t = v;
            rc = sqlite3_bind_text64(s, i, t.data() ? t.data() : "", t.size(), SQLITE_STATIC, SQLITE_UTF8);
        } else if constexpr (std::is_floating_point_v<T>)
            rc = sqlite3_bind_double(s, i, v);  // NaN becomes NULL
        else {
            static_assert(std::is_integral_v<T>, "no binding for this type");
            rc = sqlite3_bind_int64(s, i, static_cast<sqlite3_int64>(v));
        }
        if (rc != SQLITE_OK) c_.fail(fmt::format("binding parameter {} of '{}'", i, sqlite3_sql(s)));
    }

    const Connection& c_;
    std::unique_ptr<sqlite3_stmt, FinalizeStatement> s_;
};

// Rolls back unless committed, so a failed save leaves nothing behind.
class Transaction {
public:
    Transaction(const Connection& c, std::string_view begin) : c_(c) { c.exec(begin); }
    ~Transaction() {
        if (!done_) sqlite3_exec(c_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit() {
        c_.exec("COMMIT");
        done_ = true;
    }

private:
    const Connection& c_;
    bool done_ = false;
};

// ---- opening: recognise, create or refuse the file ---------------------------------------------

[[noreturn]] void not_a_store(const fs::path& file, std::string_view why) {
    throw UsageError(fmt::format("'{}' is not a Tessera results store: {}; give the path of a "
                                 "store, or of a file that does not exist yet to create one",
                                 file.string(), why));
}

int64_t query_integer(const Connection& c, std::string_view sql) {
    Statement s(c, sql);
    return s.step() ? s.integer(0) : 0;
}

int64_t read_user_version(const Connection& c) {
    // The first read of the header: this is where a file of another kind shows itself.
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(c.get(), "PRAGMA user_version", -1, &raw, nullptr);
    std::unique_ptr<sqlite3_stmt, FinalizeStatement> s(raw);
    if (rc == SQLITE_OK) rc = sqlite3_step(raw);
    if (rc == SQLITE_ROW) return sqlite3_column_int64(raw, 0);
    if ((rc & 0xff) == SQLITE_NOTADB) not_a_store(c.file(), "it is not an SQLite database");
    throw UsageError(fmt::format("cannot read results store '{}': {}", c.file().string(),
                                 sqlite3_errmsg(c.get())));
}

void create_schema(const Connection& c) {
    c.exec(schema_sql, "creating the tables");
    Statement meta(c, "INSERT INTO meta (key, value) VALUES (?1, ?2)");
    meta.run("tessera_store", std::to_string(store_schema_version));
    c.exec(fmt::format("PRAGMA user_version = {}", store_schema_version));
}

// True when the file is a store this build reads, false when it is empty (new); throws
// UsageError for anything else. Reads only.
bool is_store(const Connection& c) {
    int64_t version = read_user_version(c);
    if (version == 0) {
        if (query_integer(c, "SELECT count(*) FROM sqlite_master") != 0)
            not_a_store(c.file(), "it is an SQLite database of another program");
        return false;
    }
    if (query_integer(c, "SELECT count(*) FROM sqlite_master WHERE name = 'meta'") == 0 ||
        query_integer(c, "SELECT count(*) FROM meta WHERE key = 'tessera_store'") == 0)
        not_a_store(c.file(), "it has no Tessera 'meta' table");
    if (version > store_schema_version)
        throw UsageError(fmt::format("results store '{}' has schema version {}, written by a newer "
                                     "Tessera; this one reads version {}: upgrade Tessera",
                                     c.file().string(), version, store_schema_version));
    return true;
}

void check_or_create_schema(const Connection& c) {
    {
        Transaction read(c, "BEGIN");  // the version and the tables from one snapshot
        bool ready = is_store(c);
        read.commit();
        if (ready) return;
    }
    // IMMEDIATE, and look again: processes creating the same new store at once (MPI ranks
    // starting together) take turns, and only the first one creates the tables.
    Transaction tx(c, "BEGIN IMMEDIATE");
    if (!is_store(c)) create_schema(c);
    tx.commit();
}

std::string journal_mode(const Connection& c) {
    Statement s(c, "PRAGMA journal_mode");  // finalized on return: it holds a read open
    return s.step() ? s.text(0) : std::string();
}

// WAL: readers never block the writer, and a commit is one append. The mode persists in the
// file, so this switches only a new store. The switch needs the file to itself and SQLite does
// not wait for that, so it is retried while processes that open a new store together (MPI
// ranks) look at it.
void use_wal(const Connection& c) {
    using namespace std::chrono_literals;
    auto deadline = std::chrono::steady_clock::now() + 10s;
    for (;;) {
        if (journal_mode(c) == "wal") return;
        int rc = sqlite3_exec(c.get(), "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK) return;
        if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline)
            c.fail("switching to the WAL journal");
        std::this_thread::sleep_for(10ms);
    }
}

// Settings of the connection, made once the file is known to be ours: a foreign file is left
// exactly as it was (journal_mode = WAL would persist in it).
void configure(const Connection& c) {
    use_wal(c);
    c.exec("PRAGMA synchronous = NORMAL");  // WAL + NORMAL: durable across process crashes
    c.exec("PRAGMA foreign_keys = ON");
}

Connection open_store(const fs::path& file) {
    std::error_code ec;
    if (fs::is_directory(file, ec))
        throw UsageError(fmt::format("results store '{}' is a folder; give a file name such as "
                                     "'{}'", file.string(), (file / "results.db").string()));
    if (file.has_parent_path() && (fs::create_directories(file.parent_path(), ec), ec))
        throw UsageError(fmt::format("cannot create the folder of results store '{}': {}",
                                     file.string(), ec.message()));
    return Connection(file);
}

// ---- saving ------------------------------------------------------------------------------------

void check_consistent(const RunResult& r) {
    const Trace& t = r.trace;
    size_t n = t.size();
    if (t.evals.size() != n || t.seconds.size() != n || t.objective.size() != n)
        throw std::invalid_argument("RunResult: trace columns iteration/evals/seconds/objective "
                                    "differ in length");
    if (t.values.size() != t.columns.size())
        throw std::invalid_argument("RunResult: trace has a different number of names and columns");
    for (size_t c = 0; c < t.values.size(); ++c)
        if (t.values[c].size() != n)
            throw std::invalid_argument(fmt::format("RunResult: trace column '{}' has {} rows, not {}",
                                                    t.columns[c], t.values[c].size(), n));
    for (const Array& a : r.arrays) {
        int64_t elem = dtype_size(a.dtype);
        if (elem == 0)
            throw std::invalid_argument(fmt::format("RunResult: array '{}' has unknown dtype {}",
                                                    a.name, a.dtype));
        if (static_cast<int64_t>(a.bytes.size()) != a.size() * elem)
            throw std::invalid_argument(fmt::format("RunResult: array '{}' has {} bytes, its shape "
                                                    "and dtype need {}", a.name, a.bytes.size(),
                                                    a.size() * elem));
    }
}


int64_t insert_run(const Connection& c, const RunResult& r) {
    Statement s(c, R"sql(INSERT INTO runs (run_key, experiment, algorithm_label, problem_label,
        instance, repetition, status, error, seed, max_evals, max_iterations, max_seconds,
        max_threads, total_evals, wall_seconds, cpu_seconds, peak_rss_kb, host_version, machine,
        started_at, finished_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                ?19, ?20, ?21))sql");
    const RunLabels& l = r.labels;
    s.run(r.run_key, l.experiment, l.algorithm, l.problem, l.instance, l.repetition,
          std::string_view(run_status_name(r.status)), r.error,
          static_cast<int64_t>(r.seed), r.budget.max_evals, r.budget.max_iterations,
          r.budget.max_seconds, r.max_threads, r.total_evals, r.wall_seconds, r.cpu_seconds,
          r.peak_rss_kb, r.host_version, r.machine, r.started_at, r.finished_at);
    return sqlite3_last_insert_rowid(c.get());
}

void insert_components(const Connection& c, int64_t id, const RunResult& r) {
    Statement comp(c, "INSERT INTO components (run_id, role, position, id, version, library_path, "
                      "library_sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    Statement param(c, "INSERT INTO params (run_id, role, position, ordinal, name, value) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto insert = [&](std::string_view role, size_t position, const ComponentUse& u) {
        comp.run(id, role, position, u.id, u.version, u.library_path, u.library_sha256);
        for (size_t k = 0; k < u.params.size(); ++k)
            param.run(id, role, position, k, u.params[k].name, u.params[k].value);
    };
    insert("algorithm", 0, r.algorithm);
    insert("problem", 0, r.problem);
    for (size_t m = 0; m < r.metrics.size(); ++m) insert("metric", m, r.metrics[m]);
}

void insert_trace(const Connection& c, int64_t id, const Trace& t) {
    Statement s(c, "INSERT INTO trace (run_id, rows, iteration, evals, seconds, objective) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    s.run(id, t.size(), as_blob(t.iteration), as_blob(t.evals), as_blob(t.seconds),
          as_blob(t.objective));
    Statement col(c, "INSERT INTO trace_columns (run_id, ordinal, name, data) VALUES (?1, ?2, ?3, ?4)");
    for (size_t k = 0; k < t.columns.size(); ++k) col.run(id, k, t.columns[k], as_blob(t.values[k]));
}

void insert_results(const Connection& c, int64_t id, const RunResult& r) {
    Statement metric(c, "INSERT INTO metric_values (run_id, ordinal, metric_id, name, direction, "
                        "value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (size_t k = 0; k < r.metric_values.size(); ++k) {
        const MetricValue& m = r.metric_values[k];
        metric.run(id, k, m.metric_id, m.name, m.direction, m.value);
    }
    Statement array(c, "INSERT INTO arrays (run_id, ordinal, name, dtype, shape, data) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (size_t k = 0; k < r.arrays.size(); ++k) {
        const Array& a = r.arrays[k];
        array.run(id, k, a.name, a.dtype, shape_text(a.shape), as_blob(a.bytes));
    }
    Statement scalar(c, "INSERT INTO scalars (run_id, ordinal, name, value) VALUES (?1, ?2, ?3, ?4)");
    for (size_t k = 0; k < r.scalars.size(); ++k) scalar.run(id, k, r.scalars[k].name, r.scalars[k].value);
    Statement counter(c, "INSERT INTO counters (run_id, ordinal, name, calls, units, seconds) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (size_t k = 0; k < r.counters.size(); ++k) {
        const Counter& n = r.counters[k];
        counter.run(id, k, n.name, n.calls, n.units, n.seconds);
    }
}

// ---- loading -----------------------------------------------------------------------------------

// A store edited by hand or damaged on disk: refuse the run rather than return a wrong one.
[[noreturn]] void damaged(const Connection& c, int64_t id, std::string_view what) {
    throw UsageError(fmt::format("results store '{}' is damaged: run {} {}", c.file().string(), id, what));
}

template <class T>
std::vector<T> from_blob(const Connection& c, int64_t id, std::span<const unsigned char> b,
                         int64_t rows, std::string_view column) {
    if (b.size() != static_cast<size_t>(rows) * sizeof(T))
        damaged(c, id, fmt::format("has {} bytes in trace column '{}', expected {}", b.size(),
                                   column, rows * static_cast<int64_t>(sizeof(T))));
    std::vector<T> v(static_cast<size_t>(rows));
    if (!b.empty()) std::memcpy(v.data(), b.data(), b.size());
    return v;
}

RunResult read_run(const Connection& c, int64_t id) {
    Statement s(c, R"sql(SELECT run_key, status, error, seed, max_evals, max_iterations,
        max_seconds, max_threads, total_evals, wall_seconds, cpu_seconds, peak_rss_kb,
        host_version, machine, started_at, finished_at,
        experiment, algorithm_label, problem_label, instance, repetition
        FROM runs WHERE id = ?1)sql");
    if (!s.bind(id).step())
        throw UsageError(fmt::format("results store '{}' has no run {}", c.file().string(), id));
    RunResult r;
    if (!s.is_null(0)) r.run_key = s.text(0);
    auto status = parse_run_status(s.text(1));
    if (!status) damaged(c, id, fmt::format("has unknown status '{}'", s.text(1)));
    r.status = *status;
    r.error = s.text(2);
    r.seed = static_cast<uint64_t>(s.integer(3));
    r.budget = {s.integer(4), s.integer(5), s.real(6)};
    r.max_threads = static_cast<int>(s.integer(7));
    r.total_evals = s.integer(8);
    r.wall_seconds = s.real(9);
    r.cpu_seconds = s.real(10);
    r.peak_rss_kb = s.integer(11);
    r.host_version = s.text(12);
    r.machine = s.text(13);
    r.started_at = s.text(14);
    r.finished_at = s.text(15);
    r.labels = {s.text(16), s.text(17), s.text(18), s.text(19), s.integer(20)};
    return r;
}

ComponentUse* component_at(RunResult& r, std::string_view role, int64_t position) {
    if (role == "algorithm" && position == 0) return &r.algorithm;
    if (role == "problem" && position == 0) return &r.problem;
    if (role == "metric" && position >= 0 && position < static_cast<int64_t>(r.metrics.size()))
        return &r.metrics[static_cast<size_t>(position)];
    return nullptr;
}

void read_components(const Connection& c, int64_t id, RunResult& r) {
    Statement comp(c, "SELECT role, position, id, version, library_path, library_sha256 "
                      "FROM components WHERE run_id = ?1 ORDER BY role, position");
    comp.bind(id);
    while (comp.step()) {
        std::string role = comp.text(0);
        if (role == "metric" && comp.integer(1) == static_cast<int64_t>(r.metrics.size()))
            r.metrics.emplace_back();  // rows come in position order
        ComponentUse* u = component_at(r, role, comp.integer(1));
        if (!u) damaged(c, id, fmt::format("has a stray component '{}' #{}", role, comp.integer(1)));
        *u = {comp.text(2), comp.text(3), comp.text(4), comp.text(5), {}};
    }
    Statement param(c, "SELECT role, position, name, value FROM params WHERE run_id = ?1 "
                       "ORDER BY role, position, ordinal");
    param.bind(id);
    while (param.step()) {
        ComponentUse* u = component_at(r, param.text(0), param.integer(1));
        if (!u) damaged(c, id, fmt::format("has a parameter of a missing component '{}' #{}",
                                           param.text(0), param.integer(1)));
        u->params.push_back({param.text(2), param.text(3)});
    }
}

void read_trace(const Connection& c, int64_t id, Trace& t) {
    Statement s(c, "SELECT rows, iteration, evals, seconds, objective FROM trace WHERE run_id = ?1");
    if (!s.bind(id).step()) damaged(c, id, "has no trace row");
    int64_t rows = s.integer(0);
    t.iteration = from_blob<int64_t>(c, id, s.blob(1), rows, "iteration");
    t.evals = from_blob<int64_t>(c, id, s.blob(2), rows, "evals");
    t.seconds = from_blob<double>(c, id, s.blob(3), rows, "seconds");
    t.objective = from_blob<double>(c, id, s.blob(4), rows, "objective");
    Statement col(c, "SELECT name, data FROM trace_columns WHERE run_id = ?1 ORDER BY ordinal");
    col.bind(id);
    while (col.step()) {
        t.columns.push_back(col.text(0));
        t.values.push_back(from_blob<double>(c, id, col.blob(1), rows, t.columns.back()));
    }
}

std::vector<int64_t> parse_shape(const Connection& c, int64_t id, const std::string& text) {
    std::vector<int64_t> shape;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('x', pos);
        if (end == std::string::npos) end = text.size();
        try {
            shape.push_back(std::stoll(text.substr(pos, end - pos)));
        } catch (const std::exception&) {
            damaged(c, id, fmt::format("has an array of shape '{}'", text));
        }
        pos = end + 1;
    }
    return shape;
}

void read_results(const Connection& c, int64_t id, RunResult& r) {
    Statement metric(c, "SELECT metric_id, name, direction, value FROM metric_values "
                        "WHERE run_id = ?1 ORDER BY ordinal");
    for (metric.bind(id); metric.step();)
        r.metric_values.push_back({metric.text(0), metric.text(1),
                                   static_cast<int32_t>(metric.integer(2)), metric.real(3)});
    Statement array(c, "SELECT name, dtype, shape, data FROM arrays WHERE run_id = ?1 ORDER BY ordinal");
    for (array.bind(id); array.step();) {
        auto bytes = array.blob(3);
        r.arrays.push_back({array.text(0), static_cast<int32_t>(array.integer(1)),
                            parse_shape(c, id, array.text(2)), {bytes.begin(), bytes.end()}});
    }
    Statement scalar(c, "SELECT name, value FROM scalars WHERE run_id = ?1 ORDER BY ordinal");
    for (scalar.bind(id); scalar.step();) r.scalars.push_back({scalar.text(0), scalar.real(1)});
    Statement counter(c, "SELECT name, calls, units, seconds FROM counters WHERE run_id = ?1 "
                         "ORDER BY ordinal");
    for (counter.bind(id); counter.step();)
        r.counters.push_back({counter.text(0), counter.integer(1), counter.integer(2), counter.real(3)});
}

}  // namespace

// ---- Store -------------------------------------------------------------------------------------

struct Store::Impl {
    explicit Impl(const fs::path& file) : conn(open_store(file)) {
        sqlite3_busy_timeout(conn.get(), 10'000);  // another process's save lasts milliseconds
        check_or_create_schema(conn);
        configure(conn);
    }
    Connection conn;
    std::mutex mutex;  // one transaction at a time on the connection
};

Store::Store(const fs::path& file) : impl_(std::make_unique<Impl>(file)) {}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

const fs::path& Store::path() const { return impl_->conn.file(); }

bool Store::writable() const { return sqlite3_db_readonly(impl_->conn.get(), "main") == 0; }

int64_t Store::save(const RunResult& r) {
    check_consistent(r);
    std::lock_guard lock(impl_->mutex);
    const Connection& c = impl_->conn;
    // IMMEDIATE takes the write lock now: waiting for it happens here, under busy_timeout,
    // rather than as a failure in the middle of the run's inserts.
    Transaction tx(c, "BEGIN IMMEDIATE");
    // A benchmark run keeps one row per key: a retried run replaces its failed predecessor in
    // the same transaction (the foreign keys cascade the delete to its other rows).
    if (r.run_key) Statement(c, "DELETE FROM runs WHERE run_key = ?").run(*r.run_key);
    int64_t id = insert_run(c, r);
    insert_components(c, id, r);
    insert_trace(c, id, r.trace);
    insert_results(c, id, r);
    tx.commit();
    return id;
}

RunResult Store::load(int64_t id) const {
    std::lock_guard lock(impl_->mutex);
    const Connection& c = impl_->conn;
    Transaction tx(c, "BEGIN");  // one snapshot for all the reads
    RunResult r = read_run(c, id);
    read_components(c, id, r);
    read_trace(c, id, r.trace);
    read_results(c, id, r);
    tx.commit();
    return r;
}

std::vector<int64_t> Store::run_ids() const {
    std::lock_guard lock(impl_->mutex);
    Statement s(impl_->conn, "SELECT id FROM runs ORDER BY id");
    std::vector<int64_t> ids;
    for (s.bind(); s.step();) ids.push_back(s.integer(0));
    return ids;
}

std::map<std::string, RunStatus> Store::statuses_by_key() const {
    std::lock_guard lock(impl_->mutex);
    Statement s(impl_->conn, "SELECT run_key, status FROM runs WHERE run_key IS NOT NULL ORDER BY id");
    std::map<std::string, RunStatus> out;
    for (s.bind(); s.step();)
        if (auto st = parse_run_status(s.text(1))) out[s.text(0)] = *st;
    return out;
}

std::vector<int64_t> Store::ids_by_keys(const std::vector<std::string>& keys) const {
    std::vector<int64_t> ids;
    {
        std::lock_guard lock(impl_->mutex);
        Statement s(impl_->conn, "SELECT id FROM runs WHERE run_key = ?");
        for (const std::string& k : keys)
            for (s.bind(k); s.step();) ids.push_back(s.integer(0));
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

int64_t Store::count() const {
    std::lock_guard lock(impl_->mutex);
    return query_integer(impl_->conn, "SELECT count(*) FROM runs");
}

std::vector<std::string> Store::trace_column_names() const {
    std::lock_guard lock(impl_->mutex);
    // rowid grows with every save, so the smallest one of a name is its first appearance.
    Statement s(impl_->conn, "SELECT name FROM trace_columns GROUP BY name ORDER BY min(rowid)");
    std::vector<std::string> names;
    for (s.bind(); s.step();) names.push_back(s.text(0));
    return names;
}

}  // namespace tsr::host
