// op.policeman_burglar — the matrix game of the experiments of Cai, Alacaoglu & Diakonikolas
// (ICLR 2024; authors' code matrix_game.py), with their finite-sum split by coordinates.
//
//   min_{x ∈ Δ_n} max_{y ∈ Δ_n} yᵀAx,   A_ij = w_j (1 − exp(−θ|i − j|)),  w_j = |N(0, 1)|
//   (the "policeman and burglar" game of Nemirovski, 2004),
//   F(x, y) = (Aᵀy, −Ax) = (1/n) Σ_i F_i(x, y),  F_i(x, y) = n · (A_{i,:}ᵀ y_i, −A_{:,i} x_i),
//   G = N_{Δ×Δ}: J_{ηG} = (Π_Δ, Π_Δ).
//
// Constants (exact): L = σ_max(A); L̂ = √n · max(max_i ‖A_{i,:}‖, max_i ‖A_{:,i}‖), since
// (1/n) Σ_i ‖F_i(u) − F_i(v)‖² = n Σ_i (‖A_{i,:}‖² Δy_i² + ‖A_{:,i}‖² Δx_i²), attained at a
// coordinate direction. Each component costs O(n), a full value O(n²) = n units.
// Instance from the seed: w from the Rng stream mix_seed(seed, 1). Starting point: uniform
// strategies (as in the authors' code). No ground truth.
#include <vector>


#include "../common/projections.hpp"
#include "operator_problem.hpp"

namespace operators {

class PolicemanBurglar : public OperatorProblem {
public:
    static constexpr tsr::Info info{
        "op.policeman_burglar", "1.0.0",
        "policeman-and-burglar matrix game on simplices, finite sum split by coordinates (the paper's experiment)",
        "Cai, Alacaoglu & Diakonikolas, ICLR 2024 (code: matrix_game.py); Nemirovski, SIAM J. Optim. 15(1), 2004"};
    struct Params {
        int64_t n = 500;
        double theta = 0.8;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n", &Params::n, "number of houses (pure strategies of each player) = number of components",
                      {.min = 2});
            s.real("theta", &Params::theta, "decay of the catch probability 1 - exp(-theta |i - j|)", {.min = 0.0});
        }
    };

    PolicemanBurglar(const Params& p, uint64_t seed) : PolicemanBurglar(p, make_matrix(p, seed)) {}

    void value(tsr::CVecMap u, tsr::VecMap Fu) {
        Fu.head(n_).noalias() = A_.transpose() * u.tail(n_);
        Fu.tail(n_).noalias() = -A_ * u.head(n_);
    }
    void batch(tsr::CVecMap u, std::span<const int64_t> idx, tsr::VecMap out) {
        out.setZero();
        for (const int64_t i : idx) {
            out.head(n_) += u[n_ + i] * A_.row(i).transpose();
            out.tail(n_) -= u[i] * A_.col(i);
        }
        out *= static_cast<double>(n_) / static_cast<double>(idx.size());
    }
    void resolvent(tsr::CVecMap u, double, tsr::VecMap out) {
        project_simplex(u.head(n_), out.head(n_), work_);
        project_simplex(u.tail(n_), out.tail(n_), work_);
    }

private:
    PolicemanBurglar(const Params& p, tsr::RowMat A)
        : OperatorProblem({.dim = 2 * p.n, .n = p.n, .lipschitz = spectral_norm(A),
                           .mean_square_lipschitz = std::sqrt(static_cast<double>(p.n)) *
                                                    std::max(A.rowwise().norm().maxCoeff(), A.colwise().norm().maxCoeff()),
                           .cocoercive = false},
                          Vec::Constant(2 * p.n, 1.0 / static_cast<double>(p.n))),
          A_(std::move(A)), n_(p.n) {
        work_.reserve(static_cast<size_t>(n_));
    }
    static tsr::RowMat make_matrix(const Params& p, uint64_t seed) {
        tsr::kit::Rng rng(tsr::kit::mix_seed(seed, 1));
        Vec w(p.n);
        for (double& e : w) e = std::abs(rng.normal());
        tsr::RowMat A(p.n, p.n);
        for (int64_t i = 0; i < p.n; ++i)
            for (int64_t j = 0; j < p.n; ++j)
                A(i, j) = w[j] * (1.0 - std::exp(-p.theta * std::abs(static_cast<double>(i - j))));
        return A;
    }
    static double spectral_norm(const tsr::RowMat& A) {
        return std::sqrt(largest_eigenvalue(tsr::Mat(A.transpose() * A)));
    }

    tsr::RowMat A_;
    int64_t n_;
    std::vector<double> work_;
};

TSR_REGISTER(PolicemanBurglar);

}  // namespace operators
