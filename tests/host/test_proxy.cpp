// Unit tests of the proxy the host puts between an algorithm and its problem: forwarding,
// counting per function, the evaluation budget, and error messages.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "params.hpp"
#include "proxy.hpp"
#include "proxy_helpers.hpp"
#include "registry.hpp"
#include "test_components.hpp"

using tsr::host::Proxy;

namespace {

using hosttest::counter;
using hosttest::error_of;
using hosttest::Problem;

tsr_param mode(const char* m) { return hosttest::text_param("mode", m); }

const tsr_objective_v1* objective(Proxy& p) {
    auto* t = static_cast<const tsr_objective_v1*>(p.object()->get_interface(p.object(), TSR_OBJECTIVE_V1));
    REQUIRE(t);
    return t;
}

}  // namespace

TEST_CASE("proxy: serves the problem's interfaces, except ground truth") {
    Problem prob(tsr::detail::describe<hosttest::Quad>());
    Proxy p(prob.obj, 0);
    tsr_object* o = p.object();
    CHECK(o->get_interface(o, TSR_OBJECTIVE_V1) != nullptr);
    CHECK(o->get_interface(o, TSR_FINITE_SUM_V1) != nullptr);
    CHECK(o->get_interface(o, TSR_BOUNDS_V1) == nullptr);    // the problem does not serve it
    CHECK(o->get_interface(o, TSR_DATASET_V1) == nullptr);
    CHECK(o->get_interface(o, TSR_GROUND_TRUTH_V1) == nullptr);  // metrics only
    CHECK(o->get_interface(o, "tsr.unknown.v9") == nullptr);
    CHECK(o->get_interface(o, nullptr) == nullptr);
    CHECK(tsr::host::proxy_can_serve(TSR_OBJECTIVE_V1));
    CHECK_FALSE(tsr::host::proxy_can_serve(TSR_GROUND_TRUTH_V1));

    const tsr_objective_v1* f = objective(p);
    CHECK(f->dim(o) == 3);
    CHECK((f->value_gradient != nullptr));
    CHECK((f->hessian_vector == nullptr));  // the problem has none: the proxy says so too
    double x[3] = {1, 1, 3}, fx = -1, g[3];
    REQUIRE(f->value(o, x, &fx) == TSR_OK);
    CHECK(fx == 4.0);
    REQUIRE(f->value_gradient(o, x, &fx, g) == TSR_OK);
    CHECK(g[2] == 4.0);
    double x0[3];
    REQUIRE(f->initial_point(o, x0) == TSR_OK);
    CHECK(x0[0] == double(11 % 1000003));
    // destroy through the proxy is a no-op: the runner owns the problem
    o->destroy(o);
    CHECK(f->value(o, x, &fx) == TSR_OK);
}

TEST_CASE("proxy: refuses exactly at max_evals with TSR_BUDGET_EXHAUSTED") {
    Problem prob(tsr::detail::describe<hosttest::Quad>());
    Proxy p(prob.obj, 5);
    tsr_object* o = p.object();
    const tsr_objective_v1* f = objective(p);
    double x[3] = {0, 0, 0}, fx;
    for (int i = 0; i < 5; ++i) {
        CHECK_FALSE(p.exhausted());
        fx = -1;
        REQUIRE(f->value(o, x, &fx) == TSR_OK);
        CHECK(fx == 3.0);
    }
    CHECK(p.exhausted());
    CHECK(p.total_units() == 5);
    fx = -1;
    CHECK(f->value(o, x, &fx) == TSR_BUDGET_EXHAUSTED);
    CHECK(fx == -1);  // output untouched, the problem never called
    double g[3];
    CHECK(f->value_gradient(o, x, &fx, g) == TSR_BUDGET_EXHAUSTED);
    CHECK(p.total_units() == 5);
    const std::string m = error_of(o);
    CHECK(m.find("budget") != std::string::npos);
    CHECK(m.find("5 of 5") != std::string::npos);
    CHECK(m.find("tsr.objective.v1/value_gradient") != std::string::npos);
    // initial_point is not an oracle call: still served
    double x0[3];
    CHECK(f->initial_point(o, x0) == TSR_OK);
    // refused calls are not counted
    REQUIRE(counter(p, "tsr.objective.v1/value"));
    CHECK(counter(p, "tsr.objective.v1/value")->calls == 5);
    CHECK(counter(p, "tsr.objective.v1/value")->units == 5);
    CHECK(counter(p, "tsr.objective.v1/value_gradient") == nullptr);
    CHECK(counter(p, "tsr.objective.v1/initial_point")->units == 0);
    CHECK(counter(p, "tsr.objective.v1/initial_point")->calls == 1);
}

