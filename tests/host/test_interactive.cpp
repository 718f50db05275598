// The host's record of interactive runs (host/interaction_record.cpp) and the validate checks of
// tsr.env.v1, tsr.set_function.v1 and tsr.stream.v1, on the hand-checkable problems of
// interactive_problems.hpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "interactive_problems.hpp"
#include "registry.hpp"
#include "run_result.hpp"
#include "runner.hpp"
#include "validate.hpp"

namespace {

tsr::host::Registry& registry() {
    static tsr::host::Registry* reg = [] {
        auto* r = new tsr::host::Registry();
        REQUIRE(r->add_builtin(hosttest::interactive_plugin(), "(interactive tests)"));
        return r;
    }();
    return *reg;
}

const std::vector<double>& column(const tsr::host::RunResult& r, const std::string& name) {
    const auto it = std::find(r.trace.columns.begin(), r.trace.columns.end(), name);
    REQUIRE_MESSAGE(it != r.trace.columns.end(), "no column " << name);
    return r.trace.values[static_cast<size_t>(it - r.trace.columns.begin())];
}

template <class T>
std::vector<T> array(const tsr::host::RunResult& r, const std::string& name) {
    for (const auto& a : r.arrays)
        if (a.name == name) {
            std::vector<T> v(a.bytes.size() / sizeof(T));
            std::memcpy(v.data(), a.bytes.data(), a.bytes.size());
            return v;
        }
    FAIL("no array " << name);
    return {};
}

tsr::host::RunResult run(const char* algorithm, const char* problem, int64_t max_evals = 0) {
    tsr::host::RunRequest req;
    req.algorithm = algorithm;
    req.problem = problem;
    req.seed = 1;
    req.budget.max_evals = max_evals;
    return tsr::host::run_one(registry(), req);
}

}  // namespace

TEST_CASE("the host records an environment run: actions, rewards, switches and both regrets") {
    const tsr::host::RunResult r = run("test.bandit_walk", "test.bandit");
    REQUIRE(r.status == tsr::host::RunStatus::ok);
    const int64_t K = hosttest::Bandit::K;
    const auto actions = array<int64_t>(r, "env.actions");
    const auto rewards = array<double>(r, "env.rewards");
    REQUIRE(actions.size() == 20);
    REQUIRE(rewards.size() == 20);
    // Expected prefix values after t steps of arm s mod K.
    std::vector<double> per_arm(K, 0.0);
    double collected = 0, pseudo = 0;
    std::vector<double> want_regret, want_pseudo, want_reward;
    for (int64_t s = 0; s < 20; ++s) {
        CHECK(actions[s] == s % K);
        CHECK(rewards[s] == hosttest::Bandit::reward(s, s % K));
        for (int64_t a = 0; a < K; ++a) per_arm[a] += hosttest::Bandit::reward(s, a);
        collected += hosttest::Bandit::reward(s, s % K);
        pseudo += (2.0 - static_cast<double>(s % K)) / 4.0;
        if ((s + 1) % 5 == 0) {
            want_regret.push_back(*std::max_element(per_arm.begin(), per_arm.end()) - collected);
            want_pseudo.push_back(pseudo);
            want_reward.push_back(collected);
        }
    }
    CHECK(column(r, "env.steps") == std::vector<double>{5, 10, 15, 20});
    CHECK(column(r, "env.switches") == std::vector<double>{4, 9, 14, 19});
    for (size_t i = 0; i < 4; ++i) {
        CHECK(column(r, "env.reward")[i] == doctest::Approx(want_reward[i]));
        CHECK(column(r, "env.regret")[i] == doctest::Approx(want_regret[i]));
        CHECK(column(r, "env.pseudo_regret")[i] == doctest::Approx(want_pseudo[i]));
    }
    bool counted = false;
    for (const auto& c : r.counters)
        if (c.name == "tsr.env.v1/step") counted = c.calls == 20 && c.units == 20;
    CHECK(counted);
}

TEST_CASE("an environment's steps count against the evaluation budget") {
    const tsr::host::RunResult r = run("test.bandit_walk", "test.bandit", 7);
    CHECK(r.status == tsr::host::RunStatus::budget_exhausted);
    CHECK(array<int64_t>(r, "env.actions").size() == 7);
}

TEST_CASE("the host records a stream run: updates, queries per update and the solutions") {
    const tsr::host::RunResult r = run("test.stream_walk", "test.coverage");
    REQUIRE(r.status == tsr::host::RunStatus::ok);
    const auto updates = array<int64_t>(r, "stream.updates");
    CHECK(updates == std::vector<int64_t>{1, 0, 1, 1, 1, 2, 1, 3, 1, 4, 2, 1, 1, 1});
    const auto queries = array<int64_t>(r, "stream.queries");
    REQUIRE(queries.size() == 7);
    CHECK(queries[0] == 0);
    CHECK(std::is_sorted(queries.begin(), queries.end()));
    CHECK(queries.back() < r.total_evals);
    CHECK(array<int64_t>(r, "stream.solution_step") == std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7});
    const auto offsets = array<int64_t>(r, "stream.solution_offsets");
    const auto elements = array<int64_t>(r, "stream.solution_elements");
    REQUIRE(offsets.size() == 8);
    CHECK(offsets.back() == static_cast<int64_t>(elements.size()));
    // After the 5th update all sets are active: greedy picks set 1 (3 items) then set 2 (2 items).
    CHECK(std::vector<int64_t>(elements.begin() + offsets[4], elements.begin() + offsets[5]) == std::vector<int64_t>{1, 2});
}

TEST_CASE("the host places trace points in the stream (stream.steps) and stores a metric's series as trace columns") {
    tsr::host::RunRequest req;
    req.algorithm = "test.stream_walk";
    req.problem = "test.coverage";
    req.seed = 1;
    req.metrics.push_back({"test.steps_series", {}});
    const tsr::host::RunResult r = tsr::host::run_one(registry(), req);
    REQUIRE(r.status == tsr::host::RunStatus::ok);
    CHECK(r.error.empty());
    REQUIRE(r.trace.size() == 2);  // after updates 3 and 6 of 7
    CHECK(column(r, "stream.steps") == std::vector<double>{3, 6});
    CHECK(column(r, "test.steps_series/next") == std::vector<double>{4, 7});
    REQUIRE(r.metric_values.size() == 1);
    CHECK(r.metric_values[0].value == 2);
}

TEST_CASE("validate: interactive test problems pass, and each fault is caught by its check") {
    auto checks = [](const char* problem, const char* mode) {
        const tsr::host::Component* c = registry().find(problem);
        REQUIRE(c);
        return tsr::host::validate_problem(registry(), *c, {{"mode", mode}});
    };
    for (const char* problem : {"test.bandit", "test.coverage"})
        for (const auto& c : checks(problem, "ok")) {
            CAPTURE(problem);
            CAPTURE(c.name);
            CAPTURE(c.detail);
            CHECK(c.result != tsr::host::Check::fail);
        }
    struct Fault {
        const char *problem, *mode, *check;
    };
    for (const Fault& f : {Fault{"test.bandit", "replay", "env reset replays the episode (oblivious)"},
                           Fault{"test.bandit", "table", "step rewards equal the ground-truth table"},
                           Fault{"test.coverage", "gains", "gains equal value differences (and 0 inside S)"}}) {
        CAPTURE(f.mode);
        bool caught = false;
        for (const auto& c : checks(f.problem, f.mode)) caught = caught || (c.name == f.check && c.result == tsr::host::Check::fail);
        CHECK(caught);
    }
}
