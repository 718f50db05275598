/*
 * tessera/iface/objective.h — `tsr.objective.v1`: a smooth function f: R^d -> R.
 *
 * The interface of smooth optimization problems (quadratics, Rosenbrock, regression losses seen
 * as one function). An algorithm that needs it asks the problem (in practice the host proxy)
 * for the table once, at the start of its run, and then calls it in its loop:
 *
 *     const tsr_objective_v1* f = ctx->problem->get_interface(ctx->problem, TSR_OBJECTIVE_V1);
 *     int64_t d = f->dim(ctx->problem);                   // once
 *     f->initial_point(ctx->problem, x);                  // x0 of the instance
 *     f->value_gradient(ctx->problem, x, &fx, g);         // per iteration
 *
 * Buffers are always owned by the caller and hold `dim` doubles (or m*dim for batches, row-major:
 * point i occupies x[i*dim .. i*dim+dim-1]). The callee never keeps a pointer to them.
 *
 * Counting: the host proxy counts one unit per point for value, value_gradient and
 * hessian_vector (a batch of m points counts m), separately per function.
 *
 * Status: TSR_OK; TSR_BUDGET_EXHAUSTED from the proxy when the evaluation budget is spent (the
 * output is then untouched); TSR_ERR_UNSUPPORTED for an optional function that is absent.
 * A non-finite value is not an error: the host records the run as diverged.
 */
#ifndef TESSERA_IFACE_OBJECTIVE_H
#define TESSERA_IFACE_OBJECTIVE_H

#include "../abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSR_OBJECTIVE_V1 "tsr.objective.v1"

typedef struct tsr_objective_v1 {
    /* [any] Dimension d of x. Constant over the object's life. */
    int64_t (*dim)(tsr_object* obj);

    /* [object] Writes the instance's starting point into x0[0..d-1]. */
    tsr_status (*initial_point)(tsr_object* obj, double* x0);

    /* [object] *f = f(x). */
    tsr_status (*value)(tsr_object* obj, const double* x, double* f);

    /* [object] g = ∇f(x), and *f = f(x) when `f` is not NULL (computing both together is
     * usually cheaper). */
    tsr_status (*value_gradient)(tsr_object* obj, const double* x, double* f, double* g);

    /* [object] f[i] = f(X_i) for the m points X (m*d doubles, row-major). Problems may evaluate
     * the points in parallel internally. */
    tsr_status (*value_batch)(tsr_object* obj, int64_t m, const double* X, double* f);

    /* [object] hv = ∇²f(x) v. NULL when the problem has no Hessian-vector product. */
    tsr_status (*hessian_vector)(tsr_object* obj, const double* x, const double* v, double* hv);
} tsr_objective_v1;

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_IFACE_OBJECTIVE_H */
