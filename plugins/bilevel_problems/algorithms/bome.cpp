// bilevel.bome — BOME (Bilevel Optimization Made Easy; Liu, Ye, Wright, Stone & Liu, NeurIPS
// 2022, Alg. 1), a first-order method on the value-function constraint q(x, y) = g(x, y) − g*(x)
// ≤ 0 with a dynamic barrier: per iteration,
//
//   z ← y;  T projected gradient steps z ← Π_Y(z − ξ ∇_y g(x, z))            (z ≈ argmin g(x, ·))
//   ∇q̂ = (∇_x g(x, y) − ∇_x g(x, z),  ∇_y g(x, y))                            (q̂ = g(x,y) − g(x,z))
//   λ = max( η − ⟨∇f, ∇q̂⟩ / (‖∇q̂‖² + 1e-8),  0 )                              (φ = η‖∇q̂‖²)
//   (x, y) ← (Π_X(x − α(∇_x f + λ ∇_x q̂)),  Π_Y(y − α_y(∇_y f + λ ∇_y q̂)))
//
// the form of the authors' toy code (Cranial-XIX/BOME, toy/toy_lls.py: `d = df + relu(eta −
// dot/(norm_dq + 1e-8)) * dg`, z restarted at y every iteration). Fully first order, like the
// penalty method; a baseline the penalty papers compare against.
//
// @inproceedings{liu2022bome, author = {Liu, Bo and Ye, Mao and Wright, Stephen and Stone, Peter
//   and Liu, Qiang}, title = {{BOME}! Bilevel Optimization Made Easy: A Simple First-Order
//   Approach}, booktitle = {NeurIPS}, year = {2022}}
#include "../common.hpp"

namespace bilevel {

class Bome {
public:
    static constexpr tsr::Info info{"bilevel.bome", "1.0.0",
                                    "BOME: joint first-order steps on (x, y) along grad f + lambda grad q, q = g(x, y) "
                                    "- g(x, z_T), with the dynamic-barrier lambda",
                                    "Liu, Ye, Wright, Stone & Liu, BOME! Bilevel optimization made easy: a simple "
                                    "first-order approach, NeurIPS 2022 (Alg. 1)"};
    static constexpr const char* needs[] = {TSR_BILEVEL_V1};
    struct Params {
        double alpha = 0.5;
        double alpha_y = 0.5;
        double xi = 0.5;
        double eta = 0.5;
        int64_t inner_steps = 10;
        int64_t max_iter = 1000;
        int64_t report_every = 1;
        static void schema(tsr::Schema<Params>& s) {
            s.real("alpha", &Params::alpha, "step size on x", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("alpha_y", &Params::alpha_y, "step size on y (the authors' toy uses one step for both: 0.5)",
                   {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("xi", &Params::xi, "inner step size on z for g(x, .)", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("eta", &Params::eta, "barrier constant: phi = eta ||grad q||^2 (authors' toy: 0.5)", {.min = 0.0});
            s.integer("inner_steps", &Params::inner_steps, "T: inner steps on z, restarted at y", {.min = 0});
            s.integer("max_iter", &Params::max_iter, "number of iterations", {.min = 0});
            s.integer("report_every", &Params::report_every, "trace point every this many iterations", {.min = 1});
        }
    };

    explicit Bome(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const tsr::BilevelRef b = r.bilevel();
        const int64_t nx = b.dim_x(), ny = b.dim_y();
        Vec x(nx), y(ny), z(ny), fx(nx), fy(ny), gx(nx), gxz(nx), gy(ny), gz(ny), qx(nx);
        b.initial_point(x, y);
        double lambda = 0.0;
        iterate(
            r, x, y, p_.max_iter, p_.report_every,
            [&](int64_t) {
                z = y;
                for (int64_t t = 0; t < p_.inner_steps; ++t) {
                    b.lower(x, z, {}, nullptr, gz.data());
                    z -= p_.xi * gz;
                    b.project_y(z, z);
                }
                const double f = b.upper(x, y, {}, fx.data(), fy.data());
                const double gyv = b.lower(x, y, {}, gx.data(), gy.data());
                const double gzv = b.lower(x, z, {}, gxz.data(), nullptr);
                qx = gx - gxz;
                const double dq2 = qx.squaredNorm() + gy.squaredNorm();
                const double dot = fx.dot(qx) + fy.dot(gy);
                lambda = std::max(p_.eta - dot / (dq2 + 1e-8), 0.0);
                return TracePoint{f, {"lambda", lambda}, {"lower_gap", gyv - gzv}};
            },
            [&] {
                x -= p_.alpha * (fx + lambda * qx);
                b.project_x(x, x);
                y -= p_.alpha_y * (fy + lambda * gy);
                b.project_y(y, y);
            });
    }

private:
    Params p_;
};

TSR_REGISTER(Bome);

}  // namespace bilevel
