// tessera/sdk/serve_bilevel.hpp — serving tsr.bilevel.v1 (iface/bilevel.h):
// min_{x∈X} f(x, y*(x)), y*(x) ∈ argmin_{y∈Y} g(x, y); f = (1/n_f) Σ f_i, g = (1/n_g) Σ g_j.
//
//   tsr::Bilevel      int64_t dim_x() const; int64_t dim_y() const;
//                     int64_t n_upper() const; int64_t n_lower() const;
//                     void initial_point(tsr::VecMap x0, tsr::VecMap y0) const;
//                     double upper(tsr::CVecMap x, tsr::CVecMap y, std::span<const int64_t> idx,
//                                  tsr::VecMap fx, tsr::VecMap fy);   // f; ∇_x f, ∇_y f
//                     double lower(tsr::CVecMap x, tsr::CVecMap y, std::span<const int64_t> idx,
//                                  tsr::VecMap gx, tsr::VecMap gy);   // g; ∇_x g, ∇_y g
//                                          // idx empty: the full function; else the mean over
//                                          // idx (checked: each in [0, n_upper) / [0, n_lower))
//                     void lower_hvp(tsr::CVecMap x, tsr::CVecMap y, tsr::CVecMap v,
//                                    tsr::VecMap hyy, tsr::VecMap hxy); // ∇²_yy g v, ∇²_xy g v (full g)
//                     void project_x(tsr::CVecMap x, tsr::VecMap out);   // Π_X, may alias
//                     void project_y(tsr::CVecMap y, tsr::VecMap out);   // Π_Y, may alias
// fx, fy, gx, gy, hyy and hxy are optional outputs (data() == nullptr when not wanted).
#pragma once

#include "../iface/bilevel.h"
#include "serve.hpp"

namespace tsr {

struct Bilevel {};

namespace detail {

template <class C>
concept BilevelProblem = requires(C c, const C cc, CVecMap x, VecMap out, std::span<const int64_t> idx) {
    { cc.dim_x() } -> std::convertible_to<int64_t>;
    { cc.dim_y() } -> std::convertible_to<int64_t>;
    { cc.n_upper() } -> std::convertible_to<int64_t>;
    { cc.n_lower() } -> std::convertible_to<int64_t>;
    cc.initial_point(out, out);
    { c.upper(x, x, idx, out, out) } -> std::convertible_to<double>;
    { c.lower(x, x, idx, out, out) } -> std::convertible_to<double>;
    c.lower_hvp(x, x, x, out, out);
    c.project_x(x, out);
    c.project_y(x, out);
};

// An optional output: a zero-size map when the caller passed NULL.
inline VecMap optional_out(double* p, int64_t n) { return p ? VecMap(p, n) : VecMap(nullptr, 0); }

template <class C>
struct Serve<Bilevel, C> {
    static_assert(BilevelProblem<C>,
                  "tsr::Bilevel needs dim_x(), dim_y(), n_upper(), n_lower(), initial_point(x0, y0), "
                  "upper(x, y, idx, fx, fy), lower(x, y, idx, gx, gy), lower_hvp(x, y, v, hyy, hxy), "
                  "project_x(x, out), project_y(y, out)");
    static constexpr const char* id = TSR_BILEVEL_V1;
    using H = Holder<C>;

    static int64_t dim_x(tsr_object* o) { return H::of(o).impl.dim_x(); }
    static int64_t dim_y(tsr_object* o) { return H::of(o).impl.dim_y(); }
    static int64_t n_upper(tsr_object* o) { return H::of(o).impl.n_upper(); }
    static int64_t n_lower(tsr_object* o) { return H::of(o).impl.n_lower(); }
    // m == 0 (idx may be NULL): the full function, an empty span.
    static std::span<const int64_t> terms(int64_t m, const int64_t* idx, int64_t n) {
        if (m < 0) throw InvalidArgument("minibatch size m = " + std::to_string(m) + " is negative");
        if (m == 0) return {};
        check_terms(m, idx, n);
        return {idx, static_cast<size_t>(m)};
    }
    static tsr_status initial_point(tsr_object* o, double* x0, double* y0) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            h.impl.initial_point(VecMap(x0, h.impl.dim_x()), VecMap(y0, h.impl.dim_y()));
        });
    }
    static tsr_status upper(tsr_object* o, const double* x, const double* y, int64_t m, const int64_t* idx,
                            double* f, double* fx, double* fy) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            const int64_t dx = h.impl.dim_x(), dy = h.impl.dim_y();
            const double v = h.impl.upper(CVecMap(x, dx), CVecMap(y, dy), terms(m, idx, h.impl.n_upper()),
                                          optional_out(fx, dx), optional_out(fy, dy));
            if (f) *f = v;
        });
    }
    static tsr_status lower(tsr_object* o, const double* x, const double* y, int64_t m, const int64_t* idx,
                            double* g, double* gx, double* gy) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            const int64_t dx = h.impl.dim_x(), dy = h.impl.dim_y();
            const double v = h.impl.lower(CVecMap(x, dx), CVecMap(y, dy), terms(m, idx, h.impl.n_lower()),
                                          optional_out(gx, dx), optional_out(gy, dy));
            if (g) *g = v;
        });
    }
    static tsr_status lower_hvp(tsr_object* o, const double* x, const double* y, const double* v, double* hyy,
                                double* hxy) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            const int64_t dx = h.impl.dim_x(), dy = h.impl.dim_y();
            h.impl.lower_hvp(CVecMap(x, dx), CVecMap(y, dy), CVecMap(v, dy), optional_out(hyy, dy),
                             optional_out(hxy, dx));
        });
    }
    static tsr_status project_x(tsr_object* o, const double* x, double* out) {
        H& h = H::of(o);
        return guard(h.error, [&] { h.impl.project_x(CVecMap(x, h.impl.dim_x()), VecMap(out, h.impl.dim_x())); });
    }
    static tsr_status project_y(tsr_object* o, const double* y, double* out) {
        H& h = H::of(o);
        return guard(h.error, [&] { h.impl.project_y(CVecMap(y, h.impl.dim_y()), VecMap(out, h.impl.dim_y())); });
    }
    static const void* table() {
        static const tsr_bilevel_v1 t{&dim_x, &dim_y, &n_upper, &n_lower, &initial_point,
                                      &upper, &lower, &lower_hvp, &project_x, &project_y};
        return &t;
    }
};

}  // namespace detail
}  // namespace tsr
