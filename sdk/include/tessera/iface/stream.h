/*
 * tessera/iface/stream.h — `tsr.stream.v1`: a sequence of updates to the active ground set of a
 * dynamic problem (insert element e / delete element e), pulled by the algorithm one at a time.
 *
 * A problem serving it also serves the function being optimized (`tsr.set_function.v1`) over the
 * whole universe {0, …, n−1}; the stream says which elements are active. The active set starts
 * empty. Every delete names an active element, every insert an inactive one.
 *
 * Scenario — a dynamic algorithm:
 *
 *     const tsr_stream_v1* st = problem->get_interface(problem, TSR_STREAM_V1);
 *     tsr_stream_update u = {sizeof u};
 *     while (st->next(problem, &u) == TSR_OK && u.kind != TSR_UPDATE_END) {
 *         apply(u);                                   // queries f through tsr.set_function.v1
 *         st->solution(problem, m, S);                // S_t after this update
 *     }
 *
 * Solutions. After each update (or every few updates: the metric compares the solutions it gets
 * at the times it gets them), the algorithm hands its current solution S_t over with `solution`.
 * Adaptive streams (one that deletes the current solution's elements) read it; the host records
 * it with the time step for metrics (run arrays "stream.updates" U × 2 (kind, element),
 * "stream.solution_step", "stream.solution_offsets", "stream.solution_elements", and
 * "stream.queries": oracle units spent up to each update), so that f(S_t) can be compared with an
 * offline greedy on the active set at the same time step.
 *
 * Counting: `next` and `solution` are calls, not oracle units.
 * Status: TSR_OK (u.kind == TSR_UPDATE_END after the last update, and on every call after);
 * TSR_ERR_INVALID_ARGUMENT for an index out of range or repeated in `solution`.
 */
#ifndef TESSERA_IFACE_STREAM_H
#define TESSERA_IFACE_STREAM_H

#include "../abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSR_STREAM_V1 "tsr.stream.v1"

#define TSR_UPDATE_END    0
#define TSR_UPDATE_INSERT 1
#define TSR_UPDATE_DELETE 2

/* Growable: the caller sets struct_size; the callee writes only the fields that fit. */
typedef struct tsr_stream_update {
    uint32_t struct_size;
    int32_t kind;       /* TSR_UPDATE_*                                                          */
    int64_t element;    /* in [0, n)                                                              */
    int64_t step;       /* 0-based index of this update in the stream                            */
} tsr_stream_update;

typedef struct tsr_stream_v1 {
    /* [any] Number of updates U in the stream (not counting the END marker). Constant. */
    int64_t (*length)(tsr_object* obj);

    /* [object] Writes the next update into *out. */
    tsr_status (*next)(tsr_object* obj, tsr_stream_update* out);

    /* [object] The algorithm's current solution, S = set[0 .. m−1], after the latest update. */
    tsr_status (*solution)(tsr_object* obj, int64_t m, const int64_t* set);
} tsr_stream_v1;

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_IFACE_STREAM_H */
