// Unit tests of run_one: statuses, messages, budgets, seeds, metrics — with the components of
// test_components.hpp registered as a builtin plugin.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>

#include <tessera/kit/rng.hpp>

#include "errors.hpp"
#include "registry.hpp"
#include "run_result.hpp"
#include "runner.hpp"
#include "test_components.hpp"

using tsr::host::RunRequest;
using tsr::host::RunResult;
using tsr::host::RunStatus;

namespace {

const tsr::host::Registry& registry() {
    static tsr::host::Registry* reg = [] {
        auto* r = new tsr::host::Registry();
        REQUIRE(r->add_builtin(hosttest::plugin(), "(unit tests)"));
        return r;
    }();
    return *reg;
}

RunRequest request(const std::string& algorithm, const std::string& problem) {
    RunRequest r;
    r.algorithm = algorithm;
    r.problem = problem;
    return r;
}

RunResult run(const RunRequest& req) { return tsr::host::run_one(registry(), req); }

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const tsr::host::Scalar* scalar(const RunResult& r, const std::string& name) {
    for (const auto& s : r.scalars)
        if (s.name == name) return &s;
    return nullptr;
}
const tsr::host::Array* array(const RunResult& r, const std::string& name) {
    for (const auto& a : r.arrays)
        if (a.name == name) return &a;
    return nullptr;
}
double first_double(const tsr::host::Array& a) {
    double v;
    std::memcpy(&v, a.bytes.data(), sizeof v);
    return v;
}

std::string usage_error(const RunRequest& req) {
    try {
        tsr::host::check_request(registry(), req);
    } catch (const tsr::host::UsageError& e) {
        try {
            (void)run(req);  // run_one refuses the same way
            FAIL("run_one accepted a request check_request refused");
        } catch (const tsr::host::UsageError& e2) {
            CHECK(std::string(e2.what()) == e.what());
        }
        return e.what();
    }
    FAIL("check_request accepted the request");
    return {};
}

}  // namespace

TEST_CASE("run_one: ok — finished by its own criterion, with the full record") {
    RunRequest req = request("test.gd", "test.quad");
    req.algorithm_params = {{"iters", "20"}};
    req.problem_params = {{"d", "4"}};
    req.seed = 5;
    const RunResult r = run(req);
    CHECK(r.status == RunStatus::ok);
    CHECK(r.error.empty());
    CHECK(r.algorithm.id == "test.gd");
    CHECK(r.algorithm.version == "1.0.0");
    CHECK(r.algorithm.library_path == "(unit tests)");
    REQUIRE(r.algorithm.params.size() == 5);
    CHECK(r.algorithm.params[1].name == "iters");
    CHECK(r.algorithm.params[1].value == "20");
    CHECK(r.problem.params[0].value == "4");
    CHECK(r.problem.params[1].value == "ok");
    CHECK(r.seed == 5);
    REQUIRE(r.trace.size() == 20);
    CHECK(r.trace.iteration.front() == 0);
    CHECK(r.trace.iteration.back() == 19);
    CHECK(r.trace.evals.front() == 1);
    CHECK(r.trace.evals.back() == 20);
    CHECK(r.trace.objective.back() < r.trace.objective.front());
    CHECK(r.trace.objective.back() < 1e-10 * r.trace.objective.front());  // (1/4)^19
    for (size_t i = 1; i < r.trace.size(); ++i) CHECK(r.trace.seconds[i] >= r.trace.seconds[i - 1]);
    // the extra column, and the per-counter unit column the host adds
    REQUIRE(r.trace.columns.size() == 2);
    CHECK(r.trace.columns[0] == "grad_norm");
    CHECK(r.trace.columns[1] == "units:tsr.objective.v1/value_gradient");
    CHECK(r.trace.values[1].back() == 20.0);
    CHECK(r.total_evals == 20);
    bool found = false;
    for (const auto& c : r.counters)
        if (c.name == "tsr.objective.v1/value_gradient") found = c.calls == 20 && c.units == 20;
    CHECK(found);
    REQUIRE(array(r, "x"));
    CHECK(array(r, "x")->shape == std::vector<int64_t>{4});
    CHECK(array(r, "x")->dtype == TSR_DTYPE_F64);
    CHECK(array(r, "x")->bytes.size() == 4 * sizeof(double));
    CHECK_FALSE(r.host_version.empty());
    CHECK_FALSE(r.started_at.empty());
    CHECK_FALSE(r.finished_at.empty());
    CHECK(r.wall_seconds >= 0.0);
    CHECK(std::string(tsr::host::run_status_name(r.status)) == "ok");
}

TEST_CASE("run_one: budget_exhausted when the proxy refuses a call") {
    RunRequest req = request("test.greedy", "test.quad");
    req.budget.max_evals = 25;
    const RunResult r = run(req);
    CHECK(r.status == RunStatus::budget_exhausted);
    CHECK(r.total_evals == 25);
    CHECK(contains(r.error, "25 of 25"));
    CHECK(contains(r.error, "tsr.objective.v1/value"));
}

