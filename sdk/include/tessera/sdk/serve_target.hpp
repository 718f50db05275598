// tessera/sdk/serve_target.hpp — serving tsr.target.v1 (iface/target.h): a loss with target
// structure L(θ) = (1/n) Σ_i ℓ_i(f_i(θ)) + (λ/2)‖θ‖², targets z_i = f_i(θ) ∈ R^k.
//
//   tsr::Target       int64_t dim() const; int64_t n_terms() const; int64_t target_width() const;
//                     double l2_weight() const;
//                     void targets(tsr::CVecMap theta, std::span<const int64_t> idx, tsr::RowMatMap z);
//                                          // z (m × k): row r = f_idx[r](θ)          (cheap)
//                     void target_vjp(tsr::CVecMap theta, std::span<const int64_t> idx,
//                                     tsr::CRowMatMap v, tsr::VecMap out);
//                                          // out = (1/m) Σ_r J_idx[r](θ)ᵀ v_r, no λθ    (cheap)
//                     double loss_gradient(std::span<const int64_t> idx, tsr::CRowMatMap z,
//                                          tsr::RowMatMap gz);
//                                          // (1/m) Σ_r ℓ_idx[r](z_r); gz row r = ∇ℓ_idx[r](z_r)
//                                          // (not divided by m); gz is an optional output (expensive)
// idx is checked (m > 0, each in [0, n)) before the problem sees it.
#pragma once

#include "../iface/target.h"
#include "serve.hpp"

namespace tsr {

struct Target {};

namespace detail {

template <class C>
concept TargetProblem = requires(C c, const C cc, CVecMap x, VecMap out, std::span<const int64_t> idx,
                                 RowMatMap z, CRowMatMap v) {
    { cc.dim() } -> std::convertible_to<int64_t>;
    { cc.n_terms() } -> std::convertible_to<int64_t>;
    { cc.target_width() } -> std::convertible_to<int64_t>;
    { cc.l2_weight() } -> std::convertible_to<double>;
    c.targets(x, idx, z);
    c.target_vjp(x, idx, v, out);
    { c.loss_gradient(idx, v, z) } -> std::convertible_to<double>;
};

template <class C>
struct Serve<Target, C> {
    static_assert(TargetProblem<C>,
                  "tsr::Target needs dim(), n_terms(), target_width(), l2_weight(), targets(theta, idx, z), "
                  "target_vjp(theta, idx, v, out), loss_gradient(idx, z, gz) -> double");
    static constexpr const char* id = TSR_TARGET_V1;
    using H = Holder<C>;

    static int64_t dim(tsr_object* o) { return H::of(o).dim; }
    static int64_t n_terms(tsr_object* o) { return H::of(o).impl.n_terms(); }
    static int64_t target_width(tsr_object* o) { return H::of(o).impl.target_width(); }
    static double l2_weight(tsr_object* o) { return H::of(o).impl.l2_weight(); }
    static std::span<const int64_t> terms(H& h, int64_t m, const int64_t* idx) {
        check_terms(m, idx, h.impl.n_terms());
        return {idx, static_cast<size_t>(m)};
    }
    static tsr_status targets(tsr_object* o, const double* theta, int64_t m, const int64_t* idx, double* z) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            h.impl.targets(CVecMap(theta, h.dim), terms(h, m, idx), RowMatMap(z, m, h.impl.target_width()));
        });
    }
    static tsr_status target_vjp(tsr_object* o, const double* theta, int64_t m, const int64_t* idx,
                                 const double* v, double* out) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            h.impl.target_vjp(CVecMap(theta, h.dim), terms(h, m, idx), CRowMatMap(v, m, h.impl.target_width()),
                              VecMap(out, h.dim));
        });
    }
    static tsr_status loss_gradient(tsr_object* o, int64_t m, const int64_t* idx, const double* z, double* loss,
                                    double* gz) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            const std::span<const int64_t> b = terms(h, m, idx);
            const int64_t k = h.impl.target_width();
            const double l = h.impl.loss_gradient(b, CRowMatMap(z, m, k), gz ? RowMatMap(gz, m, k) : RowMatMap(nullptr, 0, 0));
            if (loss) *loss = l;
        });
    }
    static const void* table() {
        static const tsr_target_v1 t{&dim, &n_terms, &target_width, &l2_weight, &targets, &target_vjp, &loss_gradient};
        return &t;
    }
};

}  // namespace detail
}  // namespace tsr
