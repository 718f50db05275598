// Target-based surrogate methods against independent optima. sso.mm and sso.sso use only
// tsr.target.v1 (targets, target_vjp, loss_gradient); f_star comes from Newton's method on the
// problem's objective. So reaching f_star checks the target interface of the problems (margins /
// logits, their Jacobian products, ∇ℓ) as much as the algorithms. Each case runs through the host
// as `tessera run` does.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>

#include "../common/plugin_runs.hpp"

using namespace tsr::host;

namespace {

const char* const kExpensive = "tsr.target.v1/loss_gradient,tsr.finite_sum.v1/batch_value_gradient";

RunResult run(const std::string& algo, KeyValues ap, const std::string& problem, KeyValues pp, uint64_t seed = 1) {
    return tsrtest::run_checked(
        algo, std::move(ap), problem, std::move(pp),
        {{"opt.suboptimality", {}},
         {"opt.objective_at_cost", {{"cost", "400"}, {"counters", kExpensive}}},
         {"opt.time_to_target", {{"target", "0.5"}, {"mode", "relative"}, {"counters", kExpensive}}}},
        seed);
}

double metric(const RunResult& r, const std::string& id, const std::string& output) {
    return tsrtest::metric_value(r, id, output);
}
double suboptimality(const RunResult& r) { return metric(r, "opt.suboptimality", "suboptimality"); }

const std::vector<double>* column(const RunResult& r, const std::string& name) {
    return tsrtest::trace_column(r, name);
}

}  // namespace

TEST_CASE("full-batch MM on the target surrogate reaches the Newton optimum of each loss") {
    const KeyValues small = {{"n", "300"}, {"d", "10"}, {"lambda", "1e-2"}};
    CHECK(suboptimality(run("sso.mm", {{"eta", "1"}, {"epochs", "300"}, {"inner", "20"}}, "logreg.synthetic", small)) <=
          1e-9);
    CHECK(suboptimality(run("sso.mm", {{"eta", "0.25"}, {"epochs", "300"}, {"inner", "20"}}, "ls.synthetic", small)) <=
          1e-9);
    CHECK(suboptimality(run("sso.mm", {{"eta", "0.625"}, {"epochs", "800"}, {"inner", "20"}}, "softmax.synthetic",
                            {{"n", "300"}, {"d", "10"}, {"classes", "4"}, {"lambda", "1e-2"}})) <= 1e-9);
}

TEST_CASE("L-BFGS reaches softmax.synthetic's Newton optimum (gradient and optimum agree)") {
    for (uint64_t seed : {1, 2})
        CHECK(std::fabs(suboptimality(run("opt.lbfgs", {}, "softmax.synthetic", {}, seed))) <= 1e-10);
}

TEST_CASE("MM decreases the loss at every outer step (the surrogate majorizes for eta <= 1/L)") {
    // Logistic loss: L = 1/4, so eta = 1 <= 4 makes g_t^eta an upper bound of the loss.
    const RunResult r = run("sso.mm", {{"eta", "1"}, {"epochs", "30"}, {"inner", "5"}}, "logreg.synthetic",
                            {{"n", "500"}, {"d", "20"}});
    const auto& f = r.trace.objective;
    REQUIRE(f.size() == 31);
    for (size_t k = 1; k < f.size(); ++k) CHECK(f[k] <= f[k - 1] + 1e-12);
}

TEST_CASE("SSO spends one expensive unit per example per epoch; monitoring goes to the objective counter") {
    const RunResult r = run("sso.sso", {{"epochs", "3"}, {"batch", "50"}, {"inner", "4"}}, "logreg.synthetic",
                            {{"n", "400"}, {"d", "10"}});
    const auto* expensive = column(r, "units:tsr.target.v1/loss_gradient");
    const auto* monitor = column(r, "units:tsr.objective.v1/value");
    REQUIRE(expensive != nullptr);
    REQUIRE(monitor != nullptr);
    CHECK(expensive->back() == 3 * 400);
    CHECK(monitor->back() == 4);  // f at the start and after each of the 3 epochs (1 unit per full call)
    CHECK(suboptimality(r) < 0.05);
    // The cost metrics count the expensive counter only: one pass = 400 units, at trace point 1.
    CHECK(metric(r, "opt.objective_at_cost", "objective_at_cost") == r.trace.objective[1]);
    CHECK(metric(r, "opt.time_to_target", "evals_to_target") == 400);  // halfway to f*: after one pass
}
