// op.ball_bilinear — a finite-sum bilinear game on Euclidean balls with a planted solution.
//
//   min_{‖x‖≤r} max_{‖y‖≤r} (1/n) Σ_i [xᵀA_i y + b_iᵀx − c_iᵀy],   x, y ∈ R^d,
//   F_i(x, y) = (A_i y + b_i, −A_iᵀx + c_i),   J_{ηG} = (Π_{B(r)}, Π_{B(r)}).
//
// Planted solution (known exactly): x*, y* uniform directions with norms r/2 (interior), and
//   b_i = −A_i y* + noise · ξ_i,  c_i = A_iᵀx* + noise · ζ_i,  ξ, ζ centred over i (Σ_i ξ_i = 0),
// so F(x*, y*) = 0 with (x*, y*) inside the balls: (x*, y*) solves the inclusion (unique when
// Ā is invertible, which holds almost surely for square Gaussian A_i), while the components do
// not vanish there (noise > 0), as in a real finite sum.
// Instance from the seed: A_i = A_0 + spread · E_i (stream mix_seed(seed, 1)); x*, y*, ξ, ζ from
// stream mix_seed(seed, 2). Starting point: u0 = 0. L, L̂ exact (bilinear.hpp).
#include "../common/projections.hpp"
#include "bilinear.hpp"

namespace operators {

class BallBilinear : public OperatorProblem {
public:
    static constexpr tsr::Info info{"op.ball_bilinear", "1.0.0",
                                    "finite-sum bilinear game on Euclidean balls with a planted interior solution",
                                    nullptr};
    struct Params {
        int64_t n = 1000;
        int64_t d = 20;
        double radius = 1.0;
        double spread = 1.0;
        double noise = 1.0;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n", &Params::n, "number of components", {.min = 1});
            s.integer("d", &Params::d, "dimension of x and of y", {.min = 1});
            s.real("radius", &Params::radius, "radius r of both balls", {.min = 1e-12});
            s.real("spread", &Params::spread, "A_i = A_0 + spread * E_i: how much the components differ",
                   {.min = 0.0});
            s.real("noise", &Params::noise, "scale of the centred per-component offsets in b_i, c_i",
                   {.min = 0.0});
        }
    };

    BallBilinear(const Params& p, uint64_t seed) : BallBilinear(p, generate(p, seed)) {}

    void value(tsr::CVecMap u, tsr::VecMap Fu) { sum_.value(u, Fu); }
    void batch(tsr::CVecMap u, std::span<const int64_t> idx, tsr::VecMap out) { sum_.batch(u, idx, out); }
    void resolvent(tsr::CVecMap u, double, tsr::VecMap out) {
        project_ball(u.head(d_), radius_, out.head(d_));
        project_ball(u.tail(d_), radius_, out.tail(d_));
    }

private:
    struct Instance {
        BilinearSum sum;
        Vec x_star;
    };
    BallBilinear(const Params& p, Instance in)
        : OperatorProblem({.dim = 2 * p.d, .n = p.n, .lipschitz = in.sum.lipschitz(),
                           .mean_square_lipschitz = in.sum.mean_square_lipschitz(), .cocoercive = false},
                          Vec::Zero(2 * p.d), std::move(in.x_star)),
          sum_(std::move(in.sum)), d_(p.d), radius_(p.radius) {}

    static Instance generate(const Params& p, uint64_t seed) {
        tsr::kit::Rng rng_a(tsr::kit::mix_seed(seed, 1)), rng_s(tsr::kit::mix_seed(seed, 2));
        tsr::RowMat A = random_components(p.n, p.d, p.d, p.spread, rng_a);
        auto direction = [&](double norm) {
            Vec v(p.d);
            for (double& e : v) e = rng_s.normal();
            return Vec(v * (norm / v.norm()));
        };
        const Vec xs = direction(0.5 * p.radius), ys = direction(0.5 * p.radius);
        tsr::RowMat b(p.n, p.d), c(p.n, p.d);
        for (double& e : b.reshaped()) e = p.noise * rng_s.normal();
        for (double& e : c.reshaped()) e = p.noise * rng_s.normal();
        b.rowwise() -= b.colwise().mean();
        c.rowwise() -= c.colwise().mean();
        for (int64_t i = 0; i < p.n; ++i) {
            const auto Ai = A.middleRows(i * p.d, p.d);
            b.row(i) -= (Ai * ys).transpose();
            c.row(i) += (Ai.transpose() * xs).transpose();
        }
        Vec x_star(2 * p.d);
        x_star << xs, ys;
        return {BilinearSum(p.n, p.d, p.d, std::move(A), std::move(b), std::move(c)), std::move(x_star)};
    }

    BilinearSum sum_;
    int64_t d_;
    double radius_;
};

TSR_REGISTER(BallBilinear);

}  // namespace operators
