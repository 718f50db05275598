// tests/common/plugin_runs.hpp — what tests that run the in-tree plugins through the host share:
// one registry of the plugins built beside the tests (TESSERA_TEST_PLUGIN_DIR, scanned once per
// process and kept to its end), and lookups into a run's record.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <string>
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
