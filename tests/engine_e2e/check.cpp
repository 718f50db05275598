// tessera_e2e_check — the store checks of the engine end-to-end tests (doctest, linked with
// tessera_host). The shell scripts beside it run `tessera bench` and then one of:
//
//   tessera_e2e_check whole  DB [N]                 every run loads whole, run keys are unique;
//                                                   with N: exactly N runs
//   tessera_e2e_check same   A.db B.db [C.db ...]   the same run keys, and per key the same result
//                                                   bit for bit, timing and provenance left out
//   tessera_e2e_check status DB LABEL STATUS REGEX [LABEL STATUS REGEX ...]
//                                                   the one run whose algorithm label is LABEL
//                                                   has STATUS, its error matches REGEX
//                                                   (ECMAScript, searched; "" matches anything)
//   tessera_e2e_check count  DB                     prints the number of runs (no check)
//
// Each command is one doctest test case (selected by name), so a failure prints doctest's
// report with the values compared. Exit status: 0 when every check held, 1 otherwise, 2 for a
// bad command line.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <bit>
#include <cstdio>
#include <cstring>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_result.hpp"
#include "store.hpp"

using namespace tsr::host;

namespace {

std::vector<std::string> g_args;  // after the command

std::map<std::string, RunResult> load_by_key(const std::string& db) {
    Store store(db);
    std::map<std::string, RunResult> out;
    for (int64_t id : store.run_ids()) {
        RunResult r = store.load(id);
        REQUIRE_MESSAGE(r.run_key.has_value(), db << ": run " << id << " has no run key");
        const std::string key = *r.run_key;
        CHECK_MESSAGE(out.count(key) == 0, db << ": run key " << key << " is stored twice");
        out.emplace(key, std::move(r));
    }
    return out;
}

bool same_bits(double a, double b) { return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b); }

std::string hex(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g (%016llx)", v, static_cast<unsigned long long>(std::bit_cast<uint64_t>(v)));
    return buf;
}

