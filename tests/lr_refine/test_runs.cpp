// lr_refine through the host, as `tessera run` does it:
//  - the pilot pass is opt.sgd with schedule=linear (same loop, same minibatches): its final loss
//    equals opt.sgd's to rounding (value vs value_gradient of the problem may differ in the last bit);
//  - the run outputs a schedule of T = epochs·⌈n/batch⌉ steps with peak 1 and 0 at the end, and
//    its oracle counts are those of two passes;
//  - the refined SGD reaches the logistic-regression optimum computed by Newton's method.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "../common/plugin_runs.hpp"

using namespace tsr::host;

namespace {

RunResult run(const std::string& algo, KeyValues ap, uint64_t seed = 1) {
    return tsrtest::run_checked(algo, std::move(ap), "logreg.synthetic", {{"n", "500"}, {"d", "20"}},
                                {{"opt.suboptimality", {}}}, seed);
}

double scalar(const RunResult& r, const char* name) {
    for (const auto& s : r.scalars)
        if (s.name == name) return s.value;
    FAIL("scalar ", name, " missing");
    return NAN;
}

std::vector<double> array(const RunResult& r, const char* name) {
    for (const auto& a : r.arrays)
        if (a.name == name) {
            std::vector<double> v(a.bytes.size() / sizeof(double));
            std::memcpy(v.data(), a.bytes.data(), a.bytes.size());
            return v;
        }
    FAIL("array ", name, " missing");
    return {};
}

double metric(const RunResult& r, const char* output) {
    for (const auto& m : r.metric_values)
        if (m.metric_id == "opt.suboptimality" && m.name == output) return m.value;
    FAIL("metric missing");
    return NAN;
}

int64_t units(const RunResult& r, const char* counter) {
    for (const auto& c : r.counters)
        if (c.name == counter) return c.units;
    return 0;
}

}  // namespace

TEST_CASE("the pilot pass is opt.sgd with linear decay") {
    for (uint64_t seed : {1, 2}) {
        const RunResult refined = run("lr_refine.sgd", {{"lr", "0.2"}, {"epochs", "5"}, {"batch", "10"}}, seed);
        const RunResult linear =
            run("opt.sgd", {{"lr", "0.2"}, {"epochs", "5"}, {"batch", "10"}, {"schedule", "linear"}}, seed);
        CHECK(scalar(refined, "pilot_final_loss") == doctest::Approx(linear.trace.objective.back()).epsilon(1e-13));
        // two passes of minibatch gradients
        CHECK(units(refined, "tsr.finite_sum.v1/batch_value_gradient") ==
              2 * units(linear, "tsr.finite_sum.v1/batch_value_gradient"));
    }
}

TEST_CASE("the refined schedule: T steps, peak 1, zero at the end, from the recorded norms") {
    const RunResult r = run("lr_refine.adam", {{"lr", "0.01"}, {"epochs", "4"}, {"batch", "25"}});
    const auto eta = array(r, "schedule");
    const auto G = array(r, "grad_norms");
    REQUIRE(eta.size() == 4u * 20u);
    REQUIRE(G.size() == eta.size());
    CHECK(*std::max_element(eta.begin(), eta.end()) == doctest::Approx(1.0));
    CHECK(eta.back() == 0.0);
    CHECK(std::all_of(G.begin(), G.end(), [](double g) { return std::isfinite(g) && g > 0.0; }));
    CHECK(scalar(r, "median_width") == 9.0);  // 2⌊⌊0.1·80⌋/2⌋ + 1
}

TEST_CASE("refined SGD reaches the optimum computed by Newton's method") {
    for (uint64_t seed : {1, 2}) {
        const RunResult r = run("lr_refine.sgd", {{"lr", "0.1"}, {"epochs", "60"}, {"batch", "10"}}, seed);
        CHECK(metric(r, "suboptimality") <= 1e-4);
    }
}
