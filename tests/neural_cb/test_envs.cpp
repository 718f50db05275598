// The contextual environments (plugins/bandit_envs/contextual) through the ABI, and the neural_cb
// algorithms through the host: envs replay on reset and serve the rewards their steps return;
// classification rewards are the one-hot labels (a CSV's labels mapped to arms, the sorted order
// in class runs); nonlinear envs serve the exact mean of their clipped rewards; and on a
// class-sorted data set NeuFastCB makes far fewer mistakes than uniform play while LinUCB on
// well-separated blobs beats chance.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <tessera/sdk.hpp>

#include "../common/env_helpers.hpp"

using namespace tsr::host;
using tsrtest::create, tsrtest::env_of, tsrtest::table;

namespace {

// Plays arm (t·5 + t/7) mod K for a whole episode; checks rewards, observe and bounds against the
// ground truth; returns the observations seen (T × D).
tsr::RowMat play_episode(tsr_object* obj) {
    tsr::EnvRef env = env_of(obj);
    const tsr_env_spec spec = env.spec();
    const tsr::CRowMatMap R = table(obj, "rewards");
    REQUIRE(R.rows() == spec.horizon);
    REQUIRE(R.cols() == spec.n_arms);
    tsr::Vec obs(spec.observation_dim);
    tsr::RowMat seen(spec.horizon, spec.observation_dim);
    env.reset(0, obs);
    for (int64_t t = 0; t < spec.horizon; ++t) {
        seen.row(t) = obs.transpose();
        const int64_t arm = (t * 5 + t / 7) % spec.n_arms;
        const tsr_env_step st = env.step(arm, obs);
        CHECK(st.reward == R(t, arm));
        CHECK((st.done != 0) == (t + 1 == spec.horizon));
        CHECK(env.observe((arm + 1) % spec.n_arms) == R(t, (arm + 1) % spec.n_arms));
        CHECK(st.reward >= spec.reward_min);
        CHECK(st.reward <= spec.reward_max);
    }
    return seen;
}

void check_replay(const std::string& id, const KeyValues& params) {
    INFO(id);
    auto p = create(id, params, 42);
    const tsr::RowMat first = play_episode(p->obj);
    CHECK(first == play_episode(p->obj));  // reset replays (oblivious)
    auto same = create(id, params, 42), other = create(id, params, 43);
    CHECK(table(same->obj, "rewards") == table(p->obj, "rewards"));
    CHECK(table(other->obj, "mean_rewards") != table(p->obj, "mean_rewards"));
}

}  // namespace

TEST_CASE("contextual environments replay on reset and serve the rewards their steps return") {
    check_replay("cb.classification", {{"horizon", "300"}});
    check_replay("cb.classification", {{"horizon", "200"}, {"order", "sorted"}, {"blocks", "3"}});
    check_replay("cb.nonlinear", {{"horizon", "200"}});
    check_replay("cb.nonlinear", {{"horizon", "200"}, {"reward", "square"}, {"features", "joint"}});
}

TEST_CASE("classification: one-hot rewards, unit contexts, the sorted order runs through the classes") {
    auto p = create("cb.classification", {{"horizon", "400"}, {"classes", "3"}, {"order", "sorted"}, {"blocks", "2"}}, 7);
    const tsr::CRowMatMap R = table(p->obj, "rewards"), M = table(p->obj, "mean_rewards");
    CHECK(R == M);
    CHECK((R.rowwise().sum().array() == 1.0).all());
    const tsr::RowMat X = play_episode(p->obj);
    CHECK((X.rowwise().norm().array() - 1.0).abs().maxCoeff() < 1e-12);
    // Labels in order: runs c0, c1, c2, c0, c1, c2 — the label changes exactly 5 times.
    int changes = 0;
    Eigen::Index prev = -1;
    for (int64_t t = 0; t < R.rows(); ++t) {
        Eigen::Index y;
        R.row(t).maxCoeff(&y);
        if (t > 0 && y != prev) ++changes;
        if (t == 0) CHECK(y == 0);
        prev = y;
    }
    CHECK(changes == 5);
}

