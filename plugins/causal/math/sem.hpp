// sem.hpp — samples of a linear structural equation model  X_j = Σ_i W[i,j] X_i + N_j
// (X = X W + N, W a DAG's weighted adjacency, i → j when W[i,j] != 0), and the weights of a DAG.
#pragma once

#include <cmath>
#include <numbers>
#include <string_view>

#include <tessera/sdk/errors.hpp>

#include "graph.hpp"

namespace causal {

using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Edge weights uniform in ±[lo, hi]: each edge picks the negative or the positive range with
// probability ½, then a uniform value in it (NOTEARS utils.simulate_parameter, w_ranges =
// ((−2, −0.5), (0.5, 2))).
inline Mat random_weights(const CMatRef& B, double lo, double hi, tsr::kit::Rng& rng) {
    Mat W = Mat::Zero(B.rows(), B.cols());
    for (int64_t j = 0; j < B.cols(); ++j)
        for (int64_t i = 0; i < B.rows(); ++i)
            if (B(i, j) != 0.0) {
                const bool negative = rng.bernoulli(0.5);
                const double u = rng.uniform(lo, hi);
                W(i, j) = negative ? -u : u;
            }
    return W;
}

enum class Noise { gauss, exp, gumbel, laplace };

inline Noise noise_from_name(std::string_view s) {
    if (s == "gauss") return Noise::gauss;
    if (s == "exp") return Noise::exp;
    if (s == "gumbel") return Noise::gumbel;
    if (s == "laplace") return Noise::laplace;
    throw tsr::InvalidArgument("unknown noise type '" + std::string(s) + "' (gauss, exp, gumbel, laplace)");
}

// One draw of the noise with variance `var`, parameterized as CoLiDE's utils.simulate_sem:
//   gauss   N(0, σ²)                         scale σ = √var
//   exp     Exponential(scale σ), mean σ     σ = √var   (not centered, as NOTEARS and CoLiDE)
//   gumbel  Gumbel(0, β), mean 0.5772 β      β = √(6 var) / π   (not centered)
//   laplace Laplace(0, b)                    b = √(var / 2)
// For var = 1, gauss and exp are NOTEARS' noise_scale = 1; NOTEARS' gumbel with scale 1 has
// variance π²/6 instead.
inline double draw_noise(Noise kind, double var, tsr::kit::Rng& rng) {
    switch (kind) {
        case Noise::gauss: return std::sqrt(var) * rng.normal();
        case Noise::exp: return -std::sqrt(var) * std::log1p(-rng.uniform());
        case Noise::gumbel: {
            double u;
            do u = rng.uniform();
            while (u == 0.0);
            return -std::sqrt(6.0 * var) / std::numbers::pi * std::log(-std::log(u));
        }
        case Noise::laplace: {
            const double u = rng.uniform() - 0.5;  // [−½, ½)
            const double b = std::sqrt(0.5 * var);
            return -b * (u < 0 ? -1.0 : 1.0) * std::log1p(-2.0 * std::abs(u));
        }
    }
    return 0.0;
}

// n samples of X = X W + N, node by node in a topological order of W; N[:, j] has variance
// noise_var[j]. The noise is drawn column by column in that order (as NOTEARS and CoLiDE).
inline RowMat simulate_linear_sem(const CMatRef& W, int64_t n, Noise kind, const Eigen::VectorXd& noise_var,
                                  tsr::kit::Rng& rng) {
    const int64_t d = W.rows();
    const std::vector<int64_t> order = topological_order(W);
    if (static_cast<int64_t>(order.size()) != d) throw tsr::InvalidArgument("simulate_linear_sem: W is not a DAG");
    RowMat X = RowMat::Zero(n, d);
    for (int64_t j : order) {
        for (int64_t r = 0; r < n; ++r) X(r, j) = draw_noise(kind, noise_var[j], rng);
        for (int64_t i = 0; i < d; ++i)
            if (W(i, j) != 0.0) X.col(j) += W(i, j) * X.col(i);
    }
    return X;
}

}  // namespace causal
