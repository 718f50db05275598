// tests/common/plugin_runs.hpp — what tests that run the in-tree plugins through the host share:
// one registry of the plugins built beside the tests (TESSERA_TEST_PLUGIN_DIR, scanned once per
// process and kept to its end), a checked run, and lookups into a run's record.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "registry.hpp"
#include "runner.hpp"

namespace tsrtest {

inline const tsr::host::Registry& plugin_registry() {
    // Never destroyed: plugins stay loaded (RTLD_NODELETE) and runs may still refer to them.
    static tsr::host::Registry* reg = [] {
        auto* r = new tsr::host::Registry();
        r->scan({TESSERA_TEST_PLUGIN_DIR});
        return r;
    }();
    return *reg;
}

// Runs `algo` on `problem` with the given parameters, metrics and master seed through the host, as
// `tessera run` does; fails the test case (REQUIRE) unless the run ends ok.
inline tsr::host::RunResult run_checked(const std::string& algo, tsr::host::KeyValues algo_params,
                                        const std::string& problem, tsr::host::KeyValues problem_params,
                                        std::vector<tsr::host::MetricRequest> metrics, uint64_t seed) {
    tsr::host::RunRequest req;
    req.algorithm = algo;
    req.algorithm_params = std::move(algo_params);
    req.problem = problem;
    req.problem_params = std::move(problem_params);
    req.metrics = std::move(metrics);
    req.seed = seed;
    tsr::host::RunResult r = tsr::host::run_one(plugin_registry(), req);
    INFO(algo, " on ", problem, " seed ", seed, ": ", tsr::host::run_status_name(r.status), " ", r.error);
    REQUIRE(r.status == tsr::host::RunStatus::ok);
    return r;
}

// The value of metric output id/output in r; fails the test case when it is missing.
inline double metric_value(const tsr::host::RunResult& r, const std::string& id, const std::string& output) {
    for (const auto& m : r.metric_values)
        if (m.metric_id == id && m.name == output) return m.value;
    FAIL("metric ", id, "/", output, " missing");
    return NAN;
}

// The trace column `name` of r, or nullptr.
inline const std::vector<double>* trace_column(const tsr::host::RunResult& r, const std::string& name) {
    for (size_t c = 0; c < r.trace.columns.size(); ++c)
        if (r.trace.columns[c] == name) return &r.trace.values[c];
    return nullptr;
}

}  // namespace tsrtest