TEST_CASE("classification from a CSV file: label values map to arms in sorted order") {
    const auto path = std::filesystem::temp_directory_path() / "tessera_neural_cb_test.csv";
    {
        std::ofstream f(path);
        f << "a,b,label\n";
        for (int i = 0; i < 30; ++i) f << i << "," << (i % 7) + 1 << "," << (i % 3 == 0 ? 7 : i % 3 == 1 ? -2 : 5) << "\n";
    }
    auto p = create("cb.classification", {{"file", path.string()}, {"horizon", "0"}, {"normalize", "false"}}, 3);
    const tsr::CRowMatMap R = table(p->obj, "rewards");
    REQUIRE(R.rows() == 30);
    REQUIRE(R.cols() == 3);
    const tsr::RowMat X = play_episode(p->obj);
    for (int64_t t = 0; t < 30; ++t) {  // row i has label 7 (arm 2), −2 (arm 0) or 5 (arm 1) by i mod 3
        const int i = static_cast<int>(X(t, 0));
        const int arm = i % 3 == 0 ? 2 : i % 3 == 1 ? 0 : 1;
        CHECK(R(t, arm) == 1.0);
        CHECK(X(t, 1) == (i % 7) + 1);
    }
    tsr_object* bad = nullptr;
    {
        const Component& c = tsrtest::plugin_registry().require("cb.classification", TSR_KIND_PROBLEM);
        const ParamSet ps = ParamSet::resolve(c, {{"file", path.string()}, {"horizon", "31"}});
        tsr_create_args args{};
        args.struct_size = sizeof args;
        args.n_params = static_cast<uint32_t>(ps.abi().size());
        args.params = ps.abi().data();
        char err[256] = {};
        CHECK(c.desc->create(c.desc, &args, &bad, err, sizeof err) != TSR_OK);  // more steps than rows
        CHECK(std::string(err).find("30 rows") != std::string::npos);
    }
    std::filesystem::remove(path);
}

TEST_CASE("nonlinear: mean_rewards is the exact mean of the clipped noisy reward") {
    for (const char* reward : {"cos", "square"}) {
        INFO(reward);
        auto p = create("cb.nonlinear", {{"horizon", "20000"}, {"reward", reward}, {"noise", "0.5"}}, 11);
        const tsr::CRowMatMap R = table(p->obj, "rewards"), M = table(p->obj, "mean_rewards");
        // Σ (r − E r) over 80000 independent draws of sd ≤ 0.5: mean within ±0.0053 (3 sd); a clip
        // ignored in the mean (the square reward sits near its lower bound 0) is off by ~0.1.
        CHECK(std::abs((R - M).mean()) < 0.006);
    }
}

TEST_CASE("end to end: the algorithms learn (pseudo-regret far below uniform play)") {
    // Uniform play on K classes makes (1 − 1/K)·T mistakes: 750 here.
    auto run = [](const std::string& algo, const std::string& order) {
        const RunResult r = tsrtest::run_checked(algo, {}, "cb.classification",
                                                 {{"horizon", "1000"}, {"separation", "3"}, {"order", order}}, {}, 5);
        const auto* steps = tsrtest::trace_column(r, "env.steps");
        REQUIRE(steps != nullptr);
        CHECK(steps->back() == 1000);
        const auto* pseudo = tsrtest::trace_column(r, "env.pseudo_regret");  // the host's column
        REQUIRE(pseudo != nullptr);
        return pseudo->back();
    };
    for (const char* algo : {"ncb.fast", "ncb.square", "ncb.egreedy", "ncb.neural_ucb", "ncb.linucb"}) {
        INFO(algo);
        CHECK(run(algo, "iid") < 375);
    }
    CHECK(run("ncb.fast", "sorted") < 150);
}
