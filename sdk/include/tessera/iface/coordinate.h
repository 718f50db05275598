/*
 * tessera/iface/coordinate.h — `tsr.coordinate.v1`: the oracles of block coordinate descent on
 *
 *     F(x) = f(x) + λ ‖x‖₁,       f smooth (twice differentiable), λ ≥ 0,
 *
 * served beside `tsr.objective.v1`, whose `value` is F (with the L1 term) and whose
 * `value_gradient`, when present, is for λ = 0 only.
 *
 * Block methods pick a block b of coordinates by a rule (cyclic, random, Lipschitz sampling,
 * Gauss-Southwell variants that read the whole gradient) and update it with a step that needs
 * one of: coordinate Lipschitz constants L_j (1/L steps), a fixed bound matrix M_b ⪰ ∇²_bb f(x)
 * for all x ("Lipschitz-matrix" steps), or the block Hessian ∇²_bb f(x) (Newton steps).
 *
 * Scenario — greedy Gauss-Southwell-Lipschitz with a matrix update:
 *
 *     c->coordinate_lipschitz(obj, L);               // once
 *     loop: c->gradient(obj, x, g);                  // ∇f(x)
 *           pick b = the τ coordinates of largest g_j² / L_j
 *           c->block_bound(obj, τ, b, M);            // M_b, τ × τ
 *           x_b -= M_b⁻¹ g_b
 *
 * Graph-structured problems (label propagation) also publish their Hessian's sparsity pattern,
 * so that methods can choose forest-structured blocks and solve Newton steps by message passing.
 *
 * Buffers are owned by the caller: x, g and L hold `dim` doubles; idx holds m distinct indices
 * in [0, dim); gb holds m doubles; M and H are m × m row-major.
 *
 * Counting: the proxy counts one oracle unit per call of gradient, block_gradient and
 * block_hessian (separately per function, so block and full gradients can be told apart);
 * coordinate_lipschitz and block_bound depend on no x and are counted as calls only.
 * Status: TSR_OK; TSR_BUDGET_EXHAUSTED; TSR_ERR_INVALID_ARGUMENT for an index out of range or a
 * repeated index in a block, or m <= 0.
 */
#ifndef TESSERA_IFACE_COORDINATE_H
#define TESSERA_IFACE_COORDINATE_H

#include "../abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSR_COORDINATE_V1 "tsr.coordinate.v1"

typedef struct tsr_coordinate_v1 {
    /* [any] Dimension d of x. Constant. */
    int64_t (*dim)(tsr_object* obj);

    /* [any] λ of the λ‖x‖₁ term (0: smooth problem). Constant. */
    double (*l1_weight)(tsr_object* obj);

    /* [object] g = ∇f(x), the smooth part's full gradient. */
    tsr_status (*gradient)(tsr_object* obj, const double* x, double* g);

    /* [object] gb = ∇_b f(x) for the m coordinates idx. */
    tsr_status (*block_gradient)(tsr_object* obj, const double* x, int64_t m, const int64_t* idx,
                                 double* gb);

    /* [object] L[j] ≥ sup_x ∂²f/∂x_j², for every coordinate j. */
    tsr_status (*coordinate_lipschitz)(tsr_object* obj, double* L);

    /* [object] M (m × m) ⪰ ∇²_bb f(x) for every x (the block Hessian itself for a quadratic). */
    tsr_status (*block_bound)(tsr_object* obj, int64_t m, const int64_t* idx, double* M);

    /* [object] H (m × m) = ∇²_bb f(x). */
    tsr_status (*block_hessian)(tsr_object* obj, const double* x, int64_t m, const int64_t* idx,
                                double* H);

    /* [any] The Hessian's off-diagonal sparsity pattern: *n_pairs pairs (i, j), i < j, as 2·n_pairs
     * indices (i0, j0, i1, j1, ...) in *pairs, borrowed for the object's life. NULL function
     * when the Hessian is dense or the pattern unknown. */
    void (*hessian_pattern)(tsr_object* obj, int64_t* n_pairs, const int64_t** pairs);
} tsr_coordinate_v1;

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_IFACE_COORDINATE_H */
