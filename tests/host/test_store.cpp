// tests/host/test_store.cpp — the results store and its exports: exact round trips, refusal of
// foreign files, CSV/JSON output, and crash safety (a writer killed mid-save).
#include <doctest/doctest.h>

#include <sqlite3.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "errors.hpp"
#include "export.hpp"
#include "run_result.hpp"
#include "store.hpp"
#include "tessera/abi.h"

namespace fs = std::filesystem;
using namespace tsr::host;

namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

// A fresh folder, removed with everything in it at the end of the test.
struct TempDir {
    TempDir() {
        std::string templ = (fs::temp_directory_path() / "tessera-store-XXXXXX").string();
        REQUIRE(mkdtemp(templ.data()) != nullptr);
        path = templ;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path operator/(const char* name) const { return path / name; }
    fs::path path;
};

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

template <class T>
Array make_array(std::string name, int32_t dtype, std::vector<int64_t> shape, const std::vector<T>& v) {
    Array a{std::move(name), dtype, std::move(shape), {}};
    a.bytes.resize(v.size() * sizeof(T));
    if (!v.empty()) std::memcpy(a.bytes.data(), v.data(), a.bytes.size());
    return a;
}

// Every field set, from `seed`; doubles include NaN, ±inf and -0.0 where a run may have them.
RunResult full_run(uint64_t seed, size_t points) {
    RunResult r;
    r.algorithm = {"opt.lbfgs", "1.2.0", "/plugins/libbaselines.so", std::string(64, 'a'),
                   {{"memory", "10"}, {"tolerance", "1e-08"}}};
    r.problem = {"opt.quadratic", "1.0.0", "/plugins/libbaselines.so", std::string(64, 'b'),
                 {{"n", "100"}, {"condition", "1000"}}};
    r.metrics = {{"opt.suboptimality", "1.0.0", "/plugins/libmetrics.so", std::string(64, 'c'), {}},
                 {"opt.time_to_target", "0.3.0", "/plugins/libmetrics.so", std::string(64, 'd'),
                  {{"target", "1e-6"}}}};
    r.seed = seed | (uint64_t{1} << 63);  // above INT64_MAX: must survive the int64 column
    r.budget = {100000, 500, 12.5};
    r.max_threads = 4;
    r.run_key = "exp1/opt.lbfgs/opt.quadratic/seed=" + std::to_string(seed);
    r.labels = {"exp1", "lbfgs-m10", "quadratic", "quadratic[n=100]", static_cast<int64_t>(seed % 7)};
    r.status = RunStatus::diverged;
    r.error = "échec: 発散 at step 7 ✓ \U0001F600";
    for (size_t i = 0; i < points; ++i) {
        r.trace.iteration.push_back(static_cast<int64_t>(i));
        r.trace.evals.push_back(static_cast<int64_t>(3 * i + seed));
        r.trace.seconds.push_back(1e-4 * static_cast<double>(i) + 1e-9 * static_cast<double>(seed));
        r.trace.objective.push_back(1.0 / static_cast<double>(i + 1));
    }
    r.trace.columns = {"step", "grad_norm"};
    r.trace.values = {std::vector<double>(points, 0.25), std::vector<double>(points, -0.0)};
    if (points > 3) {
        r.trace.objective[1] = nan_value;
        r.trace.objective[2] = inf;
        r.trace.values[1][3] = -inf;
        r.trace.values[0][0] = -nan_value;
    }
    r.arrays = {make_array<double>("W", TSR_DTYPE_F64, {3, 4},
                                   {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, nan_value, -0.0}),
                make_array<int64_t>("order", TSR_DTYPE_I64, {3}, {2, 0, -1}),
                make_array<int32_t>("labels", TSR_DTYPE_I32, {2, 2}, {1, -2, 3, 4}),
                make_array<uint8_t>("mask", TSR_DTYPE_U8, {4}, {0, 1, 255, 7}),
                make_array<double>("f", TSR_DTYPE_F64, {}, {static_cast<double>(seed)}),
                make_array<double>("none", TSR_DTYPE_F64, {0}, {})};
    r.scalars = {{"converged", 0.0}, {"minus_zero", -0.0}, {"big", 1e308}, {"inf", inf}};
    r.counters = {{"tsr.objective.v1/value", 12, 40, 0.5}, {"tsr.objective.v1/gradient", 7, 7, 1e-7}};
    r.metric_values = {{"opt.suboptimality", "gap", TSR_LOWER_IS_BETTER, 3.5e-9},
                       {"opt.time_to_target", "evals", TSR_LOWER_IS_BETTER, nan_value},
                       {"opt.time_to_target", "reached", TSR_NO_DIRECTION, -inf}};
    r.total_evals = 47;
    r.host_version = "0.1.0";
    r.machine = "node17, Linux 6.1, AMD EPYC 7763";
    r.started_at = "2024-05-01T10:00:00Z";
    r.finished_at = "2024-05-01T10:00:03Z";
    r.wall_seconds = 3.0000000000000004;
    r.cpu_seconds = 11.9;
    r.peak_rss_kb = 123456;
    return r;
}

uint64_t bits(double v) { return std::bit_cast<uint64_t>(v); }

// Outside the trace SQLite keeps a NaN as NULL, so any NaN loads as the quiet NaN.
bool same(double a, double b) { return bits(a) == bits(b) || (std::isnan(a) && std::isnan(b)); }

// Trace columns are blobs: bit for bit, NaN payloads included.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * 8) == 0);
}

