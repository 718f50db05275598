// simplex_qp.hpp — min ½ yᵀA y − cᵀy over the simplex Δ_n = {y ≥ 0, Σ y_i = 1}, A symmetric
// positive definite: the projection in the norm of A that Online Newton Step needs
// (Π^A_Δ(q) = argmin_{y∈Δ} (y − q)ᵀA(y − q) is this problem with c = A q).
//
// Primal active-set method (Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 16.3) from a
// feasible start y: with F the coordinates not held at 0, the equality-constrained step solves
//     A_FF p_F + g_F = ν 1,   1ᵀ p_F = 0,      g = A y − c,
// by the Schur complement ν = (1ᵀA_FF⁻¹ g_F) / (1ᵀA_FF⁻¹ 1), p_F = A_FF⁻¹(ν 1 − g_F). A zero step
// with every multiplier λ_i = g_i − ν ≥ 0 of the held coordinates is the KKT point (the problem is
// strictly convex: it is the minimum); a negative one releases that coordinate; a step that would
// cross y_i = 0 stops there and holds i. Exact in finitely many steps for n ≤ a few hundred.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Cholesky>
#include <Eigen/Core>

namespace markets {

class SimplexQp {
public:
    explicit SimplexQp(Eigen::Index n) : work_(n, n), g_(n), p_(n), rhs_(n), ones_(n), free_(n) {}

    // Minimizes from the feasible y (overwritten with the minimizer).
    void solve(const Eigen::MatrixXd& A, const Eigen::VectorXd& c, Eigen::VectorXd& y) {
        const Eigen::Index n = y.size();
        for (Eigen::Index i = 0; i < n; ++i) free_[i] = y[i] > 0.0;
        const double scale = std::max(1.0, A.diagonal().cwiseAbs().maxCoeff());
        Eigen::Index iter = 0;
        for (; iter < 20 * n + 20; ++iter) {
            g_.noalias() = A * y;
            g_ -= c;
            // Gather the free block A_FF and g_F (indices kept in order).
            Eigen::Index k = 0;
            for (Eigen::Index i = 0; i < n; ++i) {
                if (!free_[i]) continue;
                Eigen::Index l = 0;
                for (Eigen::Index j = 0; j < n; ++j)
                    if (free_[j]) work_(k, l++) = A(i, j);
                rhs_[k++] = g_[i];
            }
            auto Aff = work_.topLeftCorner(k, k);
            Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>> llt(Aff);  // in place: no allocation
            auto gf = rhs_.head(k);
            auto u = ones_.head(k);
            u.setOnes();
            llt.solveInPlace(u);   // A_FF⁻¹ 1
            llt.solveInPlace(gf);  // A_FF⁻¹ g_F
            const double nu = u.sum() == 0.0 ? 0.0 : gf.sum() / u.sum();
            auto pf = p_.head(k);
            pf = nu * u - gf;      // A_FF⁻¹(ν1 − g_F)
            if (pf.cwiseAbs().maxCoeff() <= 1e-10) {  // zero up to the rounding of A_FF⁻¹ (weights are O(1))
                // KKT: release the held coordinate with the most negative multiplier, if any.
                Eigen::Index worst = -1;
                double most = -1e-12 * scale;
                for (Eigen::Index i = 0; i < n; ++i)
                    if (!free_[i] && g_[i] - nu < most) {
                        most = g_[i] - nu;
                        worst = i;
                    }
                if (worst < 0) break;
                free_[worst] = true;
                continue;
            }
            // Longest step along p within y ≥ 0.
            double alpha = 1.0;
            Eigen::Index block = -1;
            for (Eigen::Index i = 0, f = 0; i < n; ++i) {
                if (!free_[i]) continue;
                const double pi = pf[f++];
                if (pi < 0.0 && -y[i] / pi < alpha) {
                    alpha = -y[i] / pi;
                    block = i;
                }
            }
            for (Eigen::Index i = 0, f = 0; i < n; ++i)
                if (free_[i]) y[i] += alpha * pf[f++];
            if (block >= 0) {
                y[block] = 0.0;
                free_[block] = false;
            }
        }
        iterations_ = iter;
        // Remove rounding: exactly on the simplex.
        y = y.cwiseMax(0.0);
        y /= y.sum();
    }

    // Active-set iterations of the last solve (for tests and profiling).
    Eigen::Index iterations() const { return iterations_; }

private:
    Eigen::Index iterations_ = 0;
    Eigen::MatrixXd work_;
    Eigen::VectorXd g_, p_, rhs_, ones_;
    Eigen::Matrix<bool, Eigen::Dynamic, 1> free_;
};

}  // namespace markets
