// Unit tests of the host's checks of user input: ParamSet::resolve, edit_distance, the registry's
// suggestions and refusals, and the other small text helpers.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "errors.hpp"
#include "params.hpp"
#include "registry.hpp"
#include "test_components.hpp"
#include "text.hpp"

using tsr::host::ParamSet;
using tsr::host::Registry;
using tsr::host::UsageError;

namespace {

const Registry& registry() {
    static Registry* reg = [] {
        auto* r = new Registry();
        REQUIRE(r->add_builtin(hosttest::plugin(), "(unit tests)"));
        return r;
    }();
    return *reg;
}

const tsr::host::Component& gd() { return registry().require("test.gd", TSR_KIND_ALGORITHM); }

std::string usage_error(const std::vector<std::pair<std::string, std::string>>& given,
                        const tsr::host::Component& c = gd()) {
    try {
        ParamSet::resolve(c, given);
    } catch (const UsageError& e) {
        return e.what();
    }
    FAIL("no UsageError for the given parameters");
    return {};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("registry: the builtin test plugin is accepted and indexed by id") {
    const Registry& reg = registry();
    CHECK(reg.problems().empty());
    CHECK(reg.components().size() == 10);
    REQUIRE(reg.find("test.quad"));
    CHECK(reg.find("test.quad")->kind() == TSR_KIND_PROBLEM);
    CHECK(reg.find("test.quad")->provides() ==
          std::vector<std::string>{TSR_OBJECTIVE_V1, TSR_FINITE_SUM_V1, TSR_GROUND_TRUTH_V1});
    CHECK(reg.find("test.sgd")->needs() == std::vector<std::string>{TSR_FINITE_SUM_V1});
    CHECK(reg.find("nope") == nullptr);
    CHECK(reg.libraries().front()->builtin);
    CHECK(reg.libraries().front()->sha256().empty());
    CHECK(tsr::host::check_plugin_desc(hosttest::plugin()).empty());
}

TEST_CASE("registry: a second plugin with the same ids is reported, not fatal") {
    Registry reg;
    REQUIRE(reg.add_builtin(hosttest::plugin(), "first"));
    CHECK(reg.add_builtin(hosttest::plugin(), "second"));
    REQUIRE_FALSE(reg.problems().empty());
    CHECK(reg.problems().front().path == "second");
    CHECK(contains(reg.problems().front().reason, "already provided by first"));
    CHECK(reg.components().size() == 10);
}

TEST_CASE("registry: a plugin of another ABI major is refused with the reason") {
    tsr_plugin_desc other = *hosttest::plugin();
    other.abi_major = TSR_ABI_MAJOR + 1;
    Registry reg;
    CHECK_FALSE(reg.add_builtin(&other, "future.so"));
    REQUIRE(reg.problems().size() == 1);
    CHECK(contains(reg.problems()[0].reason, "ABI 2."));
    CHECK(reg.components().empty());
}

TEST_CASE("ParamSet::resolve: every parameter, in schema order, defaults filled in") {
    const ParamSet s = ParamSet::resolve(gd(), {});
    const auto& abi = s.abi();
    REQUIRE(abi.size() == 5);
    CHECK(std::string(abi[0].name) == "lr");
    CHECK(abi[0].value.type == TSR_PARAM_REAL);
    CHECK(abi[0].value.real == 0.25);
    CHECK(std::string(abi[1].name) == "iters");
    CHECK(abi[1].value.integer == 50);
    CHECK(std::string(abi[2].name) == "verbose");
    CHECK(abi[2].value.integer == 0);
    CHECK(std::string(abi[3].name) == "schedule");
    CHECK(std::string(abi[3].value.str) == "constant");
    CHECK(std::string(abi[4].name) == "note");
    CHECK(std::string(abi[4].value.str) == "hello");
    const auto text = s.text();
    REQUIRE(text.size() == 5);
    CHECK(text[0].value == "0.25");
    CHECK(text[2].value == "false");
    CHECK(text[3].value == "constant");
}

TEST_CASE("ParamSet::resolve: given values, given in any order, last one wins") {
    const ParamSet s = ParamSet::resolve(
        gd(), {{"schedule", "cosine"}, {"lr", "0.5"}, {"note", "a b, c"}, {"lr", "0.125"}, {"verbose", "yes"}});
    const auto& abi = s.abi();
    CHECK(abi[0].value.real == 0.125);
    CHECK(abi[1].value.integer == 50);
    CHECK(abi[2].value.integer == 1);
    CHECK(std::string(abi[3].value.str) == "cosine");
    CHECK(std::string(abi[4].value.str) == "a b, c");
}

TEST_CASE("ParamSet: copies keep their strings (the ABI view points into the copy)") {
    ParamSet copy;
    {
        const ParamSet s = ParamSet::resolve(gd(), {{"schedule", "linear"}, {"note", std::string(100, 'n')}});
        copy = s;
    }
    CHECK(std::string(copy.abi()[3].value.str) == "linear");
    CHECK(std::string(copy.abi()[4].value.str) == std::string(100, 'n'));
    CHECK(std::string(copy.abi()[0].name) == "lr");
    const ParamSet copy2(copy);
    CHECK(copy2.abi()[4].value.str != copy.abi()[4].value.str);
    CHECK(std::string(copy2.abi()[4].value.str) == std::string(100, 'n'));
}

TEST_CASE("ParamSet::resolve: unknown parameter names the component and suggests the closest") {
    const std::string m = usage_error({{"lrr", "0.1"}});
    CHECK(contains(m, "'test.gd'"));
    CHECK(contains(m, "'lrr'"));
    CHECK(contains(m, "did you mean lr?"));
    CHECK(contains(m, "lr, iters, verbose, schedule, note"));
    const std::string far = usage_error({{"momentum", "0.9"}});
    CHECK_FALSE(contains(far, "did you mean"));
    CHECK(contains(far, "its parameters:"));
    const std::string none = usage_error({{"x", "1"}}, registry().require("test.loop", TSR_KIND_ALGORITHM));
    CHECK(contains(none, "takes no parameters"));
}

TEST_CASE("ParamSet::resolve: a value of the wrong type says what is expected") {
    const std::string m = usage_error({{"lr", "abc"}});
    CHECK(contains(m, "'test.gd'"));
    CHECK(contains(m, "lr = 'abc'"));
    CHECK(contains(m, "not a number"));
    CHECK(contains(m, "a real number in [0, 10]"));
    CHECK(contains(usage_error({{"iters", "ten"}}), "not an integer"));
    CHECK(contains(usage_error({{"iters", "1.5"}}), "not an integer"));
    CHECK(contains(usage_error({{"iters", ""}}), "not an integer"));
    CHECK(contains(usage_error({{"lr", ""}}), "not a number"));
    CHECK(contains(usage_error({{"lr", "nan"}}), "not a number"));
    CHECK(contains(usage_error({{"lr", "0.1x"}}), "not a number"));
}

TEST_CASE("ParamSet::resolve: out of range shows the allowed range") {
    const std::string m = usage_error({{"lr", "-1"}});
    CHECK(contains(m, "lr = '-1'"));
    CHECK(contains(m, "out of range"));
    CHECK(contains(m, "[0, 10]"));
    CHECK(contains(usage_error({{"lr", "10.5"}}), "[0, 10]"));
    CHECK(contains(usage_error({{"lr", "inf"}}), "out of range"));
    const std::string i = usage_error({{"iters", "0"}});
    CHECK(contains(i, "out of range"));
    CHECK(contains(i, "an integer in [1, inf"));
    // range ends are allowed
    CHECK(ParamSet::resolve(gd(), {{"lr", "10"}}).abi()[0].value.real == 10.0);
    CHECK(ParamSet::resolve(gd(), {{"lr", "0"}}).abi()[0].value.real == 0.0);
    CHECK(ParamSet::resolve(gd(), {{"iters", "1"}}).abi()[1].value.integer == 1);
}

TEST_CASE("ParamSet::resolve: a choice not among the choices lists them") {
    const std::string m = usage_error({{"schedule", "cos"}});
    CHECK(contains(m, "schedule = 'cos'"));
    CHECK(contains(m, "one of constant, cosine or linear"));
    CHECK(contains(usage_error({{"schedule", "Constant"}}), "not one of the choices"));  // case matters
}

TEST_CASE("ParamSet::resolve: bool spellings") {
    for (const char* yes : {"true", "1", "yes", "on"})
        CHECK(ParamSet::resolve(gd(), {{"verbose", yes}}).abi()[2].value.integer == 1);
    for (const char* no : {"false", "0", "no", "off"})
        CHECK(ParamSet::resolve(gd(), {{"verbose", no}}).abi()[2].value.integer == 0);
    for (const char* bad : {"maybe", "2", "", "yess"}) {
        const std::string m = usage_error({{"verbose", bad}});
        CHECK(contains(m, "not a boolean"));
        CHECK(contains(m, "true or false"));
    }
}

TEST_CASE("ParamSet::resolve: integral reals are accepted for integers") {
    CHECK(ParamSet::resolve(gd(), {{"iters", "1e4"}}).abi()[1].value.integer == 10000);
    CHECK(ParamSet::resolve(gd(), {{"iters", "2.0"}}).abi()[1].value.integer == 2);
    CHECK(ParamSet::resolve(gd(), {{"iters", "123456789"}}).abi()[1].value.integer == 123456789);
    CHECK(contains(usage_error({{"iters", "1e30"}}), "not an integer"));
    CHECK(contains(usage_error({{"iters", "-1e4"}}), "out of range"));
}

TEST_CASE("ParamSet::resolve: reals accept every usual spelling") {
    CHECK(ParamSet::resolve(gd(), {{"lr", "1e-3"}}).abi()[0].value.real == 1e-3);
    CHECK(ParamSet::resolve(gd(), {{"lr", ".5"}}).abi()[0].value.real == 0.5);
    CHECK(ParamSet::resolve(gd(), {{"lr", "3"}}).abi()[0].value.real == 3.0);
}

TEST_CASE("param_domain_text and param_value_text") {
    const auto& c = gd();
    CHECK(tsr::host::param_domain_text(c.param(0)) == "a real number in [0, 10]");
    CHECK(tsr::host::param_domain_text(c.param(2)) == "true or false");
    CHECK(tsr::host::param_domain_text(c.param(3)) == "one of constant, cosine or linear");
    CHECK(tsr::host::param_domain_text(c.param(4)) == "text");
    CHECK(tsr::host::param_value_text(c.param(0).default_value) == "0.25");
    CHECK(tsr::host::param_value_text(c.param(1).default_value) == "50");
    CHECK(tsr::host::param_value_text(c.param(2).default_value) == "false");
    CHECK(tsr::host::param_value_text(c.param(4).default_value) == "hello");
}

TEST_CASE("edit_distance") {
    using tsr::host::edit_distance;
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("abc", "abc") == 0);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("sitting", "kitten") == 3);
    CHECK(edit_distance("opt.lbgfs", "opt.lbfgs") == 2);  // a transposition costs two
    CHECK(edit_distance("flaw", "lawn") == 2);
    CHECK(edit_distance("a", "b") == 1);
}