void check_same(const ComponentUse& a, const ComponentUse& b) {
    CHECK(a.id == b.id);
    CHECK(a.version == b.version);
    CHECK(a.library_path == b.library_path);
    CHECK(a.library_sha256 == b.library_sha256);
    REQUIRE(a.params.size() == b.params.size());
    for (size_t i = 0; i < a.params.size(); ++i) {
        CHECK(a.params[i].name == b.params[i].name);
        CHECK(a.params[i].value == b.params[i].value);
    }
}

void check_same(const RunResult& a, const RunResult& b) {
    check_same(a.algorithm, b.algorithm);
    check_same(a.problem, b.problem);
    REQUIRE(a.metrics.size() == b.metrics.size());
    for (size_t i = 0; i < a.metrics.size(); ++i) check_same(a.metrics[i], b.metrics[i]);
    CHECK(a.seed == b.seed);
    CHECK(a.budget.max_evals == b.budget.max_evals);
    CHECK(a.budget.max_iterations == b.budget.max_iterations);
    CHECK(same(a.budget.max_seconds, b.budget.max_seconds));
    CHECK(a.max_threads == b.max_threads);
    CHECK(a.run_key == b.run_key);
    CHECK(a.labels.experiment == b.labels.experiment);
    CHECK(a.labels.algorithm == b.labels.algorithm);
    CHECK(a.labels.problem == b.labels.problem);
    CHECK(a.labels.instance == b.labels.instance);
    CHECK(a.labels.repetition == b.labels.repetition);
    CHECK(a.status == b.status);
    CHECK(a.error == b.error);

    CHECK(a.trace.iteration == b.trace.iteration);
    CHECK(a.trace.evals == b.trace.evals);
    CHECK(same_bits(a.trace.seconds, b.trace.seconds));
    CHECK(same_bits(a.trace.objective, b.trace.objective));
    CHECK(a.trace.columns == b.trace.columns);
    REQUIRE(a.trace.values.size() == b.trace.values.size());
    for (size_t c = 0; c < a.trace.values.size(); ++c) CHECK(same_bits(a.trace.values[c], b.trace.values[c]));

    REQUIRE(a.arrays.size() == b.arrays.size());
    for (size_t i = 0; i < a.arrays.size(); ++i) {
        CHECK(a.arrays[i].name == b.arrays[i].name);
        CHECK(a.arrays[i].dtype == b.arrays[i].dtype);
        CHECK(a.arrays[i].shape == b.arrays[i].shape);
        CHECK(a.arrays[i].bytes == b.arrays[i].bytes);
    }
    REQUIRE(a.scalars.size() == b.scalars.size());
    for (size_t i = 0; i < a.scalars.size(); ++i) {
        CHECK(a.scalars[i].name == b.scalars[i].name);
        CHECK(same(a.scalars[i].value, b.scalars[i].value));
    }
    REQUIRE(a.counters.size() == b.counters.size());
    for (size_t i = 0; i < a.counters.size(); ++i) {
        CHECK(a.counters[i].name == b.counters[i].name);
        CHECK(a.counters[i].calls == b.counters[i].calls);
        CHECK(a.counters[i].units == b.counters[i].units);
        CHECK(same(a.counters[i].seconds, b.counters[i].seconds));
    }
    REQUIRE(a.metric_values.size() == b.metric_values.size());
    for (size_t i = 0; i < a.metric_values.size(); ++i) {
        CHECK(a.metric_values[i].metric_id == b.metric_values[i].metric_id);
        CHECK(a.metric_values[i].name == b.metric_values[i].name);
        CHECK(a.metric_values[i].direction == b.metric_values[i].direction);
        CHECK(same(a.metric_values[i].value, b.metric_values[i].value));
    }
    CHECK(a.total_evals == b.total_evals);
    CHECK(a.host_version == b.host_version);
    CHECK(a.machine == b.machine);
    CHECK(a.started_at == b.started_at);
    CHECK(a.finished_at == b.finished_at);
    CHECK(same(a.wall_seconds, b.wall_seconds));
    CHECK(same(a.cpu_seconds, b.cpu_seconds));
    CHECK(a.peak_rss_kb == b.peak_rss_kb);
}

