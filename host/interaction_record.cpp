#include "interaction_record.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include <tessera/iface/ground_truth.h>

namespace tsr::host {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

template <class T>
Array make_array(const char* name, int32_t dtype, std::vector<int64_t> shape, const std::vector<T>& data) {
    Array a;
    a.name = name;
    a.dtype = dtype;
    a.shape = std::move(shape);
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    a.bytes.assign(bytes, bytes + data.size() * sizeof(T));
    return a;
}

// A T × K float64 ground-truth table of the problem, or an empty view.
struct Table {
    const double* data = nullptr;
    int64_t rows = 0, cols = 0;
    double at(int64_t t, int64_t a) const { return data[t * cols + a]; }
};

Table truth_table(tsr_object* problem, const char* name) {
    auto* gt = static_cast<const tsr_ground_truth_v1*>(problem->get_interface(problem, TSR_GROUND_TRUTH_V1));
    if (!gt) return {};
    tsr_array a{};
    a.struct_size = sizeof a;
    if (gt->array(problem, name, &a) != TSR_OK || a.dtype != TSR_DTYPE_F64 || a.ndim != 2 || !a.data) return {};
    return {static_cast<const double*>(a.data), a.shape[0], a.shape[1]};
}

void add_column(Trace& t, const char* name, std::vector<double> values) {
    t.columns.emplace_back(name);
    t.values.push_back(std::move(values));
}

}  // namespace

void record_env(const EnvLog& log, const std::vector<int64_t>& steps_at_point, tsr_object* problem, RunResult& r) {
    const auto steps = static_cast<int64_t>(log.actions.size());
    r.arrays.push_back(make_array("env.rewards", TSR_DTYPE_F64, {steps}, log.rewards));
    if (log.discrete) r.arrays.push_back(make_array("env.actions", TSR_DTYPE_I64, {steps}, log.actions));

    // Prefix quantities per step s (value after s steps), sampled at the trace points.
    std::vector<double> reward(static_cast<size_t>(steps) + 1, 0.0), switches(reward.size(), 0.0);
    for (int64_t s = 0; s < steps; ++s) {
        reward[s + 1] = reward[s] + log.rewards[s];
        switches[s + 1] = switches[s] + (log.discrete && s > 0 && log.actions[s] != log.actions[s - 1] ? 1.0 : 0.0);
    }
    std::vector<double> regret(reward.size(), kNaN), pseudo(reward.size(), kNaN);
    const bool one_episode = log.episode_starts.size() <= 1;
    if (log.discrete && one_episode) {
        const Table R = truth_table(problem, "rewards");
        if (R.data && R.rows >= steps) {
            std::vector<double> per_arm(static_cast<size_t>(R.cols), 0.0);
            double collected = 0;
            regret[0] = 0;
            for (int64_t s = 0; s < steps; ++s) {
                for (int64_t a = 0; a < R.cols; ++a) per_arm[a] += R.at(s, a);
                const int64_t played = log.actions[s];
                collected += played >= 0 && played < R.cols ? R.at(s, played) : kNaN;
                regret[s + 1] = *std::max_element(per_arm.begin(), per_arm.end()) - collected;
            }
        }
        const Table M = truth_table(problem, "mean_rewards");
        if (M.data && M.rows >= steps) {
            pseudo[0] = 0;
            for (int64_t s = 0; s < steps; ++s) {
                double best = M.at(s, 0);
                for (int64_t a = 1; a < M.cols; ++a) best = std::max(best, M.at(s, a));
                const int64_t played = log.actions[s];
                pseudo[s + 1] = pseudo[s] + (played >= 0 && played < M.cols ? best - M.at(s, played) : kNaN);
            }
        }
    }

    Trace& t = r.trace;
    const size_t rows = t.size();
    std::vector<double> c_steps(rows), c_reward(rows), c_switches(rows), c_regret(rows), c_pseudo(rows);
    for (size_t i = 0; i < rows; ++i) {
        const int64_t s = i < steps_at_point.size() ? std::min(steps_at_point[i], steps) : steps;
        c_steps[i] = static_cast<double>(s);
        c_reward[i] = reward[s];
        c_switches[i] = switches[s];
        c_regret[i] = regret[s];
        c_pseudo[i] = pseudo[s];
    }
    add_column(t, "env.steps", std::move(c_steps));
    add_column(t, "env.reward", std::move(c_reward));
    if (log.discrete) add_column(t, "env.switches", std::move(c_switches));
    if (!std::isnan(regret[steps])) add_column(t, "env.regret", std::move(c_regret));
    if (!std::isnan(pseudo[steps])) add_column(t, "env.pseudo_regret", std::move(c_pseudo));
}

void record_stream(const StreamLog& log, const std::vector<int64_t>& steps_at_point, RunResult& r) {
    const auto updates = static_cast<int64_t>(log.queries.size());
    const auto solutions = static_cast<int64_t>(log.solution_step.size());
    r.arrays.push_back(make_array("stream.updates", TSR_DTYPE_I64, {updates, 2}, log.updates));
    r.arrays.push_back(make_array("stream.queries", TSR_DTYPE_I64, {updates}, log.queries));
    r.arrays.push_back(make_array("stream.solution_step", TSR_DTYPE_I64, {solutions}, log.solution_step));
    r.arrays.push_back(make_array("stream.solution_offsets", TSR_DTYPE_I64, {solutions + 1}, log.solution_offsets));
    r.arrays.push_back(make_array("stream.solution_elements", TSR_DTYPE_I64,
                                  {static_cast<int64_t>(log.solution_elements.size())}, log.solution_elements));
    std::vector<double> steps(r.trace.size());
    for (size_t i = 0; i < steps.size(); ++i)
        steps[i] = static_cast<double>(i < steps_at_point.size() ? std::min(steps_at_point[i], updates) : updates);
    add_column(r.trace, "stream.steps", std::move(steps));
}

}  // namespace tsr::host
