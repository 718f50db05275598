// solution.hpp — what the dag.* metrics read the same way: the run's output array "W" and the
// problem's "W_true" as d × d matrices.
#pragma once

#include <limits>
#include <optional>

#include <tessera/sdk.hpp>

#include "math/graph.hpp"

namespace causal {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A float64 2-D array as a column-major matrix (the ABI's arrays are row-major).
inline std::optional<Mat> as_matrix(const tsr_array& a) {
    if (a.dtype != TSR_DTYPE_F64 || a.ndim != 2) return std::nullopt;
    using RowMap = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;
    return Mat(RowMap(static_cast<const double*>(a.data), a.shape[0], a.shape[1]));
}

// The algorithm's output "W" (square), if it handed one over.
inline std::optional<Mat> output_W(const tsr::RunRecord& r) {
    const tsr_array* a = r.array("W");
    if (!a) return std::nullopt;
    auto W = as_matrix(*a);
    if (!W || W->rows() != W->cols()) return std::nullopt;
    return W;
}

// The problem's ground-truth adjacency "W_true", if it knows one.
inline std::optional<Mat> true_W(const tsr::RunRecord& r) {
    auto gt = r.ground_truth();
    if (!gt) return std::nullopt;
    auto a = gt->array("W_true");
    if (!a) return std::nullopt;
    return as_matrix(*a);
}

}  // namespace causal