// Sets PRAGMA user_version of an SQLite file, or creates a table of another program in it.
void sqlite_exec(const fs::path& file, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

void check_usage_error(const fs::path& file, const std::string& needle) {
    try {
        Store s(file);
        FAIL("opened " << file);
    } catch (const UsageError& e) {
        std::string what = e.what();
        CHECK_MESSAGE(what.find(file.string()) != std::string::npos, what);
        CHECK_MESSAGE(what.find(needle) != std::string::npos, what);
    }
}

// ---- a minimal JSON syntax checker (RFC 8259), since no JSON library is at hand --------------

struct JsonChecker {
    std::string_view s;
    size_t i = 0;

    void ws() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
    }
    bool eat(char c) {
        ws();
        if (i < s.size() && s[i] == c) return ++i, true;
        return false;
    }
    bool literal(std::string_view w) {
        if (s.substr(i, w.size()) != w) return false;
        i += w.size();
        return true;
    }
    bool string() {
        if (!eat('"')) return false;
        while (i < s.size() && s[i] != '"') {
            if (static_cast<unsigned char>(s[i]) < 0x20) return false;
            if (s[i] == '\\') {
                ++i;
                if (i >= s.size() || std::string_view("\"\\/bfnrtu").find(s[i]) == std::string_view::npos)
                    return false;
                if (s[i] == 'u') {
                    for (int k = 1; k <= 4; ++k)
                        if (i + k >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + k]))) return false;
                    i += 4;
                }
            }
            ++i;
        }
        return eat('"');
    }
    bool number() {
        size_t start = i;
        if (i < s.size() && s[i] == '-') ++i;
        while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' ||
                                s[i] == 'e' || s[i] == 'E' || s[i] == '+' || s[i] == '-'))
            ++i;
        std::string text(s.substr(start, i - start));
        char* end = nullptr;
        std::strtod(text.c_str(), &end);
        return !text.empty() && end == text.c_str() + text.size() && std::isdigit(static_cast<unsigned char>(text.back()));
    }
    template <class F>
    bool sequence(char open, char close, F element) {
        if (!eat(open)) return false;
        if (eat(close)) return true;
        do {
            if (!element()) return false;
        } while (eat(','));
        return eat(close);
    }
    bool value() {
        ws();
        if (i >= s.size()) return false;
        switch (s[i]) {
            case '{': return sequence('{', '}', [&] { return string() && eat(':') && value(); });
            case '[': return sequence('[', ']', [&] { return value(); });
            case '"': return string();
            case 't': return literal("true");
            case 'f': return literal("false");
            case 'n': return literal("null");
            default: return number();
        }
    }
    bool document() {
        bool ok = value();
        ws();
        return ok && i == s.size();
    }
};

