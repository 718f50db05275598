// kernels.hpp — the O(d³) and O(d²) inner loops of DAGMA as plain loops over column-major
// d × d arrays, compiled twice (x86-64 with AVX2 + FMA, and the generic baseline) and chosen at
// load time by the CPU (GCC target_clones): the project builds without -march flags, so Eigen's
// own kernels stay at SSE2, while these run 4-wide on any AVX2 machine. Each is a few lines and
// tested through kit/dag/dagma.hpp (tests/causal).
#pragma once

#include <cmath>
#include <cstdint>

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define TSR_DAG_CLONES __attribute__((target_clones("arch=haswell", "default")))
#else
#define TSR_DAG_CLONES
#endif

namespace tsr::kit::dag::kernels {

// In place: a (d × d, column-major) ← a⁻¹ by Gauss–Jordan elimination without pivoting; c, r are
// d-sized scratch. Returns false at the first pivot that is not positive (and finite); else
// *logdet = Σ log(pivots) = log det a.
TSR_DAG_CLONES inline bool gauss_jordan_positive_pivots(double* __restrict a, int64_t d, double* __restrict c,
                                                       double* __restrict r, double* logdet) {
    double ld = 0.0;
    for (int64_t k = 0; k < d; ++k) {
        double* ak = a + k * d;  // column k
        const double pivot = ak[k];
        if (!(pivot > 0.0) || !std::isfinite(pivot)) return false;
        ld += std::log(pivot);
        const double inv_pivot = 1.0 / pivot;
        for (int64_t i = 0; i < d; ++i) c[i] = ak[i];
        c[k] = 0.0;
        ak[k] = 1.0;
        for (int64_t j = 0; j < d; ++j) r[j] = a[j * d + k] * inv_pivot;  // row k / pivot
        for (int64_t i = 0; i < d; ++i) ak[i] = 0.0;
        for (int64_t j = 0; j < d; ++j) {  // rank-1 update, column by column
            double* __restrict aj = a + j * d;
            const double rj = r[j];
            for (int64_t i = 0; i < d; ++i) aj[i] -= rj * c[i];
        }
        for (int64_t j = 0; j < d; ++j) a[j * d + k] = r[j];
    }
    *logdet = ld;
    return true;
}

// R = S − S W (all d × d column-major): the negative least-squares gradient −∇Q = Σ̂(I − W).
TSR_DAG_CLONES inline void cov_residual(const double* __restrict S, const double* __restrict W, double* __restrict R,
                                       int64_t d) {
    for (int64_t j = 0; j < d; ++j) {
        double* __restrict rj = R + j * d;
        const double* wj = W + j * d;
        for (int64_t i = 0; i < d; ++i) rj[i] = S[j * d + i];
        for (int64_t k = 0; k < d; ++k) {
            const double w = wj[k];
            if (w == 0.0) continue;
            const double* sk = S + k * d;
            for (int64_t i = 0; i < d; ++i) rj[i] -= w * sk[i];
        }
    }
}

// One Adam step of DAGMA's inner loop on m = d² entries, fused with the gradient (dagma/linear.py):
//   g = μ(λ₁ sign w − r) + 2 w ∘ it        (r = Σ̂(I − W), it = (sI − W∘W)⁻ᵀ, entrywise)
//   then Adam exactly as tsr::kit::AdamUpdate (Kingma & Ba 2015, Alg. 1) with bias corrections
//   c1 = 1/(1 − β1^t), c2 = 1/(1 − β2^t):  w ← w − lr · c1 m / (√(c2 v) + ε).
// Fused here because these O(d²) passes are a third of a step at d = 50.
TSR_DAG_CLONES inline void dagma_adam_step(double* __restrict w, double* __restrict m, double* __restrict v,
                                          const double* __restrict r, const double* __restrict it, int64_t n,
                                          double mu, double lambda1, double beta1, double beta2, double c1,
                                          double c2, double eps, double lr) {
    for (int64_t i = 0; i < n; ++i) {
        const double wi = w[i];
        const double sign = wi > 0.0 ? 1.0 : wi < 0.0 ? -1.0 : 0.0;
        const double g = mu * (lambda1 * sign - r[i]) + 2.0 * wi * it[i];
        m[i] = beta1 * m[i] + (1.0 - beta1) * g;
        v[i] = beta2 * v[i] + (1.0 - beta2) * g * g;
        w[i] = wi - lr * (c1 * m[i]) / (std::sqrt(c2 * v[i]) + eps);
    }
}

}  // namespace tsr::kit::dag::kernels
