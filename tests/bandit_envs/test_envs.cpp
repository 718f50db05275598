// The environments of plugins/bandit_envs through the ABI, as an algorithm and a metric see them:
// created by their descriptor from a seed, stepped through tsr.env.v1, read through
// tsr.ground_truth.v1. Checks that reset replays the sequence (oblivious), that the ground-truth
// tables are the rewards the steps return, that observe and full feedback return the same row,
// and that the seed alone fixes the instance.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include <tessera/sdk.hpp>

#include "../common/env_helpers.hpp"

using namespace tsr::host;
using tsrtest::create, tsrtest::env_of, tsrtest::table;

namespace {

// Plays a fixed arm sequence for a whole episode; checks every reward, observation and outcome
// against the "rewards" table; returns the rewards collected.
tsr::Vec play_episode(tsr_object* obj, uint64_t reset_seed) {
    tsr::EnvRef env = env_of(obj);
    const tsr_env_spec spec = env.spec();
    const tsr::CRowMatMap R = table(obj, "rewards");
    REQUIRE(R.rows() == spec.horizon);
    REQUIRE(R.cols() == spec.n_arms);
    const bool full = spec.feedback == TSR_FEEDBACK_FULL;
    tsr::Vec obs(spec.observation_dim), outcome(spec.outcome_dim), got(spec.horizon);
    env.reset(reset_seed, obs);
    for (int64_t t = 0; t < spec.horizon; ++t) {
        const int64_t arm = (t * 7 + t / 3) % spec.n_arms;
        const tsr_env_step st = full ? env.step(arm, obs, outcome) : env.step(arm, obs);
        got(t) = st.reward;
        CHECK(st.reward == R(t, arm));
        CHECK((st.done != 0) == (t + 1 == spec.horizon));
        const int64_t other = (arm + 1) % spec.n_arms;
        CHECK(env.observe(other) == R(t, other));
        if (full) CHECK(outcome == R.row(t).transpose());
        CHECK(st.reward >= spec.reward_min);
        CHECK(st.reward <= spec.reward_max);
    }
    return got;
}

void check_env(const std::string& id, const KeyValues& params) {
    INFO(id);
    auto p = create(id, params, 42);
    const tsr::Vec first = play_episode(p->obj, 1);
    const tsr::Vec again = play_episode(p->obj, 2);  // oblivious: the reset seed changes nothing
    CHECK(first == again);
    auto same_seed = create(id, params, 42);
    CHECK(table(same_seed->obj, "rewards") == table(p->obj, "rewards"));
    auto other_seed = create(id, params, 43);
    CHECK(table(other_seed->obj, "rewards") != table(p->obj, "rewards"));
}

}  // namespace

TEST_CASE("every environment replays on reset and serves its rewards as ground truth") {
    check_env("bandit.bernoulli", {{"arms", "3"}, {"horizon", "200"}});
    check_env("bandit.bernoulli", {{"arms", "4"}, {"horizon", "100"}, {"gap", "0.2"}, {"feedback", "full"}});
    check_env("bandit.gaussian", {{"arms", "5"}, {"horizon", "150"}, {"sigma", "0.5"}});
    check_env("bandit.random_walk", {{"arms", "3"}, {"horizon", "256"}});
    check_env("bandit.random_walk", {{"arms", "2"}, {"horizon", "300"}, {"gap", "0.1"}, {"feedback", "full"}});
}

TEST_CASE("stochastic environments: mean_rewards are the arm means, the sample means approach them") {
    auto p = create("bandit.bernoulli", {{"arms", "3"}, {"horizon", "20000"}, {"gap", "0.3"}}, 5);
    const tsr::CRowMatMap R = table(p->obj, "rewards"), M = table(p->obj, "mean_rewards");
    REQUIRE(M.rows() == R.rows());
    int best = 0;
    for (int64_t a = 0; a < 3; ++a) {
        CHECK(R.col(a).mean() == doctest::Approx(M(0, a)).epsilon(0.03));
        CHECK((M.col(a).array() == M(0, a)).all());
        if (M(0, a) == 0.65) ++best;
        else CHECK(M(0, a) == doctest::Approx(0.35));
    }
    CHECK(best == 1);
    auto adversarial = create("bandit.random_walk", {{"arms", "2"}, {"horizon", "64"}}, 5);
    auto gt = tsr::try_ref<tsr::GroundTruthRef, tsr_ground_truth_v1>(adversarial->obj, TSR_GROUND_TRUTH_V1);
    CHECK_FALSE(gt->array("mean_rewards").has_value());
}

TEST_CASE("random walk: every arm moves with the same walk; the best arm is better by exactly the gap") {
    auto p = create("bandit.random_walk", {{"arms", "4"}, {"horizon", "4096"}, {"gap", "0.05"}}, 9);
    const tsr::CRowMatMap R = table(p->obj, "rewards");
    // Differences between arms are 0 or ±gap at every step (the walk stays far from the clip at 0, 1).
    int64_t best = -1;
    for (int64_t a = 0; a < 4; ++a)
        if (R(0, a) > R(0, (a + 1) % 4)) best = a;
    REQUIRE(best >= 0);
    for (int64_t t = 0; t < R.rows(); ++t)
        for (int64_t a = 0; a < 4; ++a)
            CHECK(R(t, best) - R(t, a) == doctest::Approx(a == best ? 0.0 : 0.05).epsilon(1e-9));
    // Increments follow the tree: W_t − W_{ρ(t)} has standard deviation 1/(9 log2 T) = 1/108.
    double sum2 = 0;
    for (int64_t t = 2; t <= R.rows(); t += 2) {  // ρ(t) for even t is t − 2^{δ(t)} ≥ 0
        const int64_t parent = t - (t & -t);
        const double w_t = -R(t - 1, (best + 1) % 4), w_p = parent == 0 ? 0.5 : -R(parent - 1, (best + 1) % 4);
        sum2 += (w_t - w_p) * (w_t - w_p);
    }
    CHECK(std::sqrt(sum2 / (R.rows() / 2)) == doctest::Approx(1.0 / 108).epsilon(0.1));
}
