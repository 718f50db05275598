// ABI test (e): exceptions thrown inside a C++ SDK plugin (throwing_plugin.cpp) become error
// statuses with their message; the host records an error run and does not crash.
#include <cmath>

#include <params.hpp>

#include "abi_test.hpp"

using namespace tsr::host;
using namespace abi_test;

namespace {

struct Loaded {
    Registry reg;
    Loaded() {
        REQUIRE_MESSAGE(reg.load(ABI_THROWING_PLUGIN), problems_text(reg));
        REQUIRE_MESSAGE(reg.load(ABI_C_PLUGIN), problems_text(reg));
    }
};

}  // namespace

TEST_SUITE("exceptions") {

TEST_CASE("std::runtime_error in a problem's value becomes an error run with its message") {
    Loaded l;
    SUBCASE("SDK algorithm") {
        RunResult r = run_one(l.reg, request("throwing.gd", "throwing.boom_problem"));
        INFO(r.error);
        CHECK(r.status == RunStatus::error);
        CHECK(contains(r.error, "boom"));
        CHECK(contains(r.error, "'throwing.gd'"));
        CHECK(contains(r.error, "runtime error"));
        CHECK(r.trace.size() == 0);
    }
    SUBCASE("C algorithm, across languages and libraries") {
        RunResult r = run_one(l.reg, request("abi_c.gd", "throwing.boom_problem"));
        INFO(r.error);
        CHECK(r.status == RunStatus::error);
        CHECK(contains(r.error, "boom"));
        CHECK(contains(r.error, "'abi_c.gd'"));
        CHECK(find_array(r, "x"));  // handed over before the error: kept
    }
    SUBCASE("after some good calls: the trace and solution so far are kept") {
        RunResult r = run_one(l.reg, request("throwing.gd", "throwing.boom_problem", {}, {{"good_calls", "5"}}));
        INFO(r.error);
        CHECK(r.status == RunStatus::error);
        CHECK(contains(r.error, "boom"));
        CHECK(r.trace.size() == 5);
        CHECK(r.total_evals == 6);  // the sixth call reached the problem, which threw
        REQUIRE(find_array(r, "x"));
        CHECK(find_array(r, "x")->shape == std::vector<int64_t>{3});
    }
}

TEST_CASE("a non-std exception (throw 42) in run becomes an error with a message") {
    Loaded l;
    RunResult r = run_one(l.reg, request("throwing.int_algorithm", "abi_c.quadratic"));
    INFO(r.error);
    CHECK(r.status == RunStatus::error);
    CHECK(contains(r.error, "unknown exception"));
    CHECK(r.trace.size() == 1);  // reported before it threw
}

TEST_CASE("tsr::InvalidArgument in run keeps its status code and message") {
    Loaded l;
    RunResult r = run_one(l.reg, request("throwing.invalid_algorithm", "abi_c.quadratic"));
    INFO(r.error);
    CHECK(r.status == RunStatus::error);
    CHECK(contains(r.error, "invalid argument"));
    CHECK(contains(r.error, "step must be positive, got -1"));
}

TEST_CASE("std::bad_alloc in a constructor: create fails with a status and a message") {
    Loaded l;
    SUBCASE("problem, through run_one") {
        RunResult r = run_one(l.reg, request("abi_c.gd", "throwing.alloc_problem"));
        CHECK(r.status == RunStatus::error);
        CHECK(r.error == "problem 'throwing.alloc_problem' could not be created: out of memory");
        CHECK(r.trace.size() == 0);
    }
    SUBCASE("algorithm, through run_one") {
        RunResult r = run_one(l.reg, request("throwing.alloc_algorithm", "abi_c.quadratic"));
        CHECK(r.status == RunStatus::error);
        CHECK(r.error == "algorithm 'throwing.alloc_algorithm' could not be created: out of memory");
    }
    SUBCASE("the raw create call") {
        const Component& c = l.reg.require("throwing.alloc_problem", TSR_KIND_PROBLEM);
        tsr_create_args args{sizeof(tsr_create_args), 0, nullptr, 0};
        tsr_object* obj = reinterpret_cast<tsr_object*>(0x1);  // must be reset to NULL
        char err[64];
        CHECK(c.desc->create(c.desc, &args, &obj, err, sizeof err) == TSR_ERR_OUT_OF_MEMORY);
        CHECK(obj == nullptr);
        CHECK(std::string(err) == "out of memory");
        char tiny[4];
        CHECK(c.desc->create(c.desc, &args, &obj, tiny, sizeof tiny) == TSR_ERR_OUT_OF_MEMORY);
        CHECK(std::string(tiny) == "out");  // truncated, NUL-terminated
    }
}

TEST_CASE("the raw oracle call returns a status; copy_error reads the message back") {
    Loaded l;
    const Component& c = l.reg.require("throwing.boom_problem", TSR_KIND_PROBLEM);
    const ParamSet ps = ParamSet::resolve(c, {{"good_calls", "1"}});
    tsr_create_args args{sizeof(tsr_create_args), static_cast<uint32_t>(ps.abi().size()), ps.abi().data(), 0};
    tsr_object* obj = nullptr;
    char err[64] = "";
    REQUIRE(c.desc->create(c.desc, &args, &obj, err, sizeof err) == TSR_OK);
    auto* f = static_cast<const tsr_objective_v1*>(obj->get_interface(obj, TSR_OBJECTIVE_V1));
    REQUIRE(f);
    double x[3] = {1, 2, 3}, v = 0;
    CHECK(f->value(obj, x, &v) == TSR_OK);
    CHECK(v == 14);
    CHECK(f->value(obj, x, &v) == TSR_ERR_RUNTIME);
    char buf[32];
    CHECK(obj->copy_error(obj, buf, sizeof buf) == 4);
    CHECK(std::string(buf) == "boom");
    CHECK(obj->copy_error(obj, nullptr, 0) == 4);
    obj->destroy(obj);
}

TEST_CASE("a metric that throws: the run keeps its status, the metric value is NaN, the error says why") {
    Loaded l;
    RunRequest req = request("abi_c.gd", "abi_c.quadratic");
    req.metrics.push_back({"throwing.metric", {}});
    RunResult r = run_one(l.reg, req);
    CHECK(r.status == RunStatus::ok);
    CHECK(contains(r.error, "metric 'throwing.metric' failed: metric boom"));
    REQUIRE(r.metric_values.size() == 1);
    CHECK(std::isnan(r.metric_values[0].value));
}

}  // TEST_SUITE
