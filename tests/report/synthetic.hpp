// tests/report/synthetic.hpp — runs made up for the report tests: no plugin runs, every number
// chosen (or drawn from a fixed seed), so expected tables can be computed by hand.
#pragma once

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <tessera/abi.h>
#include <unistd.h>

#include "run_result.hpp"
#include "../common/temp_dir.hpp"

namespace reporttest {

namespace fs = std::filesystem;
using tsr::host::MetricValue;
using tsr::host::RunResult;
using tsr::host::RunStatus;

inline const fs::path& temp_dir() { return tsrtest::temp_dir("report-tests"); }

// A labelled run of `method` on `instance` (problem label = instance up to '[') with metric
// values (metric_id, output, direction, value).
inline RunResult run(const std::string& method, const std::string& instance, int64_t rep,
                     std::vector<MetricValue> values, RunStatus status = RunStatus::ok) {
    RunResult r;
    r.labels.experiment = "synthetic";
    r.labels.algorithm = method;
    r.labels.problem = instance.substr(0, instance.find('['));
    r.labels.instance = instance;
    r.labels.repetition = rep;
    r.algorithm.id = "opt." + method;
    r.problem.id = "fn." + r.labels.problem;
    r.seed = static_cast<uint64_t>(rep) + 1;
    r.status = status;
    if (status == RunStatus::crashed) r.error = "signal 11 (SIGSEGV)";
    r.run_key = method + "|" + instance + "|" + std::to_string(rep);
    if (status == RunStatus::ok || status == RunStatus::budget_exhausted || status == RunStatus::stopped ||
        status == RunStatus::diverged)
        r.metric_values = std::move(values);
    return r;
}

inline MetricValue lower(const std::string& output, double v) { return {"m.cost", output, TSR_LOWER_IS_BETTER, v}; }
inline MetricValue higher(const std::string& output, double v) { return {"m.score", output, TSR_HIGHER_IS_BETTER, v}; }

// A convergence trace: `points` log-spaced evaluation counts up to `evals`, the objective
// decaying from 1 like exp(−rate·evals) (times a seeded jitter) towards 1e-12.
inline void add_trace(RunResult& r, size_t points, int64_t evals, double rate, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> jitter(0.8, 1.25);
    int64_t last = 0;
    for (size_t i = 0; i < points; ++i) {
        const auto e = std::max<int64_t>(
            last + 1, static_cast<int64_t>(std::pow(double(evals), double(i + 1) / double(points))));
        last = e;
        r.trace.iteration.push_back(static_cast<int64_t>(i));
        r.trace.evals.push_back(e);
        r.trace.seconds.push_back(double(e) * 2e-6 * jitter(rng));
        r.trace.objective.push_back(1e-12 + std::exp(-rate * double(e)) * jitter(rng));
    }
    r.total_evals = last;
}

// A benchmark-shaped set: 3 methods on 3 instances, `seeds` repetitions, traces of `points`
// points, one crashed run, one NaN metric value, and a higher-is-better metric.
inline std::vector<RunResult> benchmark(int seeds = 5, size_t points = 200) {
    std::vector<RunResult> runs;
    const std::vector<std::string> instances = {"quadratic[cond=100]", "quadratic[cond=10000]", "rosenbrock[d=10]"};
    const std::vector<std::pair<std::string, double>> methods = {{"gd", 1e-3}, {"nesterov", 3e-3}, {"lbfgs", 1e-2}};
    uint64_t s = 1;
    for (size_t p = 0; p < instances.size(); ++p)
        for (const auto& [m, rate] : methods)
            for (int k = 0; k < seeds; ++k) {
                const double scale = 1.0 + 0.1 * k;
                const double cost = std::exp(-rate * 2000) * scale * double(p + 1) + 1e-12;
                RunStatus st = RunStatus::budget_exhausted;
                if (m == "gd" && p == 1 && k == 0) st = RunStatus::crashed;
                double evals_to = 1.0 / rate * scale;
                if (m == "nesterov" && p == 2 && k == 1) evals_to = NAN;
                RunResult r = run(m, instances[p], k, {lower("suboptimality", cost), lower("evals_to_target", evals_to),
                                                       higher("accuracy", 1 - cost)}, st);
                if (st != RunStatus::crashed) add_trace(r, points, 2000, rate / double(p + 1), s++);
                runs.push_back(std::move(r));
            }
    return runs;
}

}  // namespace reporttest
