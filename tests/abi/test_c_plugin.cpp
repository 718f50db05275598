// ABI test (a): a plugin written in plain C99 (c_plugin.c) loads, describes itself, runs and
// passes the checks of `tessera validate`.
#include <cmath>

#include <fmt/format.h>
#include <params.hpp>
#include <validate.hpp>

#include "abi_test.hpp"

using namespace tsr::host;
using namespace abi_test;

TEST_SUITE("c_plugin") {

TEST_CASE("a C99 plugin loads and its static descriptors read through the registry") {
    Registry reg;
    REQUIRE_MESSAGE(reg.load(ABI_C_PLUGIN), problems_text(reg));
    CHECK(reg.problems().empty());
    REQUIRE(reg.libraries().size() == 1);
    const Library& lib = *reg.libraries()[0];
    CHECK(lib.path == canonical(ABI_C_PLUGIN));
    CHECK(std::string(lib.desc->name) == "abi_c");
    CHECK(lib.desc->abi_major == TSR_ABI_MAJOR);
    CHECK(lib.sha256().size() == 64);

    const Component* q = reg.find("abi_c.quadratic");
    REQUIRE(q);
    CHECK(q->kind() == TSR_KIND_PROBLEM);
    CHECK(q->provides() == std::vector<std::string>{TSR_OBJECTIVE_V1, TSR_GROUND_TRUTH_V1});
    REQUIRE(q->desc->n_params == 3);
    CHECK(std::string(q->param(0).name) == "d");
    CHECK(q->param(0).default_value.integer == 3);
    CHECK(std::string(q->param(1).name) == "scale");
    CHECK(q->param(1).flags == TSR_PARAM_FLAG_LOG_SCALE);
    CHECK(q->param(2).default_value.real == 1.0);
    CHECK(q->find_param("shift") == &q->param(2));

    const Component& gd = reg.require("abi_c.gd", TSR_KIND_ALGORITHM);
    CHECK(gd.needs() == std::vector<std::string>{TSR_OBJECTIVE_V1});
    CHECK(gd.wants().empty());
    REQUIRE(gd.desc->n_params == 5);
    const tsr_param_desc* mode = gd.find_param("mode");
    REQUIRE(mode);
    CHECK(mode->type == TSR_PARAM_CHOICE);
    CHECK(mode->n_choices == 2);
    CHECK(std::string(mode->default_value.str) == "gradient");
    CHECK(param_domain_text(*mode) == "one of gradient or batch");

    // Defaults resolve in schema order; a bad value is refused before any plugin code runs.
    ParamSet ps = ParamSet::resolve(gd, {{"step", "0.05"}});
    REQUIRE(ps.abi().size() == 5);
    CHECK(ps.abi()[0].value.real == 0.05);
    CHECK(ps.abi()[3].value.str == std::string("gradient"));
    CHECK_THROWS_WITH_AS(ParamSet::resolve(gd, {{"step", "20"}}), doctest::Contains("out of range"), UsageError);
}

TEST_CASE("run_one runs the C algorithm on the C problem: ok, converged, solution handed over") {
    Registry reg;
    REQUIRE(reg.load(ABI_C_PLUGIN));
    RunResult r = run_one(reg, request("abi_c.gd", "abi_c.quadratic", {}, {{"shift", "2"}, {"d", "3"}}));
    INFO(r.error);
    CHECK(r.status == RunStatus::ok);
    CHECK(r.error.empty());
    REQUIRE(r.trace.size() > 10);
    CHECK(r.trace.objective.front() == doctest::Approx(0.5 * (1 + 2 + 3) * 4.0));
    CHECK(r.trace.objective.back() < 1e-18);
    CHECK(r.trace.columns.at(0) == "grad_norm");
    CHECK(r.trace.columns.at(1) == "step");
    const Array* x = find_array(r, "x");
    REQUIRE(x);
    CHECK(x->dtype == TSR_DTYPE_F64);
    CHECK(x->shape == std::vector<int64_t>{3});
    for (double v : f64(*x)) CHECK(v == doctest::Approx(2.0).epsilon(1e-9));
    REQUIRE(find_scalar(r, "iterations"));
    // One value_gradient per iteration, counted by the proxy, not by the plugin.
    const Counter* vg = find_counter(r, "tsr.objective.v1/value_gradient");
    REQUIRE(vg);
    CHECK(vg->calls == static_cast<int64_t>(r.trace.size()));
    CHECK(r.total_evals == vg->units);
    CHECK(r.trace.evals.back() == r.total_evals);
    CHECK(r.algorithm.library_path == canonical(ABI_C_PLUGIN));
    CHECK(r.problem.params.at(2).value == "2");
}

TEST_CASE("the batch entry point: finite differences through value_batch converge too") {
    Registry reg;
    REQUIRE(reg.load(ABI_C_PLUGIN));
    RunResult r = run_one(reg, request("abi_c.gd", "abi_c.quadratic", {{"mode", "batch"}, {"tol", "1e-6"}}));
    INFO(r.error);
    CHECK(r.status == RunStatus::ok);
    const Counter* b = find_counter(r, "tsr.objective.v1/value_batch");
    REQUIRE(b);
    CHECK(b->units == 6 * b->calls);  // 2d points per call, each counted
    const Array* x = find_array(r, "x");
    REQUIRE(x);
    for (double v : f64(*x)) CHECK(v == doctest::Approx(1.0).epsilon(1e-5));
}

TEST_CASE("the C plugin passes the checks of tessera validate") {
    Registry reg;
    REQUIRE(reg.load(ABI_C_PLUGIN));
    const std::string path = reg.libraries()[0]->path;
    const std::vector<Check> checks = validate_library(reg, path);
    int pass = 0;
    for (const Check& c : checks) {
        INFO(c.component << ": " << c.name << " — " << c.detail);
        CHECK(c.result != Check::fail);
        pass += c.result == Check::pass;
    }
    CHECK(pass >= 15);
    auto has = [&](const std::string& comp, const std::string& name) {
        return std::any_of(checks.begin(), checks.end(), [&](const Check& c) {
            return c.component == comp && contains(c.name, name) && c.result == Check::pass;
        });
    };
    CHECK(has("abi_c.quadratic", "gradient matches finite differences"));
    CHECK(has("abi_c.quadratic", "value_batch equals value"));
    CHECK(has("abi_c.quadratic", "rejects unknown parameter"));
    CHECK(has("abi_c.gd", "same seed, same result"));
    CHECK(has("abi_c.gd", "respects the evaluation budget"));
    CHECK(has("abi_c.gd", "survives NaN values"));
}

}  // TEST_SUITE
