/*
 * tessera/iface/operator.h — `tsr.operator.v1`: a monotone inclusion 0 ∈ F(u) + G(u).
 *
 * F: R^d -> R^d is monotone and Lipschitz, and a finite sum F = (1/n) Σ_i F_i of component
 * operators; G is the subdifferential of a closed convex function, most often the normal cone of
 * a closed convex set C, whose resolvent J_{ηG} = (I + ηG)^{-1} is then the projection Π_C.
 * Min-max problems min_x max_y φ(x, y) are served as u = (x, y), F = (∇_x φ, −∇_y φ).
 *
 * Scenario — a variance-reduced method estimates F from components and takes a resolvent step:
 *
 *     const tsr_operator_v1* op = problem->get_interface(problem, TSR_OPERATOR_V1);
 *     int64_t d = op->dim(problem), n = op->n_components(problem);    // once
 *     tsr_operator_properties pr = {sizeof pr};  op->properties(problem, &pr);
 *     op->initial_point(problem, u0);
 *     op->value(problem, u, Fu);                     // full F(u): n component evaluations
 *     op->batch(problem, u, m, idx, Fb);             // (1/m) Σ_{i∈idx} F_i(u): m evaluations
 *     op->resolvent(problem, v, eta, u_next);        // J_{ηG}(v)
 *
 * A known solution u* (where one is cheap) is served through `tsr.ground_truth.v1` as the array
 * "x_star", for metrics only.
 *
 * Buffers are owned by the caller and hold `dim` doubles; idx holds m indices in [0, n), which
 * may repeat. `resolvent` may be called in place (out == u).
 *
 * Counting: the host proxy counts component evaluations as oracle units: `value` counts n,
 * `batch` counts m. `resolvent` calls are counted as calls but are not oracle units (they are
 * projections, cheap next to F), so "component oracle calls" is the sum of the first two.
 * Status: TSR_OK; TSR_BUDGET_EXHAUSTED from the proxy; TSR_ERR_INVALID_ARGUMENT for an index
 * out of range, m <= 0 or eta <= 0.
 */
#ifndef TESSERA_IFACE_OPERATOR_H
#define TESSERA_IFACE_OPERATOR_H

#include "../abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSR_OPERATOR_V1 "tsr.operator.v1"

/* What the problem knows about F. Growable: the caller sets struct_size; the callee writes only
 * the fields that fit. Unknown constants are written as 0. */
typedef struct tsr_operator_properties {
    uint32_t struct_size;
    /* 1 when F is (1/L)-cocoercive (for instance F = ∇h of a convex L-smooth h), else 0. */
    int32_t cocoercive;
    /* L: ‖F(u) − F(v)‖ ≤ L ‖u − v‖. */
    double lipschitz;
    /* L̂, the mean-square Lipschitz constant of the components:
     * (1/n) Σ_i ‖F_i(u) − F_i(v)‖² ≤ L̂² ‖u − v‖². Variance-reduced step sizes use it. */
    double mean_square_lipschitz;
} tsr_operator_properties;

typedef struct tsr_operator_v1 {
    /* [any] Dimension d of u. Constant. */
    int64_t (*dim)(tsr_object* obj);

    /* [any] Number of components n. Constant. */
    int64_t (*n_components)(tsr_object* obj);

    /* [any] Fills *out (see tsr_operator_properties). */
    void (*properties)(tsr_object* obj, tsr_operator_properties* out);

    /* [object] Writes the instance's starting point u0 (feasible: J_{ηG}(u0) = u0). */
    tsr_status (*initial_point)(tsr_object* obj, double* u0);

    /* [object] Fu = F(u) = (1/n) Σ_i F_i(u). */
    tsr_status (*value)(tsr_object* obj, const double* u, double* Fu);

    /* [object] out = (1/m) Σ_{k<m} F_{idx[k]}(u). */
    tsr_status (*batch)(tsr_object* obj, const double* u, int64_t m, const int64_t* idx, double* out);

    /* [object] out = J_{ηG}(u) = argmin_v { ηG-part(v) + ½‖v − u‖² } (Π_C(u) for a set C). */
    tsr_status (*resolvent)(tsr_object* obj, const double* u, double eta, double* out);
} tsr_operator_v1;

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_IFACE_OPERATOR_H */
