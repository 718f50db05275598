// tessera/sdk/component.hpp — from an author's C++ class to a static tsr_component_desc.
//
// Every component class has
//     static constexpr tsr::Info info{"opt.adam", "1.0.0", "one-line summary", "paper citation"};
//     struct Params { ...fields with defaults...; static void schema(tsr::Schema<Params>&); };
//                                        (optional: no Params means no parameters)
//     a constructor from (const Params&, uint64_t seed), (const Params&) or ()
// and, by kind:
//   problem    using provides = tsr::Provides<tsr::Objective, ...>;  + the functions of serve.hpp
//   algorithm  void run(tsr::Run&);
//              static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};   (optional: wants[])
//   metric     void evaluate(const tsr::RunRecord&, std::span<double> out);
//              static constexpr tsr::Output outputs[] = {{"name", TSR_LOWER_IS_BETTER, "help"}};
//              (optional: needs[], interfaces the metric needs on the problem)
//              (optional, tsr.metric_series.v1: values along the run, one per trace point:
//               static constexpr tsr::Output series[] = {{"ratio", TSR_HIGHER_IS_BETTER, "help"}};
//               void evaluate_series(const tsr::RunRecord&, std::span<double> out);
//               out[j * r.trace_size() + i] = series j at trace point i)
//
// The descriptor is built once, on first use, and lives in static storage for the library's life.
#pragma once

#include <algorithm>
#include <iterator>
#include <memory>
#include <vector>

#include "../iface/metric_series.h"
#include "firewall.hpp"
#include "params.hpp"
#include "record.hpp"
#include "run.hpp"
#include "serve.hpp"
#include "serve_bilevel.hpp"
#include "serve_coordinate.hpp"
#include "serve_env.hpp"
#include "serve_operator.hpp"
#include "serve_set_function.hpp"
#include "serve_stream.hpp"
#include "serve_target.hpp"

namespace tsr {

struct Info {
    const char* id;
    const char* version;
    const char* summary;
    const char* paper = nullptr;
};

struct Output {
    const char* name;
    int32_t direction;  // TSR_LOWER_IS_BETTER, TSR_HIGHER_IS_BETTER, TSR_NO_DIRECTION
    const char* help;
};

namespace detail {

template <class C>
concept AlgorithmClass = requires(C c, Run& r) { c.run(r); };
template <class C>
concept MetricClass = requires(C c, const RunRecord& r, std::span<double> out) {
    c.evaluate(r, out);
    C::outputs;
};
template <class C>
concept MetricSeriesClass = MetricClass<C> && requires(C c, const RunRecord& r, std::span<double> out) {
    c.evaluate_series(r, out);
    C::series;
};
template <class C>
concept ProblemClass = requires { typename C::provides; };

template <class C>
struct ParamsOfT {
    using type = NoParams;
};
template <class C>
    requires requires { typename C::Params; }
struct ParamsOfT<C> {
    using type = typename C::Params;
};
template <class C>
using ParamsOf = typename ParamsOfT<C>::type;

template <class C>
int32_t kind_of() {
    if constexpr (ProblemClass<C>) return TSR_KIND_PROBLEM;
    else if constexpr (AlgorithmClass<C>) return TSR_KIND_ALGORITHM;
    else if constexpr (MetricClass<C>) return TSR_KIND_METRIC;
    else static_assert(sizeof(C) == 0, "a component is a problem (provides), an algorithm (run) or a metric (evaluate + outputs)");
}

template <class C>
struct AlgorithmServe {
    using H = Holder<C>;
    static tsr_status run(tsr_object* o, const tsr_run_context* ctx) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            Run r(ctx);
            h.impl.run(r);
        });
    }
    static const void* table() {
        static const tsr_algorithm_v1 t{&run};
        return &t;
    }
};

template <class C>
struct MetricServe {
    using H = Holder<C>;
    static tsr_status evaluate(tsr_object* o, const tsr_metric_input* in, double* out) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            RunRecord r(in);
            h.impl.evaluate(r, std::span<double>(out, std::size(C::outputs)));
        });
    }
    static const void* table() {
        static const tsr_metric_v1 t{&evaluate};
        return &t;
    }
};

// The ABI descriptors of a metric's outputs or series (static storage, built once by the caller).
template <size_t N>
std::vector<tsr_metric_output> metric_outputs(const Output (&list)[N]) {
    std::vector<tsr_metric_output> v;
    for (const Output& o : list) v.push_back(tsr_metric_output{sizeof(tsr_metric_output), o.direction, o.name, o.help});
    return v;
}

