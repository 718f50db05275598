// op.least_squares — a cocoercive finite-sum operator: the gradient field of least squares.
//
//   F(u) = (1/n) Σ_i F_i(u),   F_i(u) = a_i (a_iᵀu − b_i) = ∇h_i(u),  h_i(u) = ½(a_iᵀu − b_i)²,
//   G = 0 (unconstrained: the resolvent is the identity).
//
// F = ∇h with h = (1/n)Σh_i convex and L-smooth, so F is (1/L)-cocoercive (Baillon–Haddad) with
// L = λ_max(AᵀA/n); the components are "on average" cocoercive with constant max_i ‖a_i‖², the
// setting of Algorithm 1 of Cai, Alacaoglu & Diakonikolas (ICLR 2024).
// L̂² = λ_max((1/n) Σ ‖a_i‖² a_i a_iᵀ), computed exactly (d × d eigenproblem).
//
// Instance from the seed (tsr::kit::Rng streams mix_seed(seed, k)):
//   k = 1: a_i = S z_i, z_i ~ N(0, I_d), S = diag(cond^(−j/(2(d−1)))), j = 0..d−1, so that
//          AᵀA/n has condition number ≈ cond (small eigenvalues make F weakly monotone: the
//          regime where anchoring (Halpern) beats extragradient on the residual);
//   k = 2: u_true ~ N(0, I_d);   k = 3: b_i = a_iᵀu_true + noise · ε_i, ε_i ~ N(0, 1).
// Known solution: x_star solves (AᵀA/n) u = Aᵀb/n (LDLT; unique when AᵀA is nonsingular).
// Starting point u0 = 0. value() is computed as Aᵀ(Au − b)/n: the cost of n components.
#include "operator_problem.hpp"

namespace operators {

class LeastSquaresOperator : public OperatorProblem {
public:
    static constexpr tsr::Info info{
        "op.least_squares", "1.0.0",
        "cocoercive finite-sum operator F_i(u) = a_i(a_i^T u - b_i) (least-squares gradient field), unconstrained",
        "Cai, Alacaoglu & Diakonikolas, Variance reduced Halpern iteration for finite-sum monotone inclusions, "
        "ICLR 2024 (cocoercive setting)"};
    struct Params {
        int64_t n = 1000;
        int64_t d = 20;
        double cond = 1e4;
        double noise = 1.0;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n", &Params::n, "number of components F_i", {.min = 1});
            s.integer("d", &Params::d, "dimension of u", {.min = 1});
            s.real("cond", &Params::cond, "condition number of A^T A / n, by column scaling", {.min = 1.0},
                   TSR_PARAM_FLAG_LOG_SCALE);
            s.real("noise", &Params::noise, "standard deviation of the noise in b (0: F_i(x_star) = 0 for all i)",
                   {.min = 0.0});
        }
    };

    LeastSquaresOperator(const Params& p, uint64_t seed) : LeastSquaresOperator(generate(p, seed)) {}

    void value(tsr::CVecMap u, tsr::VecMap Fu) {
        r_.noalias() = A_ * u;
        r_ -= b_;
        Fu.noalias() = A_.transpose() * r_;
        Fu /= static_cast<double>(c_.n);
    }
    void batch(tsr::CVecMap u, std::span<const int64_t> idx, tsr::VecMap out) {
        out.setZero();
        for (const int64_t i : idx) {
            const auto a = A_.row(i);
            out += (a.dot(u) - b_[i]) * a.transpose();
        }
        out /= static_cast<double>(idx.size());
    }
    void resolvent(tsr::CVecMap u, double, tsr::VecMap out) {
        if (out.data() != u.data()) out = u;
    }

private:
    struct Instance {
        OperatorConstants c;
        tsr::RowMat A;
        Vec b, x_star;
    };
    explicit LeastSquaresOperator(Instance i)
        : OperatorProblem(i.c, Vec::Zero(i.c.dim), std::move(i.x_star)),
          A_(std::move(i.A)), b_(std::move(i.b)), r_(A_.rows()) {}

    static Instance generate(const Params& p, uint64_t seed) {
        tsr::kit::Rng rng_a(tsr::kit::mix_seed(seed, 1)), rng_x(tsr::kit::mix_seed(seed, 2)),
            rng_e(tsr::kit::mix_seed(seed, 3));
        Vec scale(p.d);
        for (int64_t j = 0; j < p.d; ++j)
            scale[j] = p.d > 1 ? std::pow(p.cond, -0.5 * static_cast<double>(j) / static_cast<double>(p.d - 1)) : 1.0;
        Instance in;
        in.A.resize(p.n, p.d);
        for (int64_t i = 0; i < p.n; ++i)
            for (int64_t j = 0; j < p.d; ++j) in.A(i, j) = scale[j] * rng_a.normal();
        Vec u_true(p.d);
        for (double& v : u_true) v = rng_x.normal();
        in.b = in.A * u_true;
        for (double& v : in.b) v += p.noise * rng_e.normal();

        const double inv_n = 1.0 / static_cast<double>(p.n);
        const tsr::Mat Q = (in.A.transpose() * in.A) * inv_n;
        tsr::Mat M = tsr::Mat::Zero(p.d, p.d);  // (1/n) Σ ‖a_i‖² a_i a_iᵀ
        for (int64_t i = 0; i < p.n; ++i) {
            const Vec a = in.A.row(i).transpose();
            M.selfadjointView<Eigen::Lower>().rankUpdate(a, a.squaredNorm() * inv_n);
        }
        M = M.selfadjointView<Eigen::Lower>();
        in.x_star = Q.ldlt().solve((in.A.transpose() * in.b) * inv_n);
        in.c = {.dim = p.d, .n = p.n, .lipschitz = largest_eigenvalue(Q),
                .mean_square_lipschitz = std::sqrt(largest_eigenvalue(M)), .cocoercive = true};
        return in;
    }

    tsr::RowMat A_;
    Vec b_;
    Vec r_;  // scratch: Au − b
};

TSR_REGISTER(LeastSquaresOperator);

}  // namespace operators
