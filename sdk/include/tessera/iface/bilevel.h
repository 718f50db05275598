/*
 * tessera/iface/bilevel.h — `tsr.bilevel.v1`: a bilevel problem
 *
 *     min_{x ∈ X}  φ(x) = f(x, y*(x))     with  y*(x) ∈ argmin_{y ∈ Y} g(x, y),
 *
 * upper-level f and lower-level g smooth, X and Y closed convex sets. The lower-level solution
 * may be non-unique (g only convex, or nonconvex, in y); then φ is defined by the problem (the
 * optimistic value min over the solution set is the usual choice) and served to metrics, with
 * what the problem knows of it, through `tsr.ground_truth.v1`.
 *
 * Both levels may be finite sums, f = (1/n_f) Σ f_i and g = (1/n_g) Σ g_j, for stochastic
 * methods: a call with m > 0 indices evaluates the minibatch mean, a call with m == 0 (idx NULL)
 * the full function. Deterministic problems have n_f = n_g = 1.
 *
 * Scenario — one iteration of a penalty method on ψ_σ(x, y) = σ f + g − min_z g:
 *
 *     b->lower(obj, x, z, 0, NULL, NULL, NULL, gz);          // steps on z for g(x, ·)
 *     b->project_y(obj, z, z);
 *     b->upper(obj, x, y, 0, NULL, &f, fx, fy);               // steps on y for σf + g
 *     b->lower(obj, x, y, 0, NULL, &g, gx, gy);
 *     b->lower(obj, x, z, 0, NULL, NULL, gxz, NULL);          // x step: σ fx + gx − gxz
 *     b->project_x(obj, x, x);
 *
 * Implicit (AID) and unrolled (ITD) methods also need second derivatives of g:
 * `lower_hvp` gives ∇²_yy g · v and ∇²_xy g · v = ∇_x ⟨∇_y g(x, y), v⟩.
 *
 * Buffers are owned by the caller: x-sized buffers hold dim_x doubles, y-sized ones dim_y.
 * Every output pointer of `upper`, `lower` and `lower_hvp` may be NULL (not wanted).
 * Projections may be called in place.
 *
 * Counting: the proxy counts oracle units separately for upper, lower and lower_hvp: m per call
 * with m > 0, n_f (upper) or n_g (lower) for a full call, 1 per lower_hvp call (full batch).
 * Projections are counted as calls, not oracle units.
 * Status: TSR_OK; TSR_BUDGET_EXHAUSTED; TSR_ERR_INVALID_ARGUMENT for an index out of range or
 * m < 0.
 */
#ifndef TESSERA_IFACE_BILEVEL_H
#define TESSERA_IFACE_BILEVEL_H

#include "../abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSR_BILEVEL_V1 "tsr.bilevel.v1"

typedef struct tsr_bilevel_v1 {
    /* [any] Dimensions of x (upper variable) and y (lower variable). Constant. */
    int64_t (*dim_x)(tsr_object* obj);
    int64_t (*dim_y)(tsr_object* obj);

    /* [any] Number of terms of f and of g (1 for deterministic problems). Constant. */
    int64_t (*n_upper)(tsr_object* obj);
    int64_t (*n_lower)(tsr_object* obj);

    /* [object] Writes the instance's starting points (feasible). */
    tsr_status (*initial_point)(tsr_object* obj, double* x0, double* y0);

    /* [object] *f = f(x, y), fx = ∇_x f, fy = ∇_y f, over the m terms idx (m == 0: all). */
    tsr_status (*upper)(tsr_object* obj, const double* x, const double* y, int64_t m,
                        const int64_t* idx, double* f, double* fx, double* fy);

    /* [object] *g = g(x, y), gx = ∇_x g, gy = ∇_y g, over the m terms idx (m == 0: all). */
    tsr_status (*lower)(tsr_object* obj, const double* x, const double* y, int64_t m,
                        const int64_t* idx, double* g, double* gx, double* gy);

    /* [object] hyy = ∇²_yy g(x, y) v (dim_y) and hxy = ∇²_xy g(x, y) v (dim_x), full g. */
    tsr_status (*lower_hvp)(tsr_object* obj, const double* x, const double* y, const double* v,
                            double* hyy, double* hxy);

    /* [object] out = Π_X(x), out = Π_Y(y). */
    tsr_status (*project_x)(tsr_object* obj, const double* x, double* out);
    tsr_status (*project_y)(tsr_object* obj, const double* y, double* out);
} tsr_bilevel_v1;

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_IFACE_BILEVEL_H */
