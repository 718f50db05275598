// tessera/sdk/serve_coordinate.hpp — serving tsr.coordinate.v1 (iface/coordinate.h): the oracles
// of block coordinate descent on F(x) = f(x) + λ‖x‖₁.
//
//   tsr::Coordinate   int64_t dim() const; double l1_weight() const;
//                     void gradient(tsr::CVecMap x, tsr::VecMap g);                   // ∇f(x)
//                     void block_gradient(tsr::CVecMap x, std::span<const int64_t> idx, tsr::VecMap gb);
//                     void coordinate_lipschitz(tsr::VecMap L);            // L_j ≥ sup ∂²f/∂x_j²
//                     void block_bound(std::span<const int64_t> idx, tsr::RowMatMap M);  // M ⪰ ∇²_bb f
//                     void block_hessian(tsr::CVecMap x, std::span<const int64_t> idx, tsr::RowMatMap H);
//                     optional: std::span<const int64_t> hessian_pattern() const;
//                               // flattened (i, j) pairs, i < j, borrowed for the object's life
// idx is checked (m > 0, distinct, each in [0, dim)) before the problem sees it; gb is m long,
// M and H are m × m.
#pragma once

#include "../iface/coordinate.h"
#include "serve.hpp"

namespace tsr {

struct Coordinate {};

namespace detail {

template <class C>
concept CoordinateProblem = requires(C c, const C cc, CVecMap x, VecMap out, std::span<const int64_t> idx,
                                     RowMatMap M) {
    { cc.dim() } -> std::convertible_to<int64_t>;
    { cc.l1_weight() } -> std::convertible_to<double>;
    c.gradient(x, out);
    c.block_gradient(x, idx, out);
    c.coordinate_lipschitz(out);
    c.block_bound(idx, M);
    c.block_hessian(x, idx, M);
};
template <class C>
concept HasHessianPattern = requires(const C cc) {
    { cc.hessian_pattern() } -> std::convertible_to<std::span<const int64_t>>;
};

template <class C>
struct Serve<Coordinate, C> {
    static_assert(CoordinateProblem<C>,
                  "tsr::Coordinate needs dim(), l1_weight(), gradient(x, g), block_gradient(x, idx, gb), "
                  "coordinate_lipschitz(L), block_bound(idx, M), block_hessian(x, idx, H)");
    static constexpr const char* id = TSR_COORDINATE_V1;
    using H = Holder<C>;

    static int64_t dim(tsr_object* o) { return H::of(o).dim; }
    static double l1_weight(tsr_object* o) { return H::of(o).impl.l1_weight(); }
    static std::span<const int64_t> block(H& h, int64_t m, const int64_t* idx) {
        check_block(m, idx, h.dim);
        return {idx, static_cast<size_t>(m)};
    }
    static tsr_status gradient(tsr_object* o, const double* x, double* g) {
        H& h = H::of(o);
        return guard(h.error, [&] { h.impl.gradient(CVecMap(x, h.dim), VecMap(g, h.dim)); });
    }
    static tsr_status block_gradient(tsr_object* o, const double* x, int64_t m, const int64_t* idx, double* gb) {
        H& h = H::of(o);
        return guard(h.error, [&] { h.impl.block_gradient(CVecMap(x, h.dim), block(h, m, idx), VecMap(gb, m)); });
    }
    static tsr_status coordinate_lipschitz(tsr_object* o, double* L) {
        H& h = H::of(o);
        return guard(h.error, [&] { h.impl.coordinate_lipschitz(VecMap(L, h.dim)); });
    }
    static tsr_status block_bound(tsr_object* o, int64_t m, const int64_t* idx, double* M) {
        H& h = H::of(o);
        return guard(h.error, [&] { h.impl.block_bound(block(h, m, idx), RowMatMap(M, m, m)); });
    }
    static tsr_status block_hessian(tsr_object* o, const double* x, int64_t m, const int64_t* idx, double* Hb) {
        H& h = H::of(o);
        return guard(h.error, [&] { h.impl.block_hessian(CVecMap(x, h.dim), block(h, m, idx), RowMatMap(Hb, m, m)); });
    }
    // [any] and void: a throwing hessian_pattern() reads as "no pattern".
    static void hessian_pattern(tsr_object* o, int64_t* n_pairs, const int64_t** pairs) {
        std::span<const int64_t> p;
        try {
            p = H::of(o).impl.hessian_pattern();
        } catch (...) {
            p = {};
        }
        if (n_pairs) *n_pairs = static_cast<int64_t>(p.size() / 2);
        if (pairs) *pairs = p.data();
    }
    static const void* table() {
        static const tsr_coordinate_v1 t = [] {
            tsr_coordinate_v1 c{&dim, &l1_weight, &gradient, &block_gradient, &coordinate_lipschitz,
                                &block_bound, &block_hessian, nullptr};
            if constexpr (HasHessianPattern<C>) c.hessian_pattern = &hessian_pattern;
            return c;
        }();
        return &t;
    }
};

}  // namespace detail
}  // namespace tsr
