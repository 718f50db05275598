// sigma_policy.hpp — the two noise-scale models of CoLiDE (Saboksayr, Mateos & Tepper, ICLR 2024).
//
// With D = I − W, R = Σ̂ D and q_j = [Dᵀ Σ̂ D]_jj = (1/n)‖X_j − X w_j‖² (the residual energy of node j)
// both concomitant scores are
//   S(W, σ) = ½ Σ_j (q_j / σ_j + σ_j)
// — for equal variance (Sec. 4, CoLiDE-EV) σ_j = σ for all j, which is (1/2σ) tr(Dᵀ Σ̂ D) + dσ/2; for
// non-equal variance (Sec. 4, CoLiDE-NV) one σ_j per node, ½ tr(Σ⁻¹ Dᵀ Σ̂ D) + ½ tr(Σ). Minimizing over σ in
// closed form (App. B.1 and B.2):
//   EV: σ = √(Σ_j q_j / d)        NV: σ_j = √q_j
// The reference code (SAMiatto/colide, model.py) applies this update after every Adam step
// (block-coordinate descent in W and σ) and uses NO floor σ >= σ₀, although the paper's
// formulation has one; `sigma_min` (default 0, the code's behaviour) restores it.
// Initial σ (reference fit()): EV the smallest column standard deviation of the centered X,
// NV each column's standard deviation, i.e. √Σ̂_jj.
#pragma once

#include <tessera/sdk.hpp>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

namespace colide {

using Vec = Eigen::VectorXd;

struct EqualVariance {
    static constexpr tsr::Info info{"colide.ev", "1.0.0",
                                    "CoLiDE-EV: concomitant least squares with one noise scale sigma (closed form), "
                                    "l1, DAGMA log-det acyclicity, path following with Adam",
                                    "Saboksayr, Mateos & Tepper, CoLiDE: Concomitant Linear DAG Estimation, ICLR 2024"};
    static constexpr const char* name = "colide.ev";
    static void init(const Eigen::MatrixXd& cov, Vec& sigma) {
        sigma.setConstant(std::sqrt(cov.diagonal().minCoeff()));
    }
    static void update(const Vec& q, double sigma_min, Vec& sigma) {  // App. B.1
        sigma.setConstant(std::max(std::sqrt(std::max(q.sum(), 0.0) / static_cast<double>(q.size())), sigma_min));
    }
};

struct NonEqualVariance {
    static constexpr tsr::Info info{"colide.nv", "1.0.0",
                                    "CoLiDE-NV: concomitant least squares with one noise scale sigma_j per node "
                                    "(closed form), l1, DAGMA log-det acyclicity, path following with Adam",
                                    "Saboksayr, Mateos & Tepper, CoLiDE: Concomitant Linear DAG Estimation, ICLR 2024"};
    static constexpr const char* name = "colide.nv";
    static void init(const Eigen::MatrixXd& cov, Vec& sigma) { sigma = cov.diagonal().cwiseSqrt(); }
    static void update(const Vec& q, double sigma_min, Vec& sigma) {  // App. B.2
        sigma = q.cwiseMax(0.0).cwiseSqrt().cwiseMax(sigma_min);
    }
};

}  // namespace colide