TEST_CASE("Registry::suggest: closest ids of the asked kind") {
    const Registry& reg = registry();
    auto s = reg.suggest("test.gdd", TSR_KIND_ALGORITHM);
    REQUIRE_FALSE(s.empty());
    CHECK(s.front() == "test.gd");
    CHECK(s.size() <= 3);
    for (const auto& id : reg.suggest("test.quad", TSR_KIND_ALGORITHM))
        CHECK(reg.find(id)->kind() == TSR_KIND_ALGORITHM);
    CHECK(reg.suggest("test.plian", TSR_KIND_PROBLEM).front() == "test.plain");
    // a part of an id is a good guess too
    CHECK(reg.suggest("greedy", TSR_KIND_ALGORITHM).front() == "test.greedy");
    // nothing close: no suggestion
    CHECK(reg.suggest("completely.different.thing", TSR_KIND_ALGORITHM).empty());
    CHECK(reg.suggest("test.gd", 0, 1).size() == 1);
}

TEST_CASE("Registry::require: unknown id or wrong kind is a UsageError with suggestions") {
    const Registry& reg = registry();
    try {
        reg.require("test.gdd", TSR_KIND_ALGORITHM);
        FAIL("no error");
    } catch (const UsageError& e) {
        const std::string m = e.what();
        CHECK(contains(m, "no algorithm called 'test.gdd'"));
        CHECK(contains(m, "did you mean test.gd"));
        CHECK(contains(m, "tessera list --kind algorithm"));
    }
    try {
        reg.require("test.final", TSR_KIND_ALGORITHM);
        FAIL("no error");
    } catch (const UsageError& e) {
        const std::string m = e.what();
        CHECK(contains(m, "'test.final' is a metric"));
        CHECK(contains(m, "algorithm"));
    }
    CHECK(reg.require("test.final", TSR_KIND_METRIC).id() == "test.final");
}

TEST_CASE("text helpers") {
    using namespace tsr::host;
    CHECK(join_or({}) == "");
    CHECK(join_or({"a"}) == "a");
    CHECK(join_or({"a", "b"}) == "a or b");
    CHECK(join_or({"a", "b", "c"}) == "a, b or c");
    CHECK(join({"a", "b", "c"}, "; ") == "a; b; c");
    CHECK(format_double(0.1) == "0.1");
    CHECK(format_double(1e-8) == "1e-08");
    CHECK(format_double(std::numeric_limits<double>::infinity()) == "inf");
    CHECK(format_double(-std::numeric_limits<double>::infinity()) == "-inf");
    CHECK(format_double(std::nan("")) == "nan");
    CHECK(std::stod(format_double(1.0 / 3)) == 1.0 / 3);
    CHECK(std::string(kind_name(TSR_KIND_METRIC)) == "metric");
    CHECK(parse_kind("algorithms") == TSR_KIND_ALGORITHM);
    CHECK(parse_kind("plugin") == 0);
}