TEST_CASE("proxy: counts per function, batches count m units") {
    Problem prob(tsr::detail::describe<hosttest::Quad>());
    Proxy p(prob.obj, 10);
    tsr_object* o = p.object();
    const tsr_objective_v1* f = objective(p);
    double X[4 * 3] = {}, fv[4];
    REQUIRE(f->value_batch(o, 4, X, fv) == TSR_OK);
    CHECK(fv[0] == 3.0);
    CHECK(p.total_units() == 4);
    REQUIRE(f->value_batch(o, 4, X, fv) == TSR_OK);
    CHECK(p.total_units() == 8);
    CHECK(f->value_batch(o, 4, X, fv) == TSR_BUDGET_EXHAUSTED);  // 8 + 4 > 10: all or nothing
    CHECK(p.total_units() == 8);
    CHECK(error_of(o).find("4 more") != std::string::npos);
    REQUIRE(f->value_batch(o, 2, X, fv) == TSR_OK);  // 8 + 2 = 10 fits exactly
    CHECK(p.total_units() == 10);
    CHECK(p.exhausted());
    const auto* c = counter(p, "tsr.objective.v1/value_batch");
    REQUIRE(c);
    CHECK(c->calls == 3);
    CHECK(c->units == 10);
    CHECK(c->seconds >= 0.0);
    int64_t snap[tsr::host::kProxySlots];
    p.units_snapshot(snap);
    CHECK(snap[tsr::host::kObjectiveValueBatch] == 10);
    CHECK(snap[tsr::host::kObjectiveValue] == 0);
}

TEST_CASE("proxy: finite-sum minibatches count one unit per term") {
    Problem prob(tsr::detail::describe<hosttest::Quad>());
    Proxy p(prob.obj, 0);  // unlimited
    tsr_object* o = p.object();
    auto* fs = static_cast<const tsr_finite_sum_v1*>(o->get_interface(o, TSR_FINITE_SUM_V1));
    REQUIRE(fs);
    CHECK(fs->n_terms(o) == 3);
    double x[3] = {0, 0, 0}, f, g[3];
    const int64_t idx[3] = {0, 2, 2};
    REQUIRE(fs->batch_value_gradient(o, x, 3, idx, &f, g) == TSR_OK);
    CHECK(f == 3.0);
    REQUIRE(fs->batch_value(o, x, 2, idx, &f) == TSR_OK);
    CHECK(p.total_units() == 5);
    CHECK(counter(p, "tsr.finite_sum.v1/batch_value_gradient")->units == 3);
    CHECK(counter(p, "tsr.finite_sum.v1/batch_value")->units == 2);
    // a bad index is the problem's error, passed through with its message
    const int64_t bad[1] = {7};
    CHECK(fs->batch_value(o, x, 1, bad, &f) == TSR_ERR_INVALID_ARGUMENT);
    CHECK(error_of(o).find("term index 7") != std::string::npos);
    CHECK(fs->batch_value(o, x, 0, idx, &f) == TSR_ERR_INVALID_ARGUMENT);  // empty minibatch
    CHECK_FALSE(p.exhausted());
}

TEST_CASE("proxy: copy_error forwards the problem's own message") {
    Problem prob(tsr::detail::describe<hosttest::Quad>(), {mode("throw")});
    Proxy p(prob.obj, 2);
    tsr_object* o = p.object();
    const tsr_objective_v1* f = objective(p);
    double x[3] = {0, 0, 0}, fx;
    CHECK(f->value(o, x, &fx) == TSR_ERR_NUMERIC);
    CHECK(error_of(o) == "test.quad: deliberate failure");
    CHECK(p.total_units() == 1);  // a failed call still costs its unit
    CHECK(f->value(o, x, &fx) == TSR_ERR_NUMERIC);
    CHECK(f->value(o, x, &fx) == TSR_BUDGET_EXHAUSTED);
    CHECK(error_of(o).find("budget") != std::string::npos);
    // the proxy's copy_error truncates like any object's
    char small[8];
    const uint32_t n = o->copy_error(o, small, sizeof small);
    CHECK(n > 8);
    CHECK(std::string(small).size() == 7);
}