bool valid_json(std::string_view text) { return JsonChecker{text}.document(); }

}  // namespace

TEST_CASE("run statuses and dtypes have names that parse back") {
    for (RunStatus s : {RunStatus::ok, RunStatus::stopped, RunStatus::budget_exhausted, RunStatus::diverged,
                        RunStatus::error, RunStatus::timeout, RunStatus::crashed, RunStatus::out_of_memory})
        CHECK(parse_run_status(run_status_name(s)) == s);
    CHECK_FALSE(parse_run_status("finished").has_value());
    CHECK(dtype_size(TSR_DTYPE_I32) == 4);
    CHECK(std::string(dtype_name(TSR_DTYPE_U8)) == "u8");
    CHECK(Array{"x", TSR_DTYPE_F64, {3, 4}, {}}.size() == 12);
    CHECK(Array{"s", TSR_DTYPE_F64, {}, {}}.size() == 1);
}

TEST_CASE("a fully populated run loads back exactly") {
    TempDir dir;
    Store store(dir / "runs.db");
    RunResult r = full_run(42, 1000);
    int64_t id = store.save(r);
    check_same(store.load(id), r);
    CHECK(store.count() == 1);
    CHECK(store.path() == dir / "runs.db");

    SUBCASE("an empty trace, no key, no arrays") {
        RunResult bare;
        bare.status = RunStatus::error;
        bare.error = "plugin said: \"no\"";
        int64_t bare_id = store.save(bare);
        CHECK(bare_id > id);
        RunResult back = store.load(bare_id);
        check_same(back, bare);
        CHECK_FALSE(back.run_key.has_value());
        CHECK(back.trace.size() == 0);
    }
    SUBCASE("an empty run key is not no key") {
        RunResult keyed = full_run(1, 0);
        keyed.run_key = "";
        CHECK(store.load(store.save(keyed)).run_key == std::optional<std::string>(""));
    }
}

TEST_CASE("several runs, then the file reopened") {
    TempDir dir;
    std::vector<int64_t> ids;
    {
        Store store(dir / "runs.db");
        for (uint64_t seed = 0; seed < 5; ++seed) ids.push_back(store.save(full_run(seed, 10 * seed)));
        CHECK(store.run_ids() == ids);
    }
    Store again(dir / "runs.db");
    CHECK(again.count() == 5);
    CHECK(again.run_ids() == ids);
    for (uint64_t seed = 0; seed < 5; ++seed) check_same(again.load(ids[seed]), full_run(seed, 10 * seed));
    CHECK(again.trace_column_names() == std::vector<std::string>{"step", "grad_norm"});
    CHECK_THROWS_AS(again.load(ids.back() + 1), UsageError);
}

TEST_CASE("a store is created inside missing folders") {
    TempDir dir;
    Store store(dir.path / "a" / "b" / "runs.db");
    CHECK(fs::exists(dir.path / "a" / "b" / "runs.db"));
}

