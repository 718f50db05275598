// run_view.hpp — what the mw.* metrics read the same way: the run's committee ("subset", int64)
// and the problem's ground truth ("groups", "latent_rankings", "utilities"; problem.hpp).
#pragma once

#include <limits>
#include <optional>
#include <vector>

#include <tessera/sdk.hpp>

#include "profile.hpp"

namespace fairmw {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The committee the algorithm handed over, if any (ids checked against m).
inline std::optional<std::vector<int64_t>> run_subset(const tsr::RunRecord& r, int64_t m) {
    const tsr_array* a = r.array("subset");
    if (!a || a->dtype != TSR_DTYPE_I64 || a->ndim != 1 || a->shape[0] < 1) return std::nullopt;
    const auto* ids = static_cast<const int64_t*>(a->data);
    std::vector<int64_t> S(ids, ids + a->shape[0]);
    for (int64_t c : S)
        if (c < 0 || c >= m) return std::nullopt;
    return S;
}

// A float64 ground-truth array's elements (row-major), with its shape.
struct TruthArray {
    std::vector<double> values;
    int64_t rows = 0, cols = 1;
};
inline std::optional<TruthArray> truth_array(const tsr::RunRecord& r, const char* name) {
    auto gt = r.ground_truth();
    if (!gt) return std::nullopt;
    auto a = gt->array(name);
    if (!a || a->dtype != TSR_DTYPE_F64 || a->ndim < 1 || a->ndim > 2) return std::nullopt;
    TruthArray t;
    t.rows = a->shape[0];
    t.cols = a->ndim == 2 ? a->shape[1] : 1;
    const auto* x = static_cast<const double*>(a->data);
    t.values.assign(x, x + t.rows * t.cols);
    return t;
}

inline std::optional<std::vector<int8_t>> truth_groups(const tsr::RunRecord& r) {
    auto t = truth_array(r, "groups");
    if (!t) return std::nullopt;
    return group_labels(t->values, t->rows * t->cols, "ground truth 'groups'");
}

inline std::optional<Profile> truth_profile(const tsr::RunRecord& r) {
    auto t = truth_array(r, "latent_rankings");
    if (!t) return std::nullopt;
    using RowMap = Eigen::Map<const tsr::RowMat>;
    return Profile::from_orders(RowMap(t->values.data(), t->rows, t->cols), "ground truth 'latent_rankings'");
}

inline int64_t g2_members(const std::vector<int64_t>& S, const std::vector<int8_t>& group) {
    int64_t c2 = 0;
    for (int64_t c : S) c2 += group[static_cast<size_t>(c)];
    return c2;
}

}  // namespace fairmw