TEST_CASE("run_one: budget_exhausted when should_stop ends the run at max_evals") {
    RunRequest req = request("test.loop", "test.quad");
    req.budget.max_evals = 10;
    const RunResult r = run(req);
    CHECK(r.status == RunStatus::budget_exhausted);
    CHECK(r.total_evals == 10);
    CHECK(r.trace.size() == 10);
    CHECK(contains(r.error, "evaluation budget of 10"));
}

TEST_CASE("run_one: the iteration budget stops the run, with the reason") {
    RunRequest req = request("test.loop", "test.quad");
    req.budget.max_iterations = 7;
    const RunResult r = run(req);
    CHECK(r.status == RunStatus::budget_exhausted);
    CHECK(r.trace.size() == 7);
    CHECK(contains(r.error, "iteration budget of 7 reached"));
    CHECK(std::string(tsr::host::run_status_name(r.status)) == "budget_exhausted");
}

TEST_CASE("run_one: the time budget stops the run") {
    RunRequest req = request("test.loop", "test.quad");
    req.budget.max_seconds = 0.05;
    const RunResult r = run(req);
    CHECK(r.status == RunStatus::budget_exhausted);
    CHECK(contains(r.error, "time budget"));
    CHECK(r.wall_seconds < 5.0);
}

TEST_CASE("run_one: diverged when a reported objective is NaN") {
    const RunResult r = run(request("test.gd", "test.nan"));
    CHECK(r.status == RunStatus::diverged);
    CHECK(contains(r.error, "not finite"));
    REQUIRE(r.trace.size() >= 1);
    CHECK(std::isnan(r.trace.objective.back()));
    CHECK(r.trace.size() == 1);  // the host stopped it at the first NaN
}

TEST_CASE("run_one: a problem that fails during the run is an error with its message") {
    RunRequest req = request("test.gd", "test.quad");
    req.problem_params = {{"mode", "throw"}};
    const RunResult r = run(req);
    CHECK(r.status == RunStatus::error);
    CHECK(contains(r.error, "test.gd"));
    CHECK(contains(r.error, "test.quad: deliberate failure"));
    CHECK(contains(r.error, "numeric error"));
}

TEST_CASE("run_one: a problem that cannot be created is an error with its message") {
    RunRequest req = request("test.gd", "test.quad");
    req.problem_params = {{"mode", "create_throw"}};
    const RunResult r = run(req);
    CHECK(r.status == RunStatus::error);
    CHECK(contains(r.error, "problem 'test.quad' could not be created"));
    CHECK(contains(r.error, "test.quad refuses to be created"));
    CHECK(r.trace.size() == 0);
}

TEST_CASE("run_one: an algorithm that throws is an error, whatever it throws") {
    RunRequest req = request("test.throw", "test.quad");
    RunResult r = run(req);
    CHECK(r.status == RunStatus::error);
    CHECK(contains(r.error, "boom from test.throw"));
    CHECK(contains(r.error, "runtime error"));

    req.algorithm_params = {{"kind", "tsr"}};
    r = run(req);
    CHECK(r.status == RunStatus::error);
    CHECK(contains(r.error, "data.csv:3: expected 4 fields"));
    CHECK(contains(r.error, "i/o error"));

    req.algorithm_params = {{"kind", "other"}};
    r = run(req);
    CHECK(r.status == RunStatus::error);
    CHECK(contains(r.error, "unknown exception"));

    // std::bad_alloc in a plugin: the run ran out of memory (its own status), not a crash
    req.algorithm_params = {{"kind", "bad_alloc"}};
    r = run(req);
    CHECK(r.status == RunStatus::out_of_memory);
    CHECK(contains(r.error, "out of memory"));
}

TEST_CASE("run_one: seeds derive from the master seed, per role") {
    RunRequest a = request("test.gd", "test.quad");
    a.seed = 1234;
    a.algorithm_params = {{"iters", "1"}};
    RunRequest b = request("test.loop", "test.quad");
    b.seed = 1234;
    b.budget.max_iterations = 1;
    const RunResult ra = run(a), rb = run(b);
    REQUIRE(array(ra, "x0"));
    REQUIRE(array(rb, "x0"));
    // the same master seed gives the same problem instance whatever the algorithm
    CHECK(first_double(*array(ra, "x0")) == first_double(*array(rb, "x0")));
    CHECK(first_double(*array(ra, "x0")) == double(tsr::host::problem_seed(1234) % 1000003));
    // the algorithm receives its own seed, at create and in the run context
    REQUIRE(scalar(ra, "seed_mod"));
    CHECK(scalar(ra, "seed_mod")->value == double(tsr::host::algorithm_seed(1234) % 1000003));
    CHECK(scalar(ra, "run_seed_mod")->value == double(tsr::host::algorithm_seed(1234) % 1000003));
    // another master seed, another instance; a rerun, the same
    a.seed = 1235;
    CHECK(first_double(*array(run(a), "x0")) != first_double(*array(ra, "x0")));
    a.seed = 1234;
    const RunResult again = run(a);
    CHECK(first_double(*array(again, "x0")) == first_double(*array(ra, "x0")));
    CHECK(again.trace.objective == ra.trace.objective);
    // roles are distinct streams
    CHECK(tsr::host::problem_seed(1) != tsr::host::algorithm_seed(1));
    CHECK(tsr::host::algorithm_seed(1) != tsr::host::metric_seed(1));
    CHECK(tsr::host::problem_seed(1) != tsr::host::problem_seed(2));
    CHECK(tsr::host::problem_seed(7) == tsr::kit::mix_seed(7, 1));
}