TEST_CASE("files that are not stores are refused, untouched") {
    TempDir dir;
    SUBCASE("garbage bytes") {
        fs::path file = dir / "garbage.db";
        std::string bytes(4096, '\0');
        std::mt19937 rng(7);
        for (char& b : bytes) b = static_cast<char>(rng());
        std::ofstream(file, std::ios::binary) << bytes;
        check_usage_error(file, "not an SQLite database");
        CHECK(read_text(file) == bytes);
    }
    SUBCASE("a short text file") {
        fs::path file = dir / "notes.txt";
        std::ofstream(file) << "hello\n";
        check_usage_error(file, "not a Tessera results store");
    }
    SUBCASE("an SQLite database of another program") {
        fs::path file = dir / "other.db";
        sqlite_exec(file, "CREATE TABLE songs (title TEXT)");
        std::string bytes = read_text(file);
        check_usage_error(file, "another program");
        CHECK(read_text(file) == bytes);  // not even switched to WAL
    }
    SUBCASE("a store of a newer Tessera") {
        fs::path file = dir / "newer.db";
        { Store s(file); }
        sqlite_exec(file, "PRAGMA user_version = 2");
        check_usage_error(file, "newer");
    }
    SUBCASE("a folder") {
        check_usage_error(dir.path, "folder");
    }
}

TEST_CASE("an inconsistent record is refused and nothing is stored") {
    TempDir dir;
    Store store(dir / "runs.db");
    RunResult r = full_run(3, 10);
    SUBCASE("trace columns of different lengths") { r.trace.values[1].pop_back(); }
    SUBCASE("array bytes not matching the shape") { r.arrays[0].shape = {4, 4}; }
    SUBCASE("unknown dtype") { r.arrays[1].dtype = 99; }
    CHECK_THROWS_AS(store.save(r), std::invalid_argument);
    CHECK(store.count() == 0);
}

TEST_CASE("threads and two connections save into one file") {
    TempDir dir;
    Store a(dir / "runs.db");
    Store b(dir / "runs.db");
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (uint64_t k = 0; k < 10; ++k) (t % 2 ? a : b).save(full_run(100 * t + k, 50));
        });
    for (auto& th : threads) th.join();
    CHECK(a.count() == 40);
    for (int64_t id : b.run_ids()) {
        RunResult r = b.load(id);
        check_same(r, full_run(r.seed & ~(uint64_t{1} << 63), 50));
    }
}

TEST_CASE("processes creating one new store at once all get it") {
    TempDir dir;
    fs::path file = dir.path / "new" / "runs.db";  // the folder is created by them too
    constexpr int processes = 12;
    std::vector<pid_t> pids;
    for (int p = 0; p < processes; ++p) {
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            try {
                Store(file).save(full_run(static_cast<uint64_t>(p), 100));
                _exit(0);
            } catch (...) {
                _exit(1);
            }
        }
        pids.push_back(pid);
    }
    for (pid_t pid : pids) {
        int status = 0;
        waitpid(pid, &status, 0);
        CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    }
    CHECK(Store(file).count() == processes);
}

