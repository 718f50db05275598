// surrogate.hpp — the target-based surrogate of one outer step and its inner minimization by
// gradient descent with the Armijo line search.
//
// Lavington et al. 2023 (full batch: MM; minibatch: SSO): at θ_t, on the batch B (m terms), with the
// targets z_t = f_B(θ_t) (m × k) and the EXPENSIVE gradient g_t = ∇_z ℓ_B(z_t) computed once,
//
//   g_t^η(θ) = ℓ_B(z_t) + (1/m) Σ_{r∈B} [⟨g_{t,r}, f_r(θ) − z_{t,r}⟩ + ‖f_r(θ) − z_{t,r}‖² / (2η)] + (λ/2)‖θ‖²
//
// (the paper's surrogate on the full batch, restricted to B for SSO; equation numbers are not
// cited: the paper's text was not readable here, see README.md; the regularizer
// (λ/2)‖θ‖² of tsr.target.v1 is kept exactly, it needs no ∇ℓ). Its θ-gradient only needs the
// CHEAP model calls of tsr.target.v1:
//
//   ∇g_t^η(θ) = (1/m) Σ_r J_r(θ)ᵀ (g_{t,r} + (f_r(θ) − z_{t,r}) / η) + λθ      (one targets + one target_vjp)
//
// and the constant ℓ_B(z_t) is dropped (it does not change the minimizer nor the Armijo test).
//
// Inner loop (the paper's "m steps of a black-box optimizer on the surrogate"; reference code:
// SGD_FMDOpt with the LSOpt inner optimizer): ω_0 = θ_t, for j = 0..m−1
//   α ← (j = 0 ? α_init : α_{j−1}) · expand          (α_init reset every outer step)
//   backtrack α ← β α until  g(ω_j − α∇g(ω_j)) <= g(ω_j) − c α ‖∇g(ω_j)‖²      (Armijo 1966)
//   ω_{j+1} = ω_j − α∇g(ω_j)
// stopping early when ‖∇g(ω_j)‖ <= grad_tol; θ_{t+1} = ω_m.
#pragma once

#include <cmath>
#include <span>

#include <tessera/sdk.hpp>

namespace sso {

using tsr::RowMat;
using tsr::Vec;

// Inner Armijo line-search settings (defaults of the reference code; see README.md).
struct LineSearch {
    double init_step = 10.0;   // α_init, reset at every outer step
    double expand = 1.0;       // factor on the previous step before each inner step (the
                               // reference: expand_coeff^(m/n), i.e. expand_coeff per epoch)
    double c = 0.1;            // Armijo constant
    double beta = 0.9;         // backtracking factor
    double min_step = 1e-6;    // below this the search gives up and the inner loop ends
    int max_backtracks = 100;  // trial steps per inner step
    double grad_tol = 1e-6;    // inner loop ends when ‖∇g‖ <= grad_tol
};

// What an inner minimization did (for the trace).
struct InnerStats {
    int64_t steps = 0;       // accepted inner steps
    int64_t backtracks = 0;  // rejected trial steps
    double last_step = 0.0;  // last accepted α
    double decrease = 0.0;   // g(θ_t) − g(θ_{t+1}) ≥ 0
};

// Working memory sized once for batches of up to max_rows terms of width k in dimension d.
class SurrogateSolver {
public:
    SurrogateSolver(int64_t max_rows, int64_t k, int64_t d)
        : z0_(max_rows, k), g0_(max_rows, k), zc_(max_rows, k), zt_(max_rows, k), v_(max_rows, k),
          grad_(d), trial_(d) {}

    // One outer step at theta on the terms idx: one expensive loss_gradient, then `inner` surrogate
    // steps updating theta in place. Returns the batch loss ℓ_B(z_t) (without the regularizer).
    double outer_step(const tsr::TargetRef& t, std::span<const int64_t> idx, double eta, double lambda,
                      int64_t inner, const LineSearch& ls, Vec& theta, InnerStats& stats) {
        const auto m = static_cast<Eigen::Index>(idx.size());
        auto z0 = z0_.topRows(m), g0 = g0_.topRows(m);
        t.targets(theta, idx, z0);                        // z_t = f_B(θ_t)         (cheap)
        const double loss = t.loss_gradient(idx, z0, g0);  // g_t = ∇ℓ_B(z_t)        (expensive)
        zc_.topRows(m) = z0;                              // f_B(ω_0)

        stats = {};
        double s = value(theta, m, lambda, eta, zc_);  // g(ω_0) − ℓ_B(z_t) = (λ/2)‖θ_t‖²
        const double s_start = s;
        double alpha = ls.init_step;
        for (int64_t j = 0; j < inner; ++j) {
            // ∇g(ω) = (1/m) Σ J_rᵀ v_r + λω with v = g_t + (f_B(ω) − z_t)/η
            auto v = v_.topRows(m);
            v = g0 + (zc_.topRows(m) - z0) / eta;
            t.target_vjp(theta, idx, v, grad_);
            grad_ += lambda * theta;
            const double gg = grad_.squaredNorm();
            if (std::sqrt(gg) <= ls.grad_tol) break;

            alpha *= ls.expand;
            bool accepted = false;
            for (int b = 0; b < ls.max_backtracks && alpha >= ls.min_step; ++b) {
                trial_ = theta - alpha * grad_;
                t.targets(trial_, idx, zt_.topRows(m));
                const double st = value(trial_, m, lambda, eta, zt_);
                if (st <= s - ls.c * alpha * gg) {
                    accepted = true;
                    s = st;
                    break;
                }
                ++stats.backtracks;
                alpha *= ls.beta;
            }
            if (!accepted) break;  // no decrease found: ω_j is (numerically) a minimizer along −∇g
            theta.swap(trial_);
            zc_.swap(zt_);  // f_B(ω_{j+1}) was computed at the trial point
            ++stats.steps;
            stats.last_step = alpha;
        }
        stats.decrease = s_start - s;
        return loss;
    }

private:
    // g(ω) − ℓ_B(z_t) given f_B(ω) in the first m rows of z.
    double value(const Vec& w, Eigen::Index m, double lambda, double eta, const RowMat& z) const {
        const auto diff = z.topRows(m) - z0_.topRows(m);
        const double linear = (g0_.topRows(m).array() * diff.array()).sum();
        const double prox = diff.squaredNorm() / (2.0 * eta);
        return (linear + prox) / static_cast<double>(m) + 0.5 * lambda * w.squaredNorm();
    }

    RowMat z0_, g0_;  // z_t and g_t
    RowMat zc_, zt_;  // f_B at the current inner iterate and at the trial point
    RowMat v_;        // the vector of the vector-Jacobian product
    Vec grad_, trial_;
};

}  // namespace sso
