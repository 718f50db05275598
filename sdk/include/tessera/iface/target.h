/*
 * tessera/iface/target.h — `tsr.target.v1`: a loss with target structure,
 *
 *     L(θ) = (1/n) Σ_i ℓ_i(f_i(θ)) + (λ/2)‖θ‖²,     f_i: R^d -> R^k,  ℓ_i: R^k -> R,
 *
 * where z_i = f_i(θ) is the i-th "target" (a model's k outputs on example i: logits of a linear
 * or small neural model) and ℓ_i the loss on it. Target-based surrogate methods (SSO) separate
 * the two costs this interface counts apart:
 *   - the EXPENSIVE oracle ∇_z ℓ (in the paper's setting: a simulator, a data pass, a labeler),
 *   - the CHEAP model calls f_i(θ) and J_i(θ)ᵀ v that inner surrogate steps need.
 *
 * Scenario — one SSO outer step on a minibatch B of m terms:
 *
 *     t->targets(obj, theta, m, idx, z);              // z_t = f_B(θ_t)              (cheap)
 *     t->loss_gradient(obj, m, idx, z, &l, gz);       // g_t = ∇_z ℓ_B(z_t)         (expensive)
 *     for inner steps:                                // surrogate in θ, z_t and g_t fixed
 *         t->targets(obj, theta, m, idx, z_new);      // f_B(θ)                      (cheap)
 *         t->target_vjp(obj, theta, m, idx, v, grad); // (1/m) Σ J_i(θ)ᵀ v_i          (cheap)
 *
 * The full loss L(θ) and its gradient are also served by `tsr.objective.v1` and minibatch
 * gradients by `tsr.finite_sum.v1` on the same problem (those count as expensive too: they need
 * ∇ℓ), so target methods and plain SGD run on one instance.
 *
 * Layout: z, v and gz are m × k row-major (row r belongs to term idx[r]); θ and `out` hold d
 * doubles. Buffers are owned by the caller.
 *
 * Counting: the proxy counts m units per call, separately for targets, target_vjp and
 * loss_gradient, so "expensive gradient calls" is the loss_gradient count (plus the
 * finite_sum / objective gradient counts of methods that use those).
 * Status: TSR_OK; TSR_BUDGET_EXHAUSTED; TSR_ERR_INVALID_ARGUMENT for an index out of range or
 * m <= 0.
 */
#ifndef TESSERA_IFACE_TARGET_H
#define TESSERA_IFACE_TARGET_H

#include "../abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSR_TARGET_V1 "tsr.target.v1"

typedef struct tsr_target_v1 {
    /* [any] Dimension d of θ. Constant. */
    int64_t (*dim)(tsr_object* obj);

    /* [any] Number of terms n. Constant. */
    int64_t (*n_terms)(tsr_object* obj);

    /* [any] Width k of one target z_i. Constant. */
    int64_t (*target_width)(tsr_object* obj);

    /* [any] λ of the (λ/2)‖θ‖² term (0 when there is none). Constant. */
    double (*l2_weight)(tsr_object* obj);

    /* [object] z (m × k) = f_i(θ) for the m terms idx. Cheap. */
    tsr_status (*targets)(tsr_object* obj, const double* theta, int64_t m, const int64_t* idx,
                          double* z);

    /* [object] out (d) = (1/m) Σ_r J_{idx[r]}(θ)ᵀ v_r, v being m × k. Cheap. Does not include the
     * regularizer's gradient λθ. */
    tsr_status (*target_vjp)(tsr_object* obj, const double* theta, int64_t m, const int64_t* idx,
                             const double* v, double* out);

    /* [object] *loss = (1/m) Σ_r ℓ_{idx[r]}(z_r) (without the regularizer), and, when gz is not
     * NULL, gz (m × k) row r = ∇ℓ_{idx[r]}(z_r) (not divided by m). Expensive. */
    tsr_status (*loss_gradient)(tsr_object* obj, int64_t m, const int64_t* idx, const double* z,
                                double* loss, double* gz);
} tsr_target_v1;

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_IFACE_TARGET_H */