// Differences between two results of one key, as lines; timing and provenance fields (wall and
// CPU seconds, peak RSS, start/finish times, machine, host version, trace seconds, counter
// seconds, metric outputs measured in seconds) are not compared.
void diff_results(const RunResult& a, const RunResult& b, std::vector<std::string>& out) {
    auto add = [&out](const std::string& s) {
        if (out.size() < 20) out.push_back(s);
    };
    auto eq = [&](const std::string& what, const auto& x, const auto& y) {
        if (!(x == y)) {
            std::ostringstream os;
            os << what << ": " << x << " vs " << y;
            add(os.str());
        }
    };
    auto eqd = [&](const std::string& what, double x, double y) {
        if (!same_bits(x, y)) add(what + ": " + hex(x) + " vs " + hex(y));
    };
    eq("labels.experiment", a.labels.experiment, b.labels.experiment);
    eq("labels.algorithm", a.labels.algorithm, b.labels.algorithm);
    eq("labels.problem", a.labels.problem, b.labels.problem);
    eq("labels.instance", a.labels.instance, b.labels.instance);
    eq("labels.repetition", a.labels.repetition, b.labels.repetition);
    auto comp = [&](const std::string& role, const ComponentUse& x, const ComponentUse& y) {
        eq(role + ".id", x.id, y.id);
        eq(role + ".version", x.version, y.version);
        eq(role + ".library_sha256", x.library_sha256, y.library_sha256);
        eq(role + ".params.size", x.params.size(), y.params.size());
        for (size_t i = 0; i < std::min(x.params.size(), y.params.size()); ++i) {
            eq(role + ".param.name", x.params[i].name, y.params[i].name);
            eq(role + ".param." + x.params[i].name, x.params[i].value, y.params[i].value);
        }
    };
    comp("algorithm", a.algorithm, b.algorithm);
    comp("problem", a.problem, b.problem);
    eq("metrics.size", a.metrics.size(), b.metrics.size());
    for (size_t i = 0; i < std::min(a.metrics.size(), b.metrics.size()); ++i)
        comp("metric" + std::to_string(i), a.metrics[i], b.metrics[i]);
    eq("seed", a.seed, b.seed);
    eq("budget.max_evals", a.budget.max_evals, b.budget.max_evals);
    eq("budget.max_iterations", a.budget.max_iterations, b.budget.max_iterations);
    eqd("budget.max_seconds", a.budget.max_seconds, b.budget.max_seconds);
    eq("max_threads", a.max_threads, b.max_threads);
    eq("status", std::string(run_status_name(a.status)), std::string(run_status_name(b.status)));
    eq("error", a.error, b.error);
    eq("total_evals", a.total_evals, b.total_evals);

    const Trace &ta = a.trace, &tb = b.trace;
    eq("trace.size", ta.size(), tb.size());
    eq("trace.columns.size", ta.columns.size(), tb.columns.size());
    if (ta.size() == tb.size()) {
        for (size_t i = 0; i < ta.size(); ++i) {
            const std::string at = "trace[" + std::to_string(i) + "].";
            eq(at + "iteration", ta.iteration[i], tb.iteration[i]);
            eq(at + "evals", ta.evals[i], tb.evals[i]);
            eqd(at + "objective", ta.objective[i], tb.objective[i]);
        }
        for (size_t c = 0; c < std::min(ta.columns.size(), tb.columns.size()); ++c) {
            eq("trace.column", ta.columns[c], tb.columns[c]);
            for (size_t i = 0; i < ta.size() && c < ta.values.size() && c < tb.values.size(); ++i)
                eqd("trace." + ta.columns[c] + "[" + std::to_string(i) + "]", ta.values[c][i], tb.values[c][i]);
        }
    }
    eq("arrays.size", a.arrays.size(), b.arrays.size());
    for (size_t i = 0; i < std::min(a.arrays.size(), b.arrays.size()); ++i) {
        eq("array.name", a.arrays[i].name, b.arrays[i].name);
        eq("array.dtype", a.arrays[i].dtype, b.arrays[i].dtype);
        eq("array.shape.size", a.arrays[i].shape.size(), b.arrays[i].shape.size());
        if (a.arrays[i].shape != b.arrays[i].shape || a.arrays[i].bytes != b.arrays[i].bytes)
            add("array " + a.arrays[i].name + ": different shape or bytes");
    }
    eq("scalars.size", a.scalars.size(), b.scalars.size());
    for (size_t i = 0; i < std::min(a.scalars.size(), b.scalars.size()); ++i) {
        eq("scalar.name", a.scalars[i].name, b.scalars[i].name);
        eqd("scalar." + a.scalars[i].name, a.scalars[i].value, b.scalars[i].value);
    }
    eq("counters.size", a.counters.size(), b.counters.size());
    for (size_t i = 0; i < std::min(a.counters.size(), b.counters.size()); ++i) {
        eq("counter.name", a.counters[i].name, b.counters[i].name);
        eq("counter." + a.counters[i].name + ".calls", a.counters[i].calls, b.counters[i].calls);
        eq("counter." + a.counters[i].name + ".units", a.counters[i].units, b.counters[i].units);
    }
    eq("metric_values.size", a.metric_values.size(), b.metric_values.size());
    for (size_t i = 0; i < std::min(a.metric_values.size(), b.metric_values.size()); ++i) {
        const MetricValue &x = a.metric_values[i], &y = b.metric_values[i];
        eq("metric_value.id", x.metric_id, y.metric_id);
        eq("metric_value.name", x.name, y.name);
        eq("metric_value.direction", x.direction, y.direction);
        if (x.name.find("seconds") == std::string::npos) eqd(x.metric_id + "/" + x.name, x.value, y.value);
    }
}

}  // namespace

TEST_CASE("whole") {
    REQUIRE_MESSAGE((g_args.size() == 1 || g_args.size() == 2), "usage: whole DB [N]");
    Store store(g_args[0]);
    const auto ids = store.run_ids();
    std::set<std::string> keys;
    size_t loaded = 0;
    for (int64_t id : ids) {
        RunResult r;
        try {
            r = store.load(id);
        } catch (const std::exception& e) {
            FAIL_CHECK("run " << id << " does not load: " << e.what());
            continue;
        }
        ++loaded;
        CHECK_MESSAGE(r.run_key.has_value(), "run " << id << " has no run key");
        if (r.run_key) CHECK_MESSAGE(keys.insert(*r.run_key).second, "run key " << *r.run_key << " is stored twice");
        // A run is whole: its trace columns have one value per row (the store checks this on
        // save; a half-written run would not load at all).
        for (const auto& col : r.trace.values) CHECK(col.size() == r.trace.size());
    }
    std::printf("%s: %zu runs, all load whole, %zu distinct run keys\n", g_args[0].c_str(), loaded, keys.size());
    if (g_args.size() == 2) CHECK(ids.size() == std::stoul(g_args[1]));
}

