/*
 * tessera/iface/ground_truth.h — `tsr.ground_truth.v1`: what the evaluator knows and the
 * algorithm must not see.
 *
 * Named scalars (`f_star`, the optimal value) and arrays (`x_star`, `W_true`, `labels`) for
 * metrics. The host proxy given to algorithms does NOT serve this interface: only metrics, which
 * receive the problem itself, can read it.
 *
 * Values may be computed lazily on first request (f_star of a logistic regression is found by
 * Newton's method); the call then takes longer once.
 *
 * Arrays are borrowed: `data` stays valid and unchanged for the life of the object; `name` is
 * the caller's own `name` argument.
 */
#ifndef TESSERA_IFACE_GROUND_TRUTH_H
#define TESSERA_IFACE_GROUND_TRUTH_H

#include "../abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSR_GROUND_TRUTH_V1 "tsr.ground_truth.v1"

typedef struct tsr_ground_truth_v1 {
    /* [object] *value = the scalar called `name`; TSR_ERR_NOT_FOUND when the problem does not
     * know it (an f_star that is not cheap to compute is simply absent). */
    tsr_status (*scalar)(tsr_object* obj, const char* name, double* value);

    /* [object] Fills *out with the array called `name`; TSR_ERR_NOT_FOUND when absent. The
     * caller sets out->struct_size before the call. */
    tsr_status (*array)(tsr_object* obj, const char* name, tsr_array* out);

    /* [any] Names of the scalars and arrays available, for listing: a static NULL-terminated
     * list of strings, or NULL. */
    const char* const* (*names)(tsr_object* obj);
} tsr_ground_truth_v1;

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_IFACE_GROUND_TRUTH_H */
