// tessera/sdk/serve_operator.hpp — serving tsr.operator.v1 (iface/operator.h): a monotone
// inclusion 0 ∈ F(u) + G(u), F = (1/n) Σ_i F_i.
//
//   tsr::Operator     int64_t dim() const; int64_t n_components() const;
//                     tsr_operator_properties properties() const;   (struct_size set by the SDK)
//                     void initial_point(tsr::VecMap u0) const;
//                     void value(tsr::CVecMap u, tsr::VecMap Fu);                  // F(u)
//                     void batch(tsr::CVecMap u, std::span<const int64_t> idx, tsr::VecMap out);
//                                          // (1/m) Σ F_idx[r](u); idx checked: m > 0, in [0, n)
//                     void resolvent(tsr::CVecMap u, double eta, tsr::VecMap out);
//                                          // J_{ηG}(u); eta > 0 checked; out may alias u
#pragma once

#include <cmath>

#include "../iface/operator.h"
#include "serve.hpp"

namespace tsr {

struct Operator {};

namespace detail {

template <class C>
concept OperatorProblem = requires(C c, const C cc, CVecMap u, VecMap out, std::span<const int64_t> idx) {
    { cc.dim() } -> std::convertible_to<int64_t>;
    { cc.n_components() } -> std::convertible_to<int64_t>;
    { cc.properties() } -> std::convertible_to<tsr_operator_properties>;
    cc.initial_point(out);
    c.value(u, out);
    c.batch(u, idx, out);
    c.resolvent(u, 1.0, out);
};

template <class C>
struct Serve<Operator, C> {
    static_assert(OperatorProblem<C>,
                  "tsr::Operator needs dim(), n_components(), properties(), initial_point(u0), value(u, Fu), "
                  "batch(u, idx, out), resolvent(u, eta, out)");
    static constexpr const char* id = TSR_OPERATOR_V1;
    using H = Holder<C>;

    static int64_t dim(tsr_object* o) { return H::of(o).dim; }
    static int64_t n_components(tsr_object* o) { return H::of(o).impl.n_components(); }
    // [any] and void: a throwing properties() leaves the caller's fields as they were.
    static void properties(tsr_object* o, tsr_operator_properties* out) {
        if (!out) return;
        try {
            tsr_operator_properties p = H::of(o).impl.properties();
            write_growable(out, p);
        } catch (...) {
        }
    }
    static tsr_status initial_point(tsr_object* o, double* u0) {
        H& h = H::of(o);
        return guard(h.error, [&] { h.impl.initial_point(VecMap(u0, h.dim)); });
    }
    static tsr_status value(tsr_object* o, const double* u, double* Fu) {
        H& h = H::of(o);
        return guard(h.error, [&] { h.impl.value(CVecMap(u, h.dim), VecMap(Fu, h.dim)); });
    }
    static tsr_status batch(tsr_object* o, const double* u, int64_t m, const int64_t* idx, double* out) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            check_terms(m, idx, h.impl.n_components(), "component");
            h.impl.batch(CVecMap(u, h.dim), std::span<const int64_t>(idx, static_cast<size_t>(m)),
                         VecMap(out, h.dim));
        });
    }
    static tsr_status resolvent(tsr_object* o, const double* u, double eta, double* out) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            if (!(eta > 0) || !std::isfinite(eta))
                throw InvalidArgument("resolvent: eta = " + std::to_string(eta) + " is not a positive number");
            h.impl.resolvent(CVecMap(u, h.dim), eta, VecMap(out, h.dim));
        });
    }
    static const void* table() {
        static const tsr_operator_v1 t{&dim, &n_components, &properties, &initial_point, &value, &batch, &resolvent};
        return &t;
    }
};

}  // namespace detail
}  // namespace tsr