TEST_CASE("same") {
    REQUIRE_MESSAGE(g_args.size() >= 2, "usage: same A.db B.db [C.db ...]");
    const auto ref = load_by_key(g_args[0]);
    CHECK_MESSAGE(!ref.empty(), g_args[0] << " holds no runs");
    for (size_t k = 1; k < g_args.size(); ++k) {
        const auto other = load_by_key(g_args[k]);
        CHECK_MESSAGE(other.size() == ref.size(), g_args[0] << " has " << ref.size() << " runs, " << g_args[k]
                                                            << " has " << other.size());
        size_t compared = 0, differ = 0;
        for (const auto& [key, a] : ref) {
            const auto it = other.find(key);
            if (it == other.end()) {
                FAIL_CHECK(g_args[k] << " has no run with key " << key << " (" << a.labels.algorithm << " on "
                                     << a.labels.instance << " rep " << a.labels.repetition << ")");
                continue;
            }
            std::vector<std::string> d;
            diff_results(a, it->second, d);
            ++compared;
            if (!d.empty()) {
                ++differ;
                std::string msg;
                for (const auto& line : d) msg += "\n    " + line;
                FAIL_CHECK(g_args[0] << " vs " << g_args[k] << ": run " << a.labels.algorithm << " on "
                                     << a.labels.instance << " rep " << a.labels.repetition << " differs:" << msg);
            }
        }
        for (const auto& [key, b] : other)
            if (!ref.count(key))
                FAIL_CHECK(g_args[0] << " has no run with key " << key << " (" << b.labels.algorithm << ")");
        std::printf("%s vs %s: %zu runs compared, %zu differ\n", g_args[0].c_str(), g_args[k].c_str(), compared,
                    differ);
    }
}

TEST_CASE("status") {
    REQUIRE_MESSAGE((g_args.size() >= 4 && (g_args.size() - 1) % 3 == 0),
                    "usage: status DB LABEL STATUS REGEX [LABEL STATUS REGEX ...]");
    Store store(g_args[0]);
    std::vector<RunResult> runs;
    for (int64_t id : store.run_ids()) runs.push_back(store.load(id));
    for (size_t i = 1; i + 2 < g_args.size(); i += 3) {
        const std::string &label = g_args[i], &status = g_args[i + 1], &re = g_args[i + 2];
        const RunResult* found = nullptr;
        size_t n = 0;
        for (const RunResult& r : runs)
            if (r.labels.algorithm == label) found = &r, ++n;
        CHECK_MESSAGE(n == 1, "runs labelled " << label << ": " << n);
        if (!found) continue;
        INFO("run " << label << ": status " << run_status_name(found->status) << ", error: " << found->error);
        CHECK(std::string(run_status_name(found->status)) == status);
        CHECK_MESSAGE(std::regex_search(found->error, std::regex(re)), "error does not match /" << re << "/");
        std::printf("%-28s %-14s %s\n", label.c_str(), run_status_name(found->status),
                    found->error.substr(0, found->error.find('\n')).c_str());
    }
}

TEST_CASE("count") {
    REQUIRE(g_args.size() == 1);
    Store store(g_args[0]);
    std::printf("%lld\n", static_cast<long long>(store.count()));
}

int main(int argc, char** argv) {
    static const std::set<std::string> commands = {"whole", "same", "status", "count"};
    if (argc < 2 || !commands.count(argv[1])) {
        std::fprintf(stderr, "usage: tessera_e2e_check whole|same|status|count ARGS... (see check.cpp)\n");
        return 2;
    }
    const std::string command = argv[1];
    g_args.assign(argv + 2, argv + argc);
    doctest::Context ctx;
    ctx.setOption("no-intro", true);
    ctx.setOption("force-colors", false);
    ctx.setOption("no-version", true);
    ctx.setOption("minimal", command == "count");
    ctx.addFilter("test-case", command.c_str());
    try {
        return ctx.run() == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tessera_e2e_check %s: %s\n", command.c_str(), e.what());
        return 1;
    }
}
