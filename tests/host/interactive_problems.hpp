// tests/host/interactive_problems.hpp — tiny problems for iface/{env,set_function,stream}.h, small
// enough to check by hand, for the proxy, runner and validate tests. A `mode` parameter picks a
// deliberate fault that `tessera validate` must catch.
//
//   test.bandit     K = 3 arms, T = 20 steps; reward R[t,a] = ((7t + 3a) mod 5) / 4, mean reward
//                   M[t,a] = a / 4 (arm 2 best in expectation); served as "rewards" / "mean_rewards".
//                   Faults: "replay" (reset does not replay: rewards drift across episodes),
//                   "table" (the ground-truth table disagrees with the steps).
//   test.coverage   5 sets over 6 items, f(S) = |∪_{i∈S} set_i| (monotone submodular), k = 2; a stream
//                   inserting 0..4, deleting 1, inserting 1 (7 updates). Fault "gains": gains off by one.
// and test.bandit_walk (plays arm t mod 3, reports every 5 steps) and test.stream_walk (greedy of
// size 2 on the active set after each update, handed over as the solution; a trace point every 3
// updates), and the metric test.steps_series (a series: the host's stream.steps + 1).
#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include <tessera/sdk.hpp>

#include "iface_problems.hpp"

namespace hosttest {

class Bandit {
public:
    static constexpr tsr::Info info{"test.bandit", "1.0.0", "3 arms, 20 steps, rewards by formula"};
    using provides = tsr::Provides<tsr::Env, tsr::GroundTruth>;
    using Params = ModeParams;
    static constexpr int64_t K = 3, T = 20;
    static double reward(int64_t t, int64_t a) { return static_cast<double>((7 * t + 3 * a) % 5) / 4.0; }

    explicit Bandit(const Params& p) : mode_(p.mode), R_(T, K), M_(T, K) {
        for (int64_t t = 0; t < T; ++t)
            for (int64_t a = 0; a < K; ++a) {
                R_(t, a) = reward(t, a) + (mode_ == "table" && t == 3 ? 0.5 : 0.0);
                M_(t, a) = static_cast<double>(a) / 4.0;
            }
    }
    tsr_env_spec env_spec() const {
        tsr_env_spec s{};
        s.n_arms = K;
        s.horizon = T;
        s.can_observe = 1;
        s.reward_min = 0;
        s.reward_max = 1;
        return s;
    }
    void reset(uint64_t, tsr::VecMap) {
        t_ = 0;
        ++episodes_;
    }
    double step(int64_t arm, tsr::CVecMap, tsr::VecMap, tsr::VecMap, bool& done) {
        if (t_ >= T) throw tsr::InvalidArgument("step after the end of the episode");
        const double r = reward(t_, arm) + (mode_ == "replay" ? 0.1 * static_cast<double>(episodes_) : 0.0);
        done = ++t_ == T;
        return r;
    }
    double observe(int64_t arm) const { return reward(t_ - 1, arm); }
    std::optional<double> truth_scalar(std::string_view) const { return std::nullopt; }
    std::optional<tsr_array> truth_array(std::string_view name) const {
        if (name == "rewards") return tsr::array_view(R_);
        if (name == "mean_rewards") return tsr::array_view(M_);
        return std::nullopt;
    }

private:
    std::string mode_;
    tsr::RowMat R_, M_;
    int64_t t_ = 0, episodes_ = 0;
};

class Coverage {
public:
    static constexpr tsr::Info info{"test.coverage", "1.0.0", "5 sets over 6 items, a 7-update stream"};
    using provides = tsr::Provides<tsr::SetFunction, tsr::Stream>;
    using Params = ModeParams;
    explicit Coverage(const Params& p) : mode_(p.mode) {}

