// The baseline algorithms reach the optima the problems know independently: f_star from the
// normal equations (least squares), Newton's method (logistic regression), or by construction
// (quadratic, Rosenbrock). Each case runs through the host exactly as `tessera run` does.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>

#include "../common/plugin_runs.hpp"

using namespace tsr::host;

namespace {

const Registry& registry() { return tsrtest::plugin_registry(); }

double metric(const RunResult& r, const std::string& id, const std::string& output) {
    return tsrtest::metric_value(r, id, output);
}

// Runs and returns f(x_final) − f_star, re-evaluated by the metric on the unproxied problem.
double suboptimality(const std::string& algo, KeyValues ap, const std::string& problem, KeyValues pp,
                     uint64_t seed = 1) {
    RunRequest req;
    req.algorithm = algo;
    req.algorithm_params = std::move(ap);
    req.problem = problem;
    req.problem_params = std::move(pp);
    req.metrics = {{"opt.suboptimality", {}}};
    req.seed = seed;
    const RunResult r = run_one(registry(), req);
    INFO(algo, " on ", problem, " seed ", seed, ": ", run_status_name(r.status), " ", r.error);
    CHECK((r.status == RunStatus::ok || r.status == RunStatus::budget_exhausted));
    return metric(r, "opt.suboptimality", "suboptimality");
}

}  // namespace

TEST_CASE("L-BFGS solves an ill-conditioned quadratic to 1e-8") {
    for (uint64_t seed : {1, 2, 3})
        CHECK(suboptimality("opt.lbfgs", {}, "fn.quadratic", {{"d", "50"}, {"cond", "1e4"}}, seed) <= 1e-8);
}

TEST_CASE("L-BFGS and Nesterov solve Rosenbrock") {
    CHECK(suboptimality("opt.lbfgs", {}, "fn.rosenbrock", {{"d", "10"}}) <= 1e-12);
    CHECK(suboptimality("opt.nesterov", {}, "fn.rosenbrock", {{"d", "10"}}) <= 1e-10);
}

TEST_CASE("GD with Armijo and Nesterov solve a moderately conditioned quadratic") {
    CHECK(suboptimality("opt.gd", {}, "fn.quadratic", {{"cond", "100"}}) <= 1e-10);
    CHECK(suboptimality("opt.nesterov", {}, "fn.quadratic", {}) <= 1e-10);
}

TEST_CASE("L-BFGS agrees with the independent optima of the regression problems") {
    // Newton's method (logistic) and the normal equations (least squares) give f_star.
    for (uint64_t seed : {1, 2})
        CHECK(std::fabs(suboptimality("opt.lbfgs", {}, "logreg.synthetic", {}, seed)) <= 1e-10);
    CHECK(std::fabs(suboptimality("opt.lbfgs", {}, "ls.synthetic", {{"cond", "1e4"}})) <= 1e-10);
}

TEST_CASE("Adam and SGD reach the logistic regression optimum computed by Newton's method") {
    for (uint64_t seed : {1, 2, 3}) {
        CHECK(suboptimality("opt.adam", {{"lr", "1e-2"}, {"epochs", "100"}, {"schedule", "cosine"}},
                            "logreg.synthetic", {}, seed) <= 1e-4);
        CHECK(suboptimality("opt.sgd", {{"lr", "0.5"}, {"epochs", "100"}, {"schedule", "cosine"}},
                            "logreg.synthetic", {}, seed) <= 1e-4);
    }
    CHECK(suboptimality("opt.sgd", {{"lr", "0.05"}, {"epochs", "50"}, {"schedule", "linear"}}, "ls.synthetic", {}) <=
          1e-5);
}

TEST_CASE("AdamW's decoupled decay moves it away from the unregularized optimum") {
    // With weight decay the fixed point is not the minimizer of f: a check that the parameter acts.
    const double plain = suboptimality("opt.adamw", {{"lr", "1e-2"}, {"epochs", "60"}, {"schedule", "cosine"},
                                                     {"weight_decay", "0"}},
                                       "logreg.synthetic", {});
    const double decayed = suboptimality("opt.adamw", {{"lr", "1e-2"}, {"epochs", "60"}, {"schedule", "cosine"},
                                                       {"weight_decay", "0.5"}},
                                         "logreg.synthetic", {});
    CHECK(plain <= 1e-3);
    CHECK(decayed > 10 * plain);
}
