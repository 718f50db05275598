// ABI test (b): a plugin built against a newer minor version (future_plugin.c): larger structs
// everywhere, arrays of structs with a larger element stride, an unknown interface. It loads,
// every parameter default reads correctly (stride handling), and it runs.
#include <cmath>
#include <cstring>

#include <params.hpp>
#include <proxy.hpp>

#include "abi_test.hpp"

using namespace tsr::host;
using namespace abi_test;

namespace {

struct Expected {
    const char* name;
    int32_t type;
    double real;
    int64_t integer;
    const char* str;
    double min, max;
    const char* text;  // the default as the host prints it
};

}  // namespace

TEST_SUITE("newer_minor") {

TEST_CASE("a plugin of a newer minor version loads, with larger structs") {
    Registry reg;
    REQUIRE_MESSAGE(reg.load(ABI_FUTURE_PLUGIN), problems_text(reg));
    CHECK(reg.problems().empty());
    const tsr_plugin_desc* d = reg.libraries().at(0)->desc;
    CHECK(d->abi_major == TSR_ABI_MAJOR);
    CHECK(d->abi_minor == TSR_ABI_MINOR + 3);
    CHECK(d->struct_size > sizeof(tsr_plugin_desc));
    REQUIRE(reg.components().size() == 3);
    for (const Component& c : reg.components()) {
        CHECK(c.desc->struct_size > sizeof(tsr_component_desc));
        for (uint32_t i = 0; i < c.desc->n_params; ++i) CHECK(c.param(i).struct_size > sizeof(tsr_param_desc));
    }
}

TEST_CASE("every parameter's name, type, range and default read through the writer's stride") {
    Registry reg;
    REQUIRE(reg.load(ABI_FUTURE_PLUGIN));
    const Component& a = reg.require("future.algorithm", TSR_KIND_ALGORITHM);
    const Expected want[] = {
        {"step", TSR_PARAM_REAL, 0.125, 0, nullptr, 1e-6, 1.0, "0.125"},
        {"iters", TSR_PARAM_INT, 0, 77, nullptr, 1, 100000, "77"},
        {"verbose", TSR_PARAM_BOOL, 0, 1, nullptr, 0, 1, "true"},
        {"weight", TSR_PARAM_CHOICE, 0, 0, "medium", 0, 0, "medium"},
        {"label", TSR_PARAM_STRING, 0, 0, "from-the-future", 0, 0, "from-the-future"},
        {"tol", TSR_PARAM_REAL, 1e-9, 0, nullptr, 0, 1, "1e-09"},
    };
    REQUIRE(a.desc->n_params == 6);
    const ParamSet defaults = ParamSet::resolve(a, {});
    const auto text = defaults.text();
    REQUIRE(text.size() == 6);
    for (uint32_t i = 0; i < 6; ++i) {
        const tsr_param_desc& p = a.param(i);
        const Expected& w = want[i];
        INFO("parameter " << i << " (" << w.name << ")");
        REQUIRE(p.name);
        CHECK(std::string(p.name) == w.name);
        CHECK(p.type == w.type);
        CHECK(p.default_value.type == w.type);
        CHECK(p.min == w.min);
        CHECK(p.max == w.max);
        CHECK(p.help != nullptr);
        if (w.type == TSR_PARAM_REAL) CHECK(p.default_value.real == w.real);
        if (w.type == TSR_PARAM_INT || w.type == TSR_PARAM_BOOL) CHECK(p.default_value.integer == w.integer);
        if (w.str) CHECK(std::string(p.default_value.str) == w.str);
        CHECK(a.find_param(w.name) == &p);
        CHECK(text[i].name == w.name);
        CHECK(text[i].value == w.text);
    }
    CHECK(a.param(0).flags == TSR_PARAM_FLAG_LOG_SCALE);
    CHECK(a.param(3).n_choices == 3);
    CHECK(std::string(a.param(3).choices[2]) == "heavy");
    CHECK(a.wants() == std::vector<std::string>{"tsr.future_thing.v7"});

    const Component& p = reg.require("future.problem", TSR_KIND_PROBLEM);
    REQUIRE(p.desc->n_params == 2);
    CHECK(std::string(p.param(1).name) == "target");
    CHECK(p.param(1).default_value.real == 2.5);
    CHECK(p.provides() == std::vector<std::string>{TSR_OBJECTIVE_V1, "tsr.future_thing.v7"});

    const Component& m = reg.require("future.metric", TSR_KIND_METRIC);
    REQUIRE(m.desc->n_outputs == 3);
    CHECK(std::string(m.output(0).name) == "final_objective");
    CHECK(m.output(0).direction == TSR_LOWER_IS_BETTER);
    CHECK(std::string(m.output(1).name) == "n_trace");
    CHECK(m.output(1).direction == TSR_NO_DIRECTION);
    CHECK(std::string(m.output(2).name) == "scaled_evals");
    CHECK(m.output(2).direction == TSR_HIGHER_IS_BETTER);
    CHECK(std::string(m.output(2).help) == "oracle units times scale");
}

TEST_CASE("it runs with its defaults, and the metric's outputs come back by name") {
    Registry reg;
    REQUIRE(reg.load(ABI_FUTURE_PLUGIN));
    RunRequest req = request("future.algorithm", "future.problem");
    req.metrics.push_back({"future.metric", {}});
    RunResult r = run_one(reg, req);
    INFO(r.error);
    CHECK(r.status == RunStatus::ok);
    CHECK(r.error.empty());
    // Every parameter arrived with its default.
    CHECK(*find_scalar(r, "echo_step") == 0.125);
    CHECK(*find_scalar(r, "echo_iters") == 77);
    CHECK(*find_scalar(r, "echo_verbose") == 1);
    CHECK(*find_scalar(r, "echo_weight") == 2);
    CHECK(*find_scalar(r, "echo_label_length") == std::strlen("from-the-future"));
    CHECK(*find_scalar(r, "echo_tol") == 1e-9);
    // The proxy does not serve the unknown interface; the 1.0 run context has no 1.3 field.
    CHECK(*find_scalar(r, "proxy_serves_future_thing") == 0);
    CHECK(*find_scalar(r, "future_context_field_read") == 0);
    const Array* x = find_array(r, "x");
    REQUIRE(x);
    CHECK(x->shape == std::vector<int64_t>{4});
    for (double v : f64(*x)) CHECK(v == doctest::Approx(2.5));
    // Trace points written with a larger struct_size are read.
    REQUIRE(r.trace.size() > 5);
    CHECK(r.trace.columns.at(0) == "grad_norm");
    REQUIRE(r.metric_values.size() == 3);
    CHECK(r.metric_values[0].name == "final_objective");
    CHECK(r.metric_values[0].value == r.trace.objective.back());
    CHECK(r.metric_values[1].name == "n_trace");
    CHECK(r.metric_values[1].value == static_cast<double>(r.trace.size()));
    CHECK(r.metric_values[2].name == "scaled_evals");
    CHECK(r.metric_values[2].direction == TSR_HIGHER_IS_BETTER);
    CHECK(r.metric_values[2].value == 3.0 * static_cast<double>(r.total_evals));
}

TEST_CASE("non-default values of every parameter type cross intact") {
    Registry reg;
    REQUIRE(reg.load(ABI_FUTURE_PLUGIN));
    RunRequest req = request("future.algorithm", "future.problem",
                             {{"step", "0.25"}, {"iters", "5"}, {"verbose", "false"}, {"weight", "heavy"},
                              {"label", "abc"}, {"tol", "0"}},
                             {{"d", "7"}, {"target", "-1"}});
    req.metrics.push_back({"future.metric", {{"scale", "0.5"}}});
    RunResult r = run_one(reg, req);
    INFO(r.error);
    CHECK(r.status == RunStatus::ok);
    CHECK(*find_scalar(r, "echo_step") == 0.25);
    CHECK(*find_scalar(r, "echo_iters") == 5);
    CHECK(*find_scalar(r, "echo_verbose") == 0);
    CHECK(*find_scalar(r, "echo_weight") == 3);
    CHECK(*find_scalar(r, "echo_label_length") == 3);
    CHECK(*find_scalar(r, "echo_tol") == 0);
    CHECK(r.trace.size() == 5);
    CHECK(find_array(r, "x")->shape == std::vector<int64_t>{7});
    REQUIRE(r.metric_values.size() == 3);
    CHECK(r.metric_values[2].value == 0.5 * static_cast<double>(r.total_evals));
}

TEST_CASE("the object serves the unknown interface; the proxy forwards only what it knows") {
    Registry reg;
    REQUIRE(reg.load(ABI_FUTURE_PLUGIN));
    const Component& p = reg.require("future.problem", TSR_KIND_PROBLEM);
    const ParamSet ps = ParamSet::resolve(p, {});
    tsr_create_args args{sizeof(tsr_create_args), static_cast<uint32_t>(ps.abi().size()), ps.abi().data(), 1};
    tsr_object* obj = nullptr;
    char err[256] = "";
    REQUIRE(p.desc->create(p.desc, &args, &obj, err, sizeof err) == TSR_OK);
    REQUIRE(obj);
    CHECK(obj->struct_size > sizeof(tsr_object));
    struct FutureThing {
        int64_t (*answer)(tsr_object*);
    };
    auto* thing = static_cast<const FutureThing*>(obj->get_interface(obj, "tsr.future_thing.v7"));
    REQUIRE(thing);
    CHECK(thing->answer(obj) == 42);
    CHECK(obj->get_interface(obj, "tsr.future_thing.v8") == nullptr);
    {
        Proxy proxy(obj, 0);
        tsr_object* po = proxy.object();
        CHECK(po->get_interface(po, "tsr.future_thing.v7") == nullptr);
        auto* f = static_cast<const tsr_objective_v1*>(po->get_interface(po, TSR_OBJECTIVE_V1));
        REQUIRE(f);
        CHECK(f->dim(po) == 4);
        CHECK(!f->hessian_vector);  // the problem's NULL reads the same through the proxy
        double x[4] = {2.5, 2.5, 2.5, 3.5}, v = -1;
        CHECK(f->value(po, x, &v) == TSR_OK);
        CHECK(v == 1.0);
        CHECK(proxy.total_units() == 1);
    }
    obj->destroy(obj);
}

}  // TEST_SUITE