    int64_t ground_size() const { return 5; }
    tsr_set_function_properties set_properties() const {
        tsr_set_function_properties p{};
        p.monotone = p.submodular = p.normalized = 1;
        p.cardinality = 2;
        return p;
    }
    double value(std::span<const int64_t> s) const { return static_cast<double>(__builtin_popcount(covered(s))); }
    void gains(std::span<const int64_t> s, std::span<const int64_t> cand, tsr::VecMap out) const {
        const unsigned base = covered(s);
        for (size_t j = 0; j < cand.size(); ++j)
            out[static_cast<Eigen::Index>(j)] = __builtin_popcount(kSets[cand[j]] & ~base) + (mode_ == "gains" ? 1.0 : 0.0);
    }
    int64_t stream_length() const { return 7; }
    tsr_stream_update next() {
        static constexpr int64_t kind[7] = {1, 1, 1, 1, 1, 2, 1}, elem[7] = {0, 1, 2, 3, 4, 1, 1};
        tsr_stream_update u{};
        if (pos_ < 7) {
            u.kind = static_cast<int32_t>(kind[pos_]);
            u.element = elem[pos_];
            u.step = pos_++;
        }
        return u;
    }
    void solution(std::span<const int64_t>) {}

private:
    // Items covered by each set, as bit masks over 6 items.
    static constexpr unsigned kSets[5] = {0b000011, 0b001110, 0b110000, 0b000001, 0b011000};
    static unsigned covered(std::span<const int64_t> s) {
        unsigned m = 0;
        for (int64_t e : s) m |= kSets[e];
        return m;
    }
    std::string mode_;
    int64_t pos_ = 0;
};

class BanditWalk {
public:
    static constexpr tsr::Info info{"test.bandit_walk", "1.0.0", "plays arm t mod K"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    void run(tsr::Run& r) {
        tsr::EnvRef env = r.env();
        tsr::Vec obs(0);
        env.reset(0);
        for (int64_t t = 0;; ++t) {
            const tsr_env_step st = env.step(t % env.spec().n_arms, obs);
            if ((t + 1) % 5 == 0 && r.report_values(t + 1, {})) break;
            if (st.done) break;
        }
    }
};

class StreamWalk {
public:
    static constexpr tsr::Info info{"test.stream_walk", "1.0.0", "greedy of size k after each update"};
    static constexpr const char* needs[] = {TSR_SET_FUNCTION_V1, TSR_STREAM_V1};
    void run(tsr::Run& r) {
        tsr::SetFunctionRef f = r.set_function();
        tsr::StreamRef stream = r.stream();
        std::vector<int64_t> active, S;
        for (;;) {
            const tsr_stream_update u = stream.next();
            if (u.kind == TSR_UPDATE_END) break;
            if (u.kind == TSR_UPDATE_INSERT) active.push_back(u.element);
            else active.erase(std::find(active.begin(), active.end(), u.element));
            S.clear();
            tsr::Vec g(static_cast<Eigen::Index>(active.size()));
            for (int pick = 0; pick < f.properties().cardinality && !active.empty(); ++pick) {
                f.gains(S, active, g);
                Eigen::Index best;
                if (g.maxCoeff(&best) <= 0) break;
                S.push_back(active[static_cast<size_t>(best)]);
            }
            stream.solution(S);
            if (u.step % 3 == 2) r.report_values(u.step + 1, {{"active", static_cast<double>(active.size())}});
        }
    }
};

// A metric with a series (tsr.metric_series.v1): at each trace point, the host's "stream.steps"
// plus one; its final value is the number of trace points.
class StepsSeries {
public:
    static constexpr tsr::Info info{"test.steps_series", "1.0.0", "stream.steps + 1 at each trace point"};
    static constexpr tsr::Output outputs[] = {{"points", TSR_NO_DIRECTION, "trace points"}};
    static constexpr tsr::Output series[] = {{"next", TSR_NO_DIRECTION, "stream.steps + 1"}};
    void evaluate(const tsr::RunRecord& r, std::span<double> out) { out[0] = static_cast<double>(r.trace_size()); }
    void evaluate_series(const tsr::RunRecord& r, std::span<double> out) {
        const auto steps = r.trace_column("stream.steps");
        if (!steps) return;  // not a stream run: the host filled NaN
        for (size_t i = 0; i < steps->size(); ++i) out[i] = (*steps)[i] + 1.0;
    }
};

inline const tsr_plugin_desc* interactive_plugin() {
    static const std::vector<const tsr_component_desc*> components = {
        tsr::detail::describe<Bandit>(), tsr::detail::describe<Coverage>(), tsr::detail::describe<BanditWalk>(),
        tsr::detail::describe<StreamWalk>(), tsr::detail::describe<StepsSeries>()};
    static const tsr_plugin_desc desc = {sizeof(tsr_plugin_desc),
                                         TSR_ABI_MAJOR,
                                         TSR_ABI_MINOR,
                                         static_cast<uint32_t>(components.size()),
                                         "hosttest_interactive",
                                         "0.0.1",
                                         "interactive interface test problems",
                                         components.data()};
    return &desc;
}

}  // namespace hosttest
