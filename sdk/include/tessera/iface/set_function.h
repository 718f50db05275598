/*
 * tessera/iface/set_function.h — `tsr.set_function.v1`: a set function f: 2^V → R over the
 * ground set V = {0, …, n−1} (coverage, facility location, multiwinner scores).
 *
 * Scenario — lazy greedy for max f(S), |S| ≤ k:
 *
 *     const tsr_set_function_v1* sf = problem->get_interface(problem, TSR_SET_FUNCTION_V1);
 *     int64_t n = sf->ground_size(problem);
 *     tsr_set_function_properties pr = {sizeof pr};  sf->properties(problem, &pr);
 *     sf->gains(problem, m, S, k, E, g);       // g[j] = f(S ∪ {E[j]}) − f(S): k gain queries
 *     sf->value(problem, m, S, &fS);           // f(S): one value query
 *
 * Sets are passed as arrays of distinct indices in [0, n), in any order; the problem does not keep
 * them. A candidate already in S has gain 0. Calls are independent: a problem may cache between
 * calls (for instance the coverage of the last S it saw) but the result never depends on the
 * order of calls.
 *
 * ORACLE QUERIES ARE THIS FAMILY'S COST MEASURE. The host proxy counts value queries
 * ("tsr.set_function.v1/value", one unit per call) and gain queries ("tsr.set_function.v1/gains",
 * one unit per candidate) separately. Batching candidates is a speed-up only: asking k gains
 * against one S costs k queries, as k single calls would.
 *
 * Buffers are owned by the caller. Status: TSR_OK; TSR_BUDGET_EXHAUSTED from the proxy;
 * TSR_ERR_INVALID_ARGUMENT for an index out of range, a repeated index in S, m < 0 or k < 0.
 */
#ifndef TESSERA_IFACE_SET_FUNCTION_H
#define TESSERA_IFACE_SET_FUNCTION_H

#include "../abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSR_SET_FUNCTION_V1 "tsr.set_function.v1"

/* What the problem guarantees about f. Growable: the caller sets struct_size. */
typedef struct tsr_set_function_properties {
    uint32_t struct_size;
    int32_t monotone;      /* 1: f(A) ≤ f(B) for A ⊆ B                                          */
    int32_t submodular;    /* 1: f(e | A) ≥ f(e | B) for A ⊆ B, e ∉ B                            */
    int32_t normalized;    /* 1: f(∅) = 0                                                       */
    int32_t cardinality;   /* k of the constraint |S| ≤ k the problem poses; 0 when none        */
    int32_t reserved0;
} tsr_set_function_properties;

typedef struct tsr_set_function_v1 {
    /* [any] n = |V|. Constant. */
    int64_t (*ground_size)(tsr_object* obj);

    /* [any] Fills *out. Constant. */
    void (*properties)(tsr_object* obj, tsr_set_function_properties* out);

    /* [object] *out = f(S), S = set[0 .. m−1]. */
    tsr_status (*value)(tsr_object* obj, int64_t m, const int64_t* set, double* out);

    /* [object] out[j] = f(S ∪ {cand[j]}) − f(S) for j < k, S = set[0 .. m−1]. */
    tsr_status (*gains)(tsr_object* obj, int64_t m, const int64_t* set, int64_t k, const int64_t* cand,
                        double* out);
} tsr_set_function_v1;

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_IFACE_SET_FUNCTION_H */