TEST_CASE("export_csv writes one file per table with RFC 4180 quoting") {
    TempDir dir;
    Store store(dir / "runs.db");
    RunResult r = full_run(9, 5);
    r.error = "bad value, \"x\"\nsecond line";
    r.trace.columns = {"step", "seconds"};  // collides with a fixed column
    store.save(r);
    RunResult other = full_run(10, 2);
    other.trace.columns = {"temperature"};
    other.trace.values = {{20.5, 21.5}};
    store.save(other);
    export_csv(store, dir.path / "csv");

    std::string runs = read_text(dir.path / "csv" / "runs.csv");
    CHECK(first_line(runs).rfind("id,run_key,experiment,algorithm_label,problem_label,instance,repetition,"
                                 "status,error,algorithm_id,algorithm_version,problem_id,", 0) == 0);
    CHECK(runs.find("\n1,exp1/opt.lbfgs/opt.quadratic/seed=9,exp1,lbfgs-m10,quadratic,quadratic[n=100],2,"
                    "diverged,") != std::string::npos);
    CHECK(runs.find(",\"bad value, \"\"x\"\"\nsecond line\",") != std::string::npos);
    CHECK(runs.find("échec") != std::string::npos);

    std::string trace = read_text(dir.path / "csv" / "trace.csv");
    CHECK(first_line(trace) == "run_id,row,iteration,evals,seconds,objective,step,extra.seconds,temperature");
    CHECK(trace.find("\n1,1,1,12,") != std::string::npos);
    CHECK(trace.find(",nan,0.25,-0,\n") != std::string::npos);  // objective NaN; no temperature
    CHECK(trace.find(",inf,0.25,-0,\n") != std::string::npos);
    CHECK(trace.find("\n2,1,1,13,") != std::string::npos);
    CHECK(trace.find(",,,21.5\n") != std::string::npos);  // run 2 lacks step and extra.seconds
    CHECK(std::count(trace.begin(), trace.end(), '\n') == 1 + 5 + 2);

    CHECK(first_line(read_text(dir.path / "csv" / "params.csv")) == "run_id,role,component,name,value");
    CHECK(read_text(dir.path / "csv" / "params.csv").find("1,algorithm,opt.lbfgs,memory,10\n") != std::string::npos);
    std::string metrics = read_text(dir.path / "csv" / "metrics.csv");
    CHECK(first_line(metrics) == "run_id,metric,output,direction,value");
    CHECK(metrics.find("1,opt.time_to_target,evals,lower,nan\n") != std::string::npos);
    CHECK(first_line(read_text(dir.path / "csv" / "counters.csv")) == "run_id,name,calls,units,seconds");
    CHECK(first_line(read_text(dir.path / "csv" / "scalars.csv")) == "run_id,name,value");
    CHECK(first_line(read_text(dir.path / "csv" / "components.csv")) ==
          "run_id,role,position,id,version,library_path,library_sha256");
    std::string arrays = read_text(dir.path / "csv" / "arrays.csv");
    CHECK(first_line(arrays) == "run_id,name,dtype,shape,values");
    CHECK(arrays.find("1,W,f64,3x4,1 2 3 4 5 6 7 8 9 10 nan -0\n") != std::string::npos);
    CHECK(arrays.find("1,mask,u8,4,0 1 255 7\n") != std::string::npos);
    CHECK(arrays.find("1,f,f64,,9\n") != std::string::npos);
}

