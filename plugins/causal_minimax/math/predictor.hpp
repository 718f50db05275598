// predictor.hpp — how a run hands its predictor to the metrics: three solution arrays.
//   "inputs"    I64, d: 1 for each covariate the predictor reads (for f_S' = E[Y | x_S', do(x_M)]
//               that is S' ∪ M), in column order
//   "subset"    I64, d: 1 for the chosen covariates S' (ERM: all, ICP: its invariant set)
//   "predictor" F64: the Mlp (mlp.hpp) packed as [p, H, linear, y_mu, y_sd, x_mu (p), x_sd (p), θ]
// so that transfer.test_mse evaluates it on the held-out environments without knowing which
// algorithm made it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "graph.hpp"
#include "mlp.hpp"

namespace minimax {

inline Vec pack(const Mlp& m) {
    const int64_t p = m.inputs();
    Vec v(5 + 2 * p + m.theta().size());
    v[0] = static_cast<double>(p);
    v[1] = static_cast<double>(m.hidden());
    v[2] = m.linear() ? 1.0 : 0.0;
    v[3] = m.y_mu();
    v[4] = m.y_sd();
    v.segment(5, p) = m.x_mu();
    v.segment(5 + p, p) = m.x_sd();
    v.tail(m.theta().size()) = m.theta();
    return v;
}

// The Mlp of a packed vector, or nothing when the layout does not add up.
inline std::optional<Mlp> unpack(std::span<const double> v) {
    if (v.size() < 5) return std::nullopt;
    const auto p = static_cast<int64_t>(v[0]), h = static_cast<int64_t>(v[1]);
    if (p < 0 || h < 0 || static_cast<double>(p) != v[0] || static_cast<double>(h) != v[1]) return std::nullopt;
    Mlp m(p, h, v[2] != 0.0);
    if (static_cast<int64_t>(v.size()) != 5 + 2 * p + m.theta().size()) return std::nullopt;
    const Eigen::Map<const Vec> all(v.data(), static_cast<int64_t>(v.size()));
    m.set_standardization(all.segment(5, p), all.segment(5 + p, p), v[3], v[4]);
    m.theta() = all.tail(m.theta().size());
    return m;
}

// Column indices of the set bits of a mask.
inline std::vector<int> members(NodeSet s, int n) {
    std::vector<int> out;
    for (int i = 0; i < n; ++i)
        if ((s >> i) & 1u) out.push_back(i);
    return out;
}

// X(:, cols) into `out` (resized once).
inline void gather(const Mat& X, const std::vector<int>& cols, Mat& out) {
    out.resize(X.rows(), static_cast<int64_t>(cols.size()));
    for (size_t k = 0; k < cols.size(); ++k) out.col(static_cast<int64_t>(k)) = X.col(cols[k]);
}

}  // namespace minimax