TEST_CASE("run_one: metrics see the run; a finite-sum algorithm counts m units per minibatch") {
    RunRequest req = request("test.sgd", "test.quad");
    req.metrics = {tsr::host::parse_metric_spec("test.final")};
    const RunResult r = run(req);
    CHECK(r.status == RunStatus::ok);
    REQUIRE(r.trace.size() == 5);
    CHECK(r.total_evals == 10);
    REQUIRE(r.metric_values.size() == 1);
    CHECK(r.metric_values[0].metric_id == "test.final");
    CHECK(r.metric_values[0].name == "final");
    CHECK(r.metric_values[0].direction == TSR_LOWER_IS_BETTER);
    CHECK(r.metric_values[0].value == r.trace.objective.back());
    REQUIRE(r.metrics.size() == 1);
    CHECK(r.metrics[0].id == "test.final");
}

TEST_CASE("check_request: bad requests are UsageErrors that say what would be right") {
    std::string m = usage_error(request("test.gdd", "test.quad"));
    CHECK(contains(m, "no algorithm called 'test.gdd'"));
    CHECK(contains(m, "did you mean test.gd"));

    m = usage_error(request("test.gd", "test.qaud"));
    CHECK(contains(m, "no problem called 'test.qaud'"));
    CHECK(contains(m, "test.quad"));

    m = usage_error(request("test.final", "test.quad"));
    CHECK(contains(m, "'test.final' is a metric"));

    RunRequest p = request("test.gd", "test.quad");
    p.algorithm_params = {{"lr", "-1"}};
    m = usage_error(p);
    CHECK(contains(m, "out of range"));
    CHECK(contains(m, "[0, 10]"));

    p = request("test.gd", "test.quad");
    p.problem_params = {{"dd", "3"}};
    m = usage_error(p);
    CHECK(contains(m, "'test.quad' has no parameter 'dd'"));
    CHECK(contains(m, "did you mean d?"));

    // an algorithm whose needed interface the problem does not provide: say which, and who does
    m = usage_error(request("test.sgd", "test.plain"));
    CHECK(contains(m, "needs tsr.finite_sum.v1"));
    CHECK(contains(m, "'test.plain' does not provide"));
    CHECK(contains(m, "problems that do: test.quad"));

    // a metric needing an interface nobody provides
    RunRequest mr = request("test.gd", "test.quad");
    mr.metrics = {tsr::host::parse_metric_spec("test.needs_dataset")};
    m = usage_error(mr);
    CHECK(contains(m, "needs tsr.dataset.v1"));
    CHECK(contains(m, "no installed problem provides it"));

    RunRequest unknown_metric = request("test.gd", "test.quad");
    unknown_metric.metrics = {tsr::host::parse_metric_spec("test.finl")};
    CHECK(contains(usage_error(unknown_metric), "did you mean test.final"));

    RunRequest b = request("test.gd", "test.quad");
    b.budget.max_evals = -1;
    CHECK(contains(usage_error(b), "budgets must be >= 0"));
}

TEST_CASE("split_key_value and parse_metric_spec") {
    using tsr::host::parse_metric_spec;
    using tsr::host::split_key_value;
    CHECK(split_key_value("lr=0.1", "--param") == std::pair<std::string, std::string>{"lr", "0.1"});
    CHECK(split_key_value("path=a=b.csv", "--param").second == "a=b.csv");
    CHECK(split_key_value("note=", "--param").second == "");
    try {
        split_key_value("lr", "--param");
        FAIL("no error");
    } catch (const tsr::host::UsageError& e) {
        CHECK(contains(e.what(), "--param 'lr' is not of the form name=value"));
    }
    CHECK_THROWS_AS(split_key_value("=3", "--param"), tsr::host::UsageError);
    const auto m = parse_metric_spec("opt.time_to_target:target=1e-6,relative=true");
    CHECK(m.id == "opt.time_to_target");
    REQUIRE(m.params.size() == 2);
    CHECK(m.params[0].first == "target");
    CHECK(m.params[1].second == "true");
    CHECK(parse_metric_spec("opt.grad_norm").params.empty());
}

TEST_CASE("run statuses round-trip through their names") {
    using namespace tsr::host;
    for (RunStatus s : {RunStatus::ok, RunStatus::stopped, RunStatus::budget_exhausted, RunStatus::diverged,
                        RunStatus::error, RunStatus::timeout, RunStatus::crashed, RunStatus::out_of_memory})
        CHECK(parse_run_status(run_status_name(s)) == s);
    CHECK_FALSE(parse_run_status("fine").has_value());
    CHECK(dtype_size(TSR_DTYPE_I32) == 4);
    CHECK(std::string(dtype_name(TSR_DTYPE_U8)) == "u8");
}
