// The bandit baselines and sc.batched run through the host as `tessera run` does, measured by the
// regret metrics: EXP3 has sublinear regret on an easy instance, UCB1 logarithmic pseudo-regret,
// the shrinking-dartboard Hedge few switches; sc.batched never spends more than its budget B and
// switches at most once per batch. The metrics agree with the host's env.* columns.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "../common/plugin_runs.hpp"

using namespace tsr::host;

namespace {

RunResult run(const std::string& algo, KeyValues ap, const std::string& problem, KeyValues pp, uint64_t seed = 1) {
    return tsrtest::run_checked(algo, std::move(ap), problem, std::move(pp), {{"regret.final", {}}, {"regret.slope", {}}},
                                seed);
}

double metric(const RunResult& r, const std::string& output) {
    return tsrtest::metric_value(r, output == "slope" ? "regret.slope" : "regret.final", output);
}

}  // namespace

TEST_CASE("EXP3 on an easy two-armed instance: regret far below uniform play, growing sublinearly") {
    const KeyValues easy = {{"arms", "2"}, {"horizon", "20000"}, {"gap", "0.4"}};
    for (uint64_t seed : {1, 2, 3}) {
        const RunResult r = run("bandit.exp3", {}, "bandit.bernoulli", easy, seed);
        // Uniform play loses gap/2 per step: 4000 over T; Corollary 3.2 bounds EXP3 by 2.63 sqrt(T K ln K) = 437.
        CHECK(metric(r, "pseudo_regret") < 437);
        CHECK(metric(r, "pseudo_regret") < 0.15 * 4000);
        CHECK(metric(r, "slope") < 0.8);
        CHECK(metric(r, "observations") == 0);
        const auto* steps = tsrtest::trace_column(r, "env.steps");
        REQUIRE(steps != nullptr);
        CHECK(steps->back() == 20000);
    }
}

TEST_CASE("UCB1: pseudo-regret within the logarithmic bound of Auer et al.'s Theorem 1") {
    const RunResult r = run("bandit.ucb1", {}, "bandit.bernoulli", {{"arms", "3"}, {"horizon", "20000"}, {"gap", "0.3"}});
    // Σ_{Δ>0} 8 ln T / Δ + (1 + π²/3) Σ Δ with two arms at Δ = 0.3.
    const double bound = 2 * 8 * std::log(20000.0) / 0.3 + (1 + M_PI * M_PI / 3) * 0.6;
    CHECK(metric(r, "pseudo_regret") < bound);
    CHECK(metric(r, "slope") < 0.5);
}

TEST_CASE("shrinking-dartboard Hedge: full information through observe, O(sqrt(T log K)) switches") {
    const KeyValues walk = {{"arms", "4"}, {"horizon", "10000"}, {"gap", "0.05"}};
    const RunResult r = run("bandit.hedge_sd", {}, "bandit.random_walk", walk);
    CHECK(metric(r, "observations") == 3 * 10000);
    CHECK(metric(r, "switches") < 3 * std::sqrt(10000 * std::log(4.0)));
    CHECK(metric(r, "regret") < 0.05 * 10000 * 0.75 / 2);  // well below never learning (3/4 of gap·T)
    // Full feedback through the outcome vector instead: no extra observation at all.
    KeyValues full = walk;
    full.push_back({"feedback", "full"});
    const RunResult f = run("bandit.hedge_sd", {}, "bandit.random_walk", full);
    CHECK(metric(f, "observations") == 0);
    CHECK(metric(f, "regret") == doctest::Approx(metric(r, "regret")));
}

TEST_CASE("regret.final: switching_regret = regret + switches; env.* columns end at T") {
    const RunResult r = run("bandit.exp3", {}, "bandit.random_walk", {{"arms", "3"}, {"horizon", "3000"}});
    CHECK(metric(r, "switching_regret") == doctest::Approx(metric(r, "regret") + metric(r, "switches")));
    CHECK(metric(r, "switches") == tsrtest::trace_column(r, "env.switches")->back());
    CHECK(std::isnan(metric(r, "pseudo_regret")));  // adversarial: no mean_rewards
}

TEST_CASE("sc.batched spends at most B extra observations and switches at most once per batch") {
    const KeyValues walk = {{"arms", "4"}, {"horizon", "6000"}, {"gap", "0.05"}};
    for (const char* B : {"30", "300", "3000"}) {
        INFO("B = ", B);
        const RunResult r = run("sc.batched", {{"mode", "full"}, {"budget", B}}, "bandit.random_walk", walk);
        const double budget = std::stod(B), batches = budget / 3;
        CHECK(metric(r, "observations") == batches * 3);  // K - 1 = 3 per batch, every batch
        CHECK(metric(r, "switches") <= batches - 1);
    }
    const RunResult b = run("sc.batched", {{"mode", "bandit"}, {"budget", "3000"}}, "bandit.random_walk", walk);
    CHECK(metric(b, "observations") == 0);
    // Batched EXP3: tau = round((2T / (K ln K))^(1/3)) = 13 steps per batch, at most 462 batches.
    CHECK(metric(b, "switches") <= 461);
}
