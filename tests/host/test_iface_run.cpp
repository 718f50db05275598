// Runs of one algorithm per new interface through run_one: the tsr::Run accessors work through
// the proxy, the budget ends the run, and the trace carries per-function unit columns.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "iface_problems.hpp"
#include "registry.hpp"
#include "run_result.hpp"
#include "runner.hpp"

namespace {

const tsr::host::Registry& iface_registry() {
    static tsr::host::Registry* reg = [] {
        auto* r = new tsr::host::Registry();
        REQUIRE(r->add_builtin(hosttest::iface_plugin(), "(interface tests)"));
        return r;
    }();
    return *reg;
}

bool has_column(const tsr::host::RunResult& r, const std::string& name) {
    return std::find(r.trace.columns.begin(), r.trace.columns.end(), name) != r.trace.columns.end();
}

}  // namespace

TEST_CASE("runs through the new interfaces end on the budget with per-function unit columns") {
    struct Case {
        const char* algorithm;
        const char* problem;
        std::vector<std::string> columns;  // must be present
        std::vector<std::string> absent;   // call-only functions have no unit column
    };
    const Case cases[] = {
        {"test.op_walk", "test.operator", {"units:tsr.operator.v1/batch"}, {"units:tsr.operator.v1/resolvent"}},
        {"test.target_walk",
         "test.target",
         {"units:tsr.target.v1/targets", "units:tsr.target.v1/loss_gradient", "units:tsr.target.v1/target_vjp"},
         {}},
        {"test.bilevel_walk",
         "test.bilevel",
         {"units:tsr.bilevel.v1/upper", "units:tsr.bilevel.v1/lower"},
         {"units:tsr.bilevel.v1/project_x"}},
        {"test.coord_walk",
         "test.coordinate",
         {"units:tsr.coordinate.v1/block_gradient"},
         {"units:tsr.coordinate.v1/coordinate_lipschitz"}},
    };
    for (const Case& c : cases) {
        const std::string algorithm = c.algorithm;
        CAPTURE(algorithm);
        tsr::host::RunRequest req;
        req.algorithm = c.algorithm;
        req.problem = c.problem;
        req.seed = 3;
        req.budget.max_evals = 30;
        const tsr::host::RunResult r = tsr::host::run_one(iface_registry(), req);
        CHECK_MESSAGE(r.status != tsr::host::RunStatus::error, r.error);
        CHECK(r.status == tsr::host::RunStatus::budget_exhausted);
        CHECK(r.total_evals <= 30);
        CHECK(r.total_evals >= 25);
        CHECK(r.trace.size() > 2);
        for (const auto& col : c.columns) CHECK_MESSAGE(has_column(r, col), col);
        for (const auto& col : c.absent) CHECK_MESSAGE(!has_column(r, col), col);
    }
}