TEST_CASE("export_json and to_json write valid JSON with every field") {
    TempDir dir;
    Store store(dir / "runs.db");
    RunResult r = full_run(5, 4);
    r.error = "quote \" backslash \\ newline \n tab \t bell \a cut \xE6\x97";  // ends mid-character
    store.save(r);
    store.save(full_run(6, 0));
    export_json(store, dir / "runs.json");
    std::string json = read_text(dir / "runs.json");

    CHECK(valid_json(json));
    CHECK(json.rfind("{\"tessera_store_version\":1,\"runs\":[", 0) == 0);
    CHECK(json.find("{\"id\":1,\"run_key\":\"exp1/opt.lbfgs/opt.quadratic/seed=5\",\"labels\":{\"experiment\":"
                    "\"exp1\",\"algorithm\":\"lbfgs-m10\",\"problem\":\"quadratic\",\"instance\":"
                    "\"quadratic[n=100]\",\"repetition\":5},\"status\":\"diverged\"") != std::string::npos);
    CHECK(json.find("{\"id\":2,") != std::string::npos);
    // Both bytes of the cut character become U+FFFD, so the file stays valid UTF-8.
    CHECK(json.find(R"("error":"quote \" backslash \\ newline \n tab \t bell \u0007 cut )"
                    "\xEF\xBF\xBD\xEF\xBF\xBD\",") != std::string::npos);
    CHECK(json.find("\"objective\":[1,null,null,0.25]") != std::string::npos);
    CHECK(json.find("\"params\":{\"memory\":\"10\",\"tolerance\":\"1e-08\"}") != std::string::npos);
    CHECK(json.find("\"shape\":[3,4],\"data\":[1,2,3,4,5,6,7,8,9,10,null,-0]") != std::string::npos);
    CHECK(json.find("\"budget\":{\"max_evals\":100000,\"max_iterations\":500,\"max_seconds\":12.5}") !=
          std::string::npos);
    CHECK(json.find("\"seed\":9223372036854775813") != std::string::npos);
    CHECK(json.find("{\"metric\":\"opt.time_to_target\",\"output\":\"evals\",\"direction\":\"lower\",\"value\":null}") !=
          std::string::npos);
    for (const char* key : {"\"algorithm\":{", "\"problem\":{", "\"metrics\":[", "\"trace\":{\"iteration\":[",
                            "\"grad_norm\":[", "\"metric_values\":[", "\"scalars\":{", "\"counters\":[",
                            "\"arrays\":[", "\"machine\":", "\"peak_rss_kb\":123456", "\"max_threads\":4",
                            "\"host_version\":", "\"started_at\":", "\"finished_at\":", "\"wall_seconds\":",
                            "\"cpu_seconds\":", "\"total_evals\":47", "\"library_sha256\":"})
        CHECK_MESSAGE(json.find(key) != std::string::npos, key);

    std::string one = to_json(full_run(7, 3));
    CHECK(valid_json(one));
    CHECK(one.rfind("{\"run_key\":", 0) == 0);  // no id: the run need not be stored
    CHECK(to_json(RunResult{}).find("\"run_key\":null") != std::string::npos);
    CHECK_FALSE(valid_json("{\"a\":[1,2,]}"));  // the checker does check
}

TEST_CASE("a writer killed in the middle of saving leaves only whole runs") {
    TempDir dir;
    fs::path file = dir / "crash.db";
    { Store create(file); }  // no connection may cross fork(), so none is open here
    constexpr size_t points = 20000;  // a few ms per save: kills land inside transactions
    std::mt19937 rng(12345);
    for (uint64_t round = 0; round < 6; ++round) {
        int pipe_fd[2];
        REQUIRE(pipe(pipe_fd) == 0);
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {  // the child saves until killed
            close(pipe_fd[0]);
            try {
                Store store(file);
                for (uint64_t k = 0;; ++k) {
                    store.save(full_run(1000 * round + k, points));
                    if (write(pipe_fd[1], "s", 1) != 1) break;
                }
            } catch (...) {
            }
            _exit(1);
        }
        close(pipe_fd[1]);
        char c;
        for (int k = 0; k < 3; ++k) REQUIRE(read(pipe_fd[0], &c, 1) == 1);
        std::this_thread::sleep_for(std::chrono::microseconds(rng() % 5000));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        close(pipe_fd[0]);
        CHECK(WIFSIGNALED(status));
    }
    Store store(file);
    CHECK(store.count() >= 18);
    for (int64_t id : store.run_ids()) {
        RunResult r = store.load(id);
        check_same(r, full_run(r.seed & ~(uint64_t{1} << 63), points));
    }
    store.save(full_run(1, 1));  // and the store still takes new runs
}

TEST_CASE("save throughput with 10^4 trace points (reported, not asserted)") {
    TempDir dir;
    Store store(dir / "runs.db");
    RunResult r = full_run(1, 10000);
    constexpr int runs = 100;
    auto start = std::chrono::steady_clock::now();
    for (int k = 0; k < runs; ++k) store.save(r);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("save(): " << runs / seconds << " runs/s, " << 1e3 * seconds / runs
                       << " ms per run of 10^4 trace points x 2 extra columns");
    start = std::chrono::steady_clock::now();
    for (int64_t id : store.run_ids()) CHECK(store.load(id).trace.size() == 10000);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("load(): " << 1e3 * seconds / runs << " ms per run");
}
