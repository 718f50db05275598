/*
 * tessera/iface/dataset.h — `tsr.dataset.v1`: named matrices of a data-driven problem.
 *
 * A dataset is a small set of named matrices: `X` (samples × features), `y` (labels, samples × 1),
 * or whatever the problem documents. The algorithm reads them in place through a borrowed view:
 *
 *     tsr_matrix X;
 *     ds->find(problem, "X", &X);                 // X.data valid while the problem lives
 *     double xij = ((const double*)X.data)[i * X.row_stride + j * X.col_stride];
 *
 * Views are borrowed: `data` and `name` stay valid, and the values unchanged, for the life of
 * the object. The caller never writes through them.
 *
 * Counting: the host proxy counts one unit per `find`/`get` call; reading the memory is free —
 * data access is not an oracle.
 */
#ifndef TESSERA_IFACE_DATASET_H
#define TESSERA_IFACE_DATASET_H

#include "../abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSR_DATASET_V1 "tsr.dataset.v1"

typedef struct tsr_matrix {
    uint32_t struct_size;
    int32_t dtype;          /* TSR_DTYPE_*                                   */
    const char* name;
    int64_t rows;
    int64_t cols;
    int64_t row_stride;     /* in elements, not bytes                        */
    int64_t col_stride;     /* in elements                                    */
    const void* data;
} tsr_matrix;

typedef struct tsr_dataset_v1 {
    /* [any] Number of matrices. */
    int32_t (*count)(tsr_object* obj);

    /* [object] Fills *out with matrix number i (0 <= i < count). The caller sets
     * out->struct_size before the call; the callee writes only fields that size covers. */
    tsr_status (*get)(tsr_object* obj, int32_t i, tsr_matrix* out);

    /* [object] Fills *out with the matrix called `name`; TSR_ERR_NOT_FOUND when absent. */
    tsr_status (*find)(tsr_object* obj, const char* name, tsr_matrix* out);
} tsr_dataset_v1;

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_IFACE_DATASET_H */
