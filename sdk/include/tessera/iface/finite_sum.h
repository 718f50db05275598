/*
 * tessera/iface/finite_sum.h — `tsr.finite_sum.v1`: f(x) = (1/n) Σ_i f_i(x).
 *
 * The interface of stochastic optimization: an algorithm draws minibatches of term indices from
 * its run seed and asks for the value or gradient of the minibatch mean
 *
 *     f_B(x) = (1/|B|) Σ_{i∈B} f_i(x).
 *
 * Regularizers belong to every term (f_i includes λ/2‖x‖² for L2-regularized losses), so that the
 * full mean over all n indices equals the full objective. Problems serving this interface
 * usually serve `tsr.objective.v1` too, for the full objective.
 *
 * Buffers are owned by the caller: x and g hold `dim` doubles, idx holds m indices in [0, n).
 * Indices may repeat (sampling with replacement).
 *
 * Counting: the host proxy counts m units per call (one per term).
 * Status: TSR_OK; TSR_BUDGET_EXHAUSTED from the proxy; TSR_ERR_INVALID_ARGUMENT for an index out
 * of range or m <= 0.
 */
#ifndef TESSERA_IFACE_FINITE_SUM_H
#define TESSERA_IFACE_FINITE_SUM_H

#include "../abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSR_FINITE_SUM_V1 "tsr.finite_sum.v1"

typedef struct tsr_finite_sum_v1 {
    /* [any] Dimension d of x. Constant. */
    int64_t (*dim)(tsr_object* obj);

    /* [any] Number of terms n. Constant. */
    int64_t (*n_terms)(tsr_object* obj);

    /* [object] *f = f_B(x) for the m indices idx. */
    tsr_status (*batch_value)(tsr_object* obj, const double* x, int64_t m, const int64_t* idx,
                              double* f);

    /* [object] g = ∇f_B(x), and *f = f_B(x) when f is not NULL. */
    tsr_status (*batch_value_gradient)(tsr_object* obj, const double* x, int64_t m,
                                       const int64_t* idx, double* f, double* g);
} tsr_finite_sum_v1;

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_IFACE_FINITE_SUM_H */