template <class C>
struct MetricSeriesServe {
    using H = Holder<C>;
    static tsr_status evaluate_series(tsr_object* o, const tsr_metric_input* in, double* out) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            RunRecord r(in);
            const size_t n = std::size(C::series) * static_cast<size_t>(std::max<int64_t>(0, in->n_trace));
            h.impl.evaluate_series(r, std::span<double>(out, n));
        });
    }
    static const void* table() {
        static const std::vector<tsr_metric_output> series = metric_outputs(C::series);
        static const tsr_metric_series_v1 t{sizeof(tsr_metric_series_v1), static_cast<uint32_t>(series.size()),
                                            series.data(), &evaluate_series};
        return &t;
    }
};

template <class C>
const void* get_interface(tsr_object*, const char* id) {
    if (!id) return nullptr;
    if constexpr (ProblemClass<C>) return ProvidesOf<C, typename C::provides>::get(id);
    else if constexpr (AlgorithmClass<C>)
        return std::string_view(id) == TSR_ALGORITHM_V1 ? AlgorithmServe<C>::table() : nullptr;
    else {
        if (std::string_view(id) == TSR_METRIC_V1) return MetricServe<C>::table();
        if constexpr (MetricSeriesClass<C>)
            if (std::string_view(id) == TSR_METRIC_SERIES_V1) return MetricSeriesServe<C>::table();
        return nullptr;
    }
}

template <class C>
struct Descriptor {
    Schema<ParamsOf<C>> schema;
    std::vector<const char*> provides, needs, wants;
    std::vector<tsr_metric_output> outputs;
    tsr_component_desc desc{};
};

template <class C>
const Descriptor<C>& descriptor();

template <class C>
tsr_status create(const tsr_component_desc*, const tsr_create_args* args, tsr_object** out, char* err,
                  uint32_t err_cap) {
    if (!out) return TSR_ERR_INVALID_ARGUMENT;
    *out = nullptr;
    std::string error;
    tsr_status s = guard(error, [&] {
        const ParamsOf<C> p = descriptor<C>().schema.parse(args);
        const uint64_t seed = args ? args->seed : 0;
        std::unique_ptr<Holder<C>> h;
        if constexpr (std::is_constructible_v<C, const ParamsOf<C>&, uint64_t>)
            h = std::make_unique<Holder<C>>(p, seed);
        else if constexpr (std::is_constructible_v<C, const ParamsOf<C>&>)
            h = std::make_unique<Holder<C>>(p);
        else
            h = std::make_unique<Holder<C>>();
        h->obj.struct_size = sizeof(tsr_object);
        h->obj.self = h.get();
        h->obj.destroy = &destroy_object<C>;
        h->obj.get_interface = &get_interface<C>;
        h->obj.copy_error = &copy_object_error<C>;
        if constexpr (requires(const C c) { c.dim(); }) h->dim = h->impl.dim();
        *out = &h.release()->obj;
    });
    if (s != TSR_OK) copy_text(error, err, err_cap);
    return s;
}

template <class C>
const Descriptor<C>& descriptor() {
    static const Descriptor<C>* storage = [] {
        auto* d = new Descriptor<C>();  // never freed: backs the descriptor while loaded
        ParamsOf<C>::schema(d->schema);
        if constexpr (ProblemClass<C>) d->provides = ProvidesOf<C, typename C::provides>::ids();
        if constexpr (requires { C::needs; })
            for (const char* n : C::needs) d->needs.push_back(n);
        if constexpr (requires { C::wants; })
            for (const char* n : C::wants) d->wants.push_back(n);
        if constexpr (MetricClass<C>) d->outputs = metric_outputs(C::outputs);
        tsr_component_desc& c = d->desc;
        c.struct_size = sizeof c;
        c.kind = kind_of<C>();
        c.id = C::info.id;
        c.version = C::info.version;
        c.summary = C::info.summary;
        c.paper = C::info.paper;
        c.params = d->schema.descs().data();
        c.n_params = static_cast<uint32_t>(d->schema.descs().size());
        c.provides = d->provides.data();
        c.n_provides = static_cast<uint32_t>(d->provides.size());
        c.needs = d->needs.data();
        c.n_needs = static_cast<uint32_t>(d->needs.size());
        c.wants = d->wants.data();
        c.n_wants = static_cast<uint32_t>(d->wants.size());
        c.outputs = d->outputs.data();
        c.n_outputs = static_cast<uint32_t>(d->outputs.size());
        c.create = &create<C>;
        return d;
    }();
    return *storage;
}

template <class C>
const tsr_component_desc* describe() {
    return &descriptor<C>().desc;
}

}  // namespace detail
}  // namespace tsr