TEST_CASE("proxy: slot names and oracle slots") {
    using namespace tsr::host;
    CHECK(std::string(proxy_slot_name(kObjectiveValueGradient)) == "tsr.objective.v1/value_gradient");
    CHECK(std::string(proxy_slot_name(kFiniteSumBatchValue)) == "tsr.finite_sum.v1/batch_value");
    CHECK(proxy_slot_is_oracle(kObjectiveValue));
    CHECK(proxy_slot_is_oracle(kBoundsProject));
    CHECK_FALSE(proxy_slot_is_oracle(kObjectiveInitialPoint));
    CHECK_FALSE(proxy_slot_is_oracle(kDatasetFind));
    CHECK(seconds_per_tick() > 0.0);
    CHECK(seconds_per_tick() < 1e-6);
}

namespace {
// A problem whose first value() call is slow (a lazily built cache) and every later one free.
struct SlowFirstCall {
    static inline int calls = 0;
    static inline int slow_from = -1;  // >= 0: every call from this one on takes 1 ms
    static int64_t dim(tsr_object*) { return 1; }
    static tsr_status x0(tsr_object*, double* x) { return *x = 0, TSR_OK; }
    static tsr_status value(tsr_object*, const double*, double* f) {
        if (calls == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (slow_from >= 0 && calls >= slow_from) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        ++calls;
        *f = 0;
        return TSR_OK;
    }
    static tsr_status batch(tsr_object*, int64_t, const double*, double*) { return TSR_OK; }
    static inline const tsr_objective_v1 table{&dim, &x0, &value, nullptr, &batch, nullptr};
    static const void* get(tsr_object*, const char* id) {
        return std::string_view(id) == TSR_OBJECTIVE_V1 ? &table : nullptr;
    }
    static uint32_t copy_error(const tsr_object*, char*, uint32_t) { return 0; }
    static void destroy(tsr_object*) {}
};
}  // namespace

TEST_CASE("proxy: one slow first call is timed exactly, not extrapolated to the sampled calls") {
    tsr_object obj{sizeof obj, 0, nullptr, &SlowFirstCall::destroy, &SlowFirstCall::get, &SlowFirstCall::copy_error};
    tsr::host::Proxy p(&obj, 0);
    tsr_object* o = p.object();
    auto* t = hosttest::table_of<tsr_objective_v1>(o, TSR_OBJECTIVE_V1);
    const double x = 0;
    double f;
    for (int i = 0; i < 10000; ++i) REQUIRE(t->value(o, &x, &f) == TSR_OK);
    const auto* c = hosttest::counter(p, "tsr.objective.v1/value");
    REQUIRE(c);
    CHECK(c->calls == 10000);
    // 50 ms once; extrapolating it as one of the sampled calls would give ~8 s.
    CHECK(c->seconds >= 0.045);
    CHECK(c->seconds < 1.0);
}

TEST_CASE("proxy: call counts across the exact and the sampled phase") {
    for (int n : {1, 63, 64, 65, 127, 128, 129, 1000}) {
        SlowFirstCall::calls = 1;  // no sleep
        tsr_object obj{sizeof obj, 0, nullptr, &SlowFirstCall::destroy, &SlowFirstCall::get, &SlowFirstCall::copy_error};
        tsr::host::Proxy p(&obj, 0);
        tsr_object* o = p.object();
        auto* t = hosttest::table_of<tsr_objective_v1>(o, TSR_OBJECTIVE_V1);
        const double x = 0;
        double f;
        for (int i = 0; i < n; ++i) REQUIRE(t->value(o, &x, &f) == TSR_OK);
        CHECK(hosttest::calls_units(p, "tsr.objective.v1/value") == std::pair<int64_t, int64_t>{n, n});
    }
}

TEST_CASE("proxy: expensive calls after the first 64 are all timed") {
    SlowFirstCall::calls = 1;  // no 50 ms call
    SlowFirstCall::slow_from = 1000;
    tsr_object obj{sizeof obj, 0, nullptr, &SlowFirstCall::destroy, &SlowFirstCall::get, &SlowFirstCall::copy_error};
    tsr::host::Proxy p(&obj, 0);
    tsr_object* o = p.object();
    auto* t = hosttest::table_of<tsr_objective_v1>(o, TSR_OBJECTIVE_V1);
    const double x = 0;
    double f;
    for (int i = 0; i < 1099; ++i) REQUIRE(t->value(o, &x, &f) == TSR_OK);  // 999 cheap, then 100 of >= 1 ms
    SlowFirstCall::slow_from = -1;
    const auto* c = hosttest::counter(p, "tsr.objective.v1/value");
    REQUIRE(c);
    CHECK(c->calls == 1099);
    // The first slow call may fall between samples (counted as cheap); the 99 after it are timed.
    CHECK(c->seconds >= 0.098);
    CHECK(c->seconds < 0.5);  // sampled as if every 64th call took 1 ms: > 1 s
}
