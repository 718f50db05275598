/*
 * tessera/iface/bounds.h — `tsr.bounds.v1`: a closed convex feasible set C ⊂ R^d.
 *
 * Served by constrained problems. For a box, `lower`/`upper` give the bounds and `project`
 * clips; for other sets (ball, simplex) `lower`/`upper` give a bounding box (±INFINITY where
 * unbounded) and `project` is the exact Euclidean projection argmin_{y∈C} ‖y − x‖.
 *
 * Buffers are owned by the caller and hold `dim` doubles. `project` may be called in place
 * (out == x).
 *
 * Counting: the host proxy counts `project` calls as oracle units (one per call); bound queries
 * are free.
 */
#ifndef TESSERA_IFACE_BOUNDS_H
#define TESSERA_IFACE_BOUNDS_H

#include "../abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSR_BOUNDS_V1 "tsr.bounds.v1"

#define TSR_SET_BOX   1 /* C = [lower, upper]: project clips                         */
#define TSR_SET_OTHER 2 /* any closed convex set: lower/upper is a bounding box only */

typedef struct tsr_bounds_v1 {
    /* [any] Dimension d. */
    int64_t (*dim)(tsr_object* obj);

    /* [any] TSR_SET_BOX or TSR_SET_OTHER. */
    int32_t (*set_kind)(tsr_object* obj);

    /* [object] Writes the lower and upper bounds (each d doubles, ±INFINITY allowed). */
    tsr_status (*bounds)(tsr_object* obj, double* lower, double* upper);

    /* [object] out = Π_C(x). */
    tsr_status (*project)(tsr_object* obj, const double* x, double* out);
} tsr_bounds_v1;

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_IFACE_BOUNDS_H */
