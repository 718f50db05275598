// Tests of the `tessera validate` checks of tsr.operator/target/bilevel/coordinate.v1
// (host/validate_iface.cpp): the test problems of iface_problems.hpp pass every check, and each
// deliberately wrong mode is caught by the check written for it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "iface_problems.hpp"
#include "registry.hpp"
#include "validate.hpp"

using tsr::host::Check;

namespace {

tsr::host::Registry& iface_registry() {
    static tsr::host::Registry* reg = [] {
        auto* r = new tsr::host::Registry();
        REQUIRE(r->add_builtin(hosttest::iface_plugin(), "(interface tests)"));
        return r;
    }();
    return *reg;
}

std::vector<Check> checks_of(const std::string& problem, const std::string& mode) {
    tsr::host::Registry& reg = iface_registry();
    const tsr::host::Component* c = reg.find(problem);
    REQUIRE(c);
    return tsr::host::validate_problem(reg, *c, {{"mode", mode}});
}

std::string failures(const std::vector<Check>& checks) {
    std::string s;
    for (const Check& c : checks)
        if (c.result == Check::fail) s += c.name + " (" + c.detail + "); ";
    return s;
}

const Check* find(const std::vector<Check>& checks, const std::string& name) {
    for (const Check& c : checks)
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace

TEST_CASE("validate: the interface test problems pass every check") {
    for (const char* p : {"test.operator", "test.target", "test.bilevel", "test.coordinate", "test.coordinate_dense"}) {
        const auto checks = checks_of(p, "ok");
        CAPTURE(std::string(p));
        CHECK(failures(checks) == "");
        CHECK(checks.size() > 8);
    }
    // the checks named below exist (so that the failure cases cannot pass by a renamed check)
    const auto op = checks_of("test.operator", "ok");
    REQUIRE(find(op, "resolvent is idempotent (a projection)"));
    CHECK(find(op, "resolvent is idempotent (a projection)")->result == Check::pass);
    const auto co = checks_of("test.coordinate", "ok");
    CHECK(find(co, "block Hessian is zero off the pattern"));
    CHECK_FALSE(find(checks_of("test.coordinate_dense", "ok"), "hessian_pattern pairs are in range with i < j"));
}

TEST_CASE("validate: each wrong problem is caught by its check") {
    struct Case {
        const char* problem;
        const char* mode;
        const char* check;
    };
    const Case cases[] = {
        {"test.operator", "bad_batch", "batch over all components equals value"},
        {"test.operator", "bad_resolvent", "initial point is a fixed point of the resolvent"},
        {"test.operator", "expansive_resolvent", "resolvent is firmly nonexpansive"},
        {"test.operator", "nan_properties", "operator properties are finite"},
        {"test.operator", "not_monotone", "operator is monotone at sampled points"},
        {"test.operator", "low_lipschitz", "lipschitz bounds |Fu - Fv| / |u - v|"},
        {"test.target", "bad_vjp", "target_vjp matches finite differences of targets"},
        {"test.target", "bad_loss_gradient", "loss_gradient matches finite differences of the loss"},
        {"test.target", "bad_objective", "mean loss over all terms + l2 term equals the objective"},
        {"test.target", "bad_objective_gradient", "objective gradient equals target_vjp of the loss gradient + l2 term"},
        {"test.bilevel", "bad_upper_gradient", "upper gradients match finite differences"},
        {"test.bilevel", "bad_lower_batch", "lower: mean over all terms equals the full call"},
        {"test.bilevel", "bad_hvp", "lower_hvp matches finite differences of lower gradients"},
        {"test.bilevel", "bad_project", "project_x is a projection and the initial point is feasible"},
        {"test.coordinate", "bad_block_gradient", "block_gradient equals the gradient restricted to the block"},
        {"test.coordinate", "bad_block_hessian", "block_hessian matches finite differences of the gradient"},
        {"test.coordinate", "low_lipschitz", "coordinate_lipschitz bounds the Hessian diagonal at sampled points"},
        {"test.coordinate", "low_bound", "block_bound - block_hessian is positive semidefinite at sampled points"},
        {"test.coordinate", "bad_pattern", "hessian_pattern pairs are in range with i < j"},
        {"test.coordinate", "missing_pattern_pair", "block Hessian is zero off the pattern"},
    };
    for (const Case& c : cases) {
        const std::string what = std::string(c.problem) + " mode=" + c.mode;
        CAPTURE(what);
        const auto checks = checks_of(c.problem, c.mode);
        const Check* k = find(checks, c.check);
        REQUIRE_MESSAGE(k, c.check);
        CHECK_MESSAGE(k->result == Check::fail, c.check);
    }
    // A resolvent that is not a projection is allowed (a general prox): reported, not failed.
    const auto prox = checks_of("test.operator", "bad_resolvent");
    REQUIRE(find(prox, "resolvent is idempotent (a projection)"));
    CHECK(find(prox, "resolvent is idempotent (a projection)")->result == Check::skip);
}
