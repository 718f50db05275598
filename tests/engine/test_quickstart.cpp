// configs/quickstart.toml end to end, in-process and sequential: it loads, expands, runs, and
// its claims hold. The --quick variant runs in every test run; the full experiment (timing for
// the "under a minute on 2 cores" promise) runs with --no-skip.
#include <chrono>
#include <map>

#include <doctest/doctest.h>

#include "claims.hpp"
#include "engine_util.hpp"
#include "runner.hpp"

using namespace tsr::host;
using namespace enginetest;

namespace {

const fs::path kQuickstart = fs::path(TESSERA_SOURCE_DIR) / "configs" / "quickstart.toml";

struct Outcome {
    std::vector<RunResult> runs;
    std::vector<ClaimVerdict> verdicts;
    double seconds = 0;
};

Outcome run_all(bool quick) {
    const Experiment e = load_experiment(kQuickstart, quick);
    const auto plan = expand(e, plugins());
    Outcome out;
    const auto t0 = std::chrono::steady_clock::now();
    for (const PlannedRun& p : plan) {
        RunResult r = run_one(plugins(), p.request);
        r.labels = p.labels;
        r.run_key = p.key;
        thin_trace(r.trace, e.trace.every, e.trace.log_points);
        out.runs.push_back(std::move(r));
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    out.verdicts = evaluate_claims(e, out.runs);
    return out;
}

void check_outcome(const Outcome& o) {
    for (const RunResult& r : o.runs) {
        INFO(r.labels.algorithm << " on " << r.labels.instance << " rep " << r.labels.repetition << ": "
                                << run_status_name(r.status) << " " << r.error);
        CHECK((r.status == RunStatus::ok || r.status == RunStatus::stopped || r.status == RunStatus::budget_exhausted));
        CHECK(r.trace.size() <= 205);
        CHECK(r.metric_values.size() == 5);  // suboptimality: 2 outputs; time_to_target: 3
    }
    REQUIRE(o.verdicts.size() == 2);
    for (const ClaimVerdict& v : o.verdicts) {
        INFO(v.text << "\n  " << v.detail);
        CHECK(v.held);
    }
}

}  // namespace

TEST_CASE("quickstart: the --quick variant runs and its claims hold") {
    const Outcome o = run_all(true);
    MESSAGE("quickstart --quick: " << o.runs.size() << " runs in " << o.seconds << " s (sequential)\n"
                                   << verdict_table(o.verdicts));
    CHECK(o.runs.size() == 14);
    check_outcome(o);
}

TEST_CASE("quickstart: the full experiment runs, and its claims hold" * doctest::skip()) {
    const Outcome o = run_all(false);
    std::map<std::string, double> per_algorithm;
    for (const RunResult& r : o.runs) per_algorithm[r.labels.algorithm + " on " + r.labels.instance] += r.wall_seconds;
    std::string times;
    for (const auto& [k, s] : per_algorithm) times += "  " + k + ": " + std::to_string(s) + " s\n";
    MESSAGE("quickstart: " << o.runs.size() << " runs in " << o.seconds << " s (sequential, one thread)\n"
                           << times << verdict_table(o.verdicts));
    CHECK(o.runs.size() == 70);
    check_outcome(o);
}
