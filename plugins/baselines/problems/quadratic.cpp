// fn.quadratic — a strongly convex quadratic with a prescribed spectrum.
//
//   f(x) = ½ (x − x*)ᵀ A (x − x*),   A = Q diag(λ) Qᵀ,   λ_i = cond^{i/(d−1)}, i = 0..d−1
//
// so the eigenvalues are log-spaced in [1, cond], L = cond, μ = 1, and κ(A) = cond.
// Instance from the seed (tsr::kit::Rng streams mix_seed(seed, k)):
//   k = 1: G ∈ R^{d×d}, G_ij ~ N(0, 1) row by row; Q = the orthogonal factor of G = QR with
//          diag(R) > 0 (Gram–Schmidt), which makes Q Haar-distributed (Mezzadri, "How to generate
//          random matrices from the classical compact groups", Notices AMS 54(5), 2007);
//   k = 2: x* ~ N(0, I_d).
// Known optimum: f* = 0 at x*. Initial point: 0. Hessian: A (hessian_vector is exact).
// Reference: Nesterov, "Introductory Lectures on Convex Optimization", 2004, §2.1 (the worst-case
// class of smooth strongly convex functions is quadratic).
#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

#include "known_minimizer.hpp"

namespace baselines {

class Quadratic : public KnownMinimizer {
public:
    static constexpr tsr::Info info{"fn.quadratic", "1.0.0",
                                    "strongly convex quadratic, random rotation, eigenvalues log-spaced in [1, cond]",
                                    "Nesterov, Introductory Lectures on Convex Optimization, Kluwer 2004, §2.1"};
    using provides = tsr::Provides<tsr::Objective, tsr::GroundTruth>;
    struct Params {
        int64_t d = 50;
        double cond = 1e4;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("d", &Params::d, "dimension", {.min = 1});
            s.real("cond", &Params::cond, "condition number L/mu (eigenvalues log-spaced in [1, cond])",
                   {.min = 1.0}, TSR_PARAM_FLAG_LOG_SCALE);
        }
    };

    Quadratic(const Params& p, uint64_t seed) : KnownMinimizer(Vec(p.d)), A_(p.d, p.d), r_(p.d), Ar_(p.d) {
        const int64_t d = p.d;
        tsr::kit::Rng rng_q(tsr::kit::mix_seed(seed, 1)), rng_x(tsr::kit::mix_seed(seed, 2));
        tsr::Mat G(d, d);
        for (int64_t i = 0; i < d; ++i)
            for (int64_t j = 0; j < d; ++j) G(i, j) = rng_q.normal();
        // Q = the orthogonal factor of G = QR with diag(R) > 0: Gram–Schmidt, orthogonalizing
        // twice ("twice is enough", Giraud et al., Numer. Math. 101, 2005).
        tsr::Mat& Q = G;
        for (int64_t j = 0; j < d; ++j) {
            for (int pass = 0; pass < 2; ++pass)
                for (int64_t i = 0; i < j; ++i) Q.col(j) -= Q.col(i).dot(Q.col(j)) * Q.col(i);
            Q.col(j).normalize();
        }
        Vec lambda(d);
        for (int64_t i = 0; i < d; ++i)
            lambda[i] = d == 1 ? 1.0 : std::pow(p.cond, static_cast<double>(i) / static_cast<double>(d - 1));
        A_.noalias() = Q * lambda.asDiagonal() * Q.transpose();
        A_ = 0.5 * (A_ + A_.transpose()).eval();  // exactly symmetric
        for (double& v : x_star_) v = rng_x.normal();
    }

    int64_t dim() const { return x_star_.size(); }
    void initial_point(tsr::VecMap x0) const { x0.setZero(); }

    double value(tsr::CVecMap x) {
        r_ = x - x_star_;
        Ar_.noalias() = A_ * r_;
        return 0.5 * r_.dot(Ar_);
    }
    double value_gradient(tsr::CVecMap x, tsr::VecMap g) {
        r_ = x - x_star_;
        g.noalias() = A_ * r_;
        return 0.5 * r_.dot(g);
    }
    void hessian_vector(tsr::CVecMap, tsr::CVecMap v, tsr::VecMap hv) { hv.noalias() = A_ * v; }


private:
    using Vec = tsr::Vec;
    tsr::Mat A_;
    Vec r_, Ar_;  // scratch: x − x*, A(x − x*)
};

TSR_REGISTER(Quadratic);

}  // namespace baselines
