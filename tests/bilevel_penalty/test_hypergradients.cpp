// The bilevel pieces against independent computations:
//   - AID (CG on ∇²_yy g) equals the implicit-function-theorem gradient in closed form on a
//     strongly convex quadratic lower level;
//   - ITD (reverse mode through T steps) equals central finite differences of the unrolled map
//     x ↦ f(x, y_T(x)), on the nonlinear problems (hyper-cleaning, L2 tuning);
//   - the penalty gradient ∇ψ_σ = ∇_x f(y_σ) + (∇_x g(y_σ) − ∇_x g(z*))/σ (Kwon et al., ICLR
//     2024, Thm 3.2), assembled by PenaltyDirections, equals finite differences of ψ_σ itself;
//   - the problems' gradients and Hessian-vector products equal finite differences, and a
//     minibatch of all terms equals the full function.
// The components are used directly (no host): `Direct<P>` gives a problem class the calling API
// of tsr::BilevelRef.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <Eigen/Dense>
#include <numeric>

#include "bilevel_penalty/penalty_gradient.hpp"
#include "bilevel_problems/hypergradient.hpp"
#include "bilevel_problems/lower_solver.hpp"
#include "bilevel_problems/problems/hyperclean.hpp"
#include "bilevel_problems/problems/l2_tuning.hpp"
#include "bilevel_problems/problems/toy_nonunique.hpp"

using bilevel::Vec;
using tsr::CVecMap;
using tsr::CVecRef;
using tsr::VecMap;
using tsr::VecRef;

namespace {

VecMap out(double* p, int64_t n) { return p ? VecMap(p, n) : VecMap(nullptr, 0); }

// The calling side of tsr.bilevel.v1 (oracles.hpp's BilevelRef) over a problem class, in process.
template <class P>
struct Direct {
    P& p;
    int64_t dim_x() const { return p.dim_x(); }
    int64_t dim_y() const { return p.dim_y(); }
    int64_t n_upper() const { return p.n_upper(); }
    int64_t n_lower() const { return p.n_lower(); }
    void initial_point(VecRef x0, VecRef y0) const { p.initial_point(VecMap(x0.data(), dim_x()), VecMap(y0.data(), dim_y())); }
    double upper(CVecRef x, CVecRef y, std::span<const int64_t> idx, double* fx, double* fy) const {
        return p.upper(CVecMap(x.data(), dim_x()), CVecMap(y.data(), dim_y()), idx, out(fx, dim_x()), out(fy, dim_y()));
    }
    double lower(CVecRef x, CVecRef y, std::span<const int64_t> idx, double* gx, double* gy) const {
        return p.lower(CVecMap(x.data(), dim_x()), CVecMap(y.data(), dim_y()), idx, out(gx, dim_x()), out(gy, dim_y()));
    }
    void lower_hvp(CVecRef x, CVecRef y, CVecRef v, double* hyy, double* hxy) const {
        p.lower_hvp(CVecMap(x.data(), dim_x()), CVecMap(y.data(), dim_y()), CVecMap(v.data(), dim_y()), out(hyy, dim_y()),
                    out(hxy, dim_x()));
    }
    void project_x(CVecRef x, VecRef o) const { p.project_x(CVecMap(x.data(), dim_x()), VecMap(o.data(), dim_x())); }
    void project_y(CVecRef y, VecRef o) const { p.project_y(CVecMap(y.data(), dim_y()), VecMap(o.data(), dim_y())); }
};
template <class P>
Direct(P&) -> Direct<P>;

// f(x, y) = ½‖y − b‖² + ½‖x‖²,  g(x, y) = ½ yᵀHy − yᵀBx  (H ≻ 0):  y*(x) = H⁻¹Bx and
// ∇φ(x) = x + BᵀH⁻¹(y*(x) − b)  in closed form.
struct Quadratic {
    tsr::Mat H, B;
    Vec b;
    explicit Quadratic(uint64_t seed) {
        tsr::kit::Rng rng(seed);
        tsr::Mat M(4, 4);
        B.resize(4, 3);
        b.resize(4);
        for (int i = 0; i < 4; ++i) {
            b[i] = rng.normal();
            for (int j = 0; j < 4; ++j) M(i, j) = rng.normal();
            for (int j = 0; j < 3; ++j) B(i, j) = rng.normal();
        }
        H = M * M.transpose() + tsr::Mat::Identity(4, 4);
    }
    int64_t dim_x() const { return 3; }
    int64_t dim_y() const { return 4; }
    int64_t n_upper() const { return 1; }
    int64_t n_lower() const { return 1; }
    void initial_point(VecMap x0, VecMap y0) const {
        x0.setZero();
        y0.setZero();
    }
    double upper(CVecMap x, CVecMap y, std::span<const int64_t>, VecMap fx, VecMap fy) {
        if (fx.data()) fx = x;
        if (fy.data()) fy = y - b;
        return 0.5 * (y - b).squaredNorm() + 0.5 * x.squaredNorm();
    }
    double lower(CVecMap x, CVecMap y, std::span<const int64_t>, VecMap gx, VecMap gy) {
        if (gx.data()) gx = -B.transpose() * y;
        if (gy.data()) gy = H * y - B * x;
        return 0.5 * y.dot(H * y) - y.dot(B * x);
    }
    void lower_hvp(CVecMap, CVecMap, CVecMap v, VecMap hyy, VecMap hxy) {
        if (hyy.data()) hyy = H * v;
        if (hxy.data()) hxy = -B.transpose() * v;
    }
    void project_x(CVecMap x, VecMap o) { o = x; }
    void project_y(CVecMap y, VecMap o) { o = y; }
};

Vec random_vec(int64_t n, uint64_t seed, double scale = 1.0) {
    tsr::kit::Rng rng(seed);
    Vec v(n);
    for (double& e : v) e = scale * rng.normal();
    return v;
}

// Central differences of a scalar function of x.
template <class F>
Vec finite_difference(F&& F_of, const Vec& x, double h) {
    Vec g(x.size()), xp = x;
    for (int64_t i = 0; i < x.size(); ++i) {
        xp[i] = x[i] + h;
        const double fp = F_of(xp);
        xp[i] = x[i] - h;
        const double fm = F_of(xp);
        xp[i] = x[i];
        g[i] = (fp - fm) / (2.0 * h);
    }
    return g;
}

void check_close(const Vec& a, const Vec& b, double tol) {
    REQUIRE(a.size() == b.size());
    const double err = (a - b).lpNorm<Eigen::Infinity>(), scale = std::max(1.0, b.lpNorm<Eigen::Infinity>());
    INFO("max |a - b| = ", err, " (scale ", scale, ")");
    CHECK(err <= tol * scale);
}

bilevel::Hyperclean small_hyperclean(uint64_t seed) {
    bilevel::Hyperclean::Params p;
    p.n_train = 40;
    p.n_val = 30;
    p.n_test = 10;
    p.d = 6;
    return bilevel::Hyperclean(p, seed);
}
bilevel::L2Tuning small_l2(uint64_t seed, bool per_feature) {
    bilevel::L2Tuning::Params p;
    p.n_train = 30;
    p.n_val = 20;
    p.n_test = 10;
    p.d = 5;
    p.per_feature = per_feature;
    return bilevel::L2Tuning(p, seed);
}

// ITD's hypergradient against central differences of x ↦ f(x, y_T(x)) (y_0 fixed).
template <class P>
void check_itd(P& problem, const Vec& x, const Vec& y0, int64_t T, double beta) {
    Direct b{problem};
    bilevel::ItdHypergradient itd(b.dim_x(), b.dim_y(), T);
    Vec y = y0, h(b.dim_x());
    itd.compute(b, x, y, beta, h);
    Vec gy(b.dim_y());
    auto unrolled = [&](const Vec& xs) {
        Vec yt = y0;
        for (int64_t t = 0; t < T; ++t) {
            b.lower(xs, yt, {}, nullptr, gy.data());
            yt -= beta * gy;
        }
        return b.upper(xs, yt, {}, nullptr, nullptr);
    };
    check_close(h, finite_difference(unrolled, x, 1e-5), 1e-7);
}

// ∇_y, ∇_x of both levels and both Hessian-vector products against finite differences; the
// minibatch of all terms against the full function.
template <class P>
void check_derivatives(P& problem, const Vec& x, const Vec& y, uint64_t seed) {
    Direct b{problem};
    const int64_t dx = b.dim_x(), dy = b.dim_y();
    Vec fx(dx), fy(dy), gx(dx), gy(dy), hyy(dy), hxy(dx), tmp(dy);
    const Vec v = random_vec(dy, seed + 7);
    b.upper(x, y, {}, fx.data(), fy.data());
    b.lower(x, y, {}, gx.data(), gy.data());
    b.lower_hvp(x, y, v, hyy.data(), hxy.data());
    const double h = 1e-6;
    check_close(fx, finite_difference([&](const Vec& xs) { return b.upper(xs, y, {}, nullptr, nullptr); }, x, h), 1e-7);
    check_close(fy, finite_difference([&](const Vec& ys) { return b.upper(x, ys, {}, nullptr, nullptr); }, y, h), 1e-7);
    check_close(gx, finite_difference([&](const Vec& xs) { return b.lower(xs, y, {}, nullptr, nullptr); }, x, h), 1e-7);
    check_close(gy, finite_difference([&](const Vec& ys) { return b.lower(x, ys, {}, nullptr, nullptr); }, y, h), 1e-7);
    // ∇²_yy g v = d/dt ∇_y g(x, y + t v);  ∇²_xy g v = ∇_x ⟨∇_y g(x, y), v⟩
    Vec gp(dy), gm(dy);
    b.lower(x, Vec(y + h * v), {}, nullptr, gp.data());
    b.lower(x, Vec(y - h * v), {}, nullptr, gm.data());
    check_close(hyy, (gp - gm) / (2 * h), 1e-6);
    check_close(hxy, finite_difference([&](const Vec& xs) {
                    b.lower(xs, y, {}, nullptr, tmp.data());
                    return tmp.dot(v);
                }, x, h),
                1e-6);
    std::vector<int64_t> all_lower(static_cast<size_t>(b.n_lower())), all_upper(static_cast<size_t>(b.n_upper()));
    std::iota(all_lower.begin(), all_lower.end(), int64_t{0});
    std::iota(all_upper.begin(), all_upper.end(), int64_t{0});
    Vec gx_b(dx), gy_b(dy), fy_b(dy);
    CHECK(b.lower(x, y, all_lower, gx_b.data(), gy_b.data()) == doctest::Approx(b.lower(x, y, {}, nullptr, nullptr)));
    check_close(gx_b, gx, 1e-12);
    check_close(gy_b, gy, 1e-12);
    CHECK(b.upper(x, y, all_upper, nullptr, fy_b.data()) == doctest::Approx(b.upper(x, y, {}, nullptr, nullptr)));
    check_close(fy_b, fy, 1e-12);
}

}  // namespace

TEST_CASE("AID equals the implicit-function-theorem hypergradient on a strongly convex lower level") {
    for (uint64_t seed : {1, 2, 3}) {
        Quadratic q(seed);
        Direct b{q};
        const Vec x = random_vec(3, seed + 100);
        const Vec y_star = q.H.ldlt().solve(q.B * x);
        const Vec exact = x + q.B.transpose() * q.H.ldlt().solve(y_star - q.b);
        bilevel::AidHypergradient aid(3, 4);
        Vec h(3);
        aid.compute(b, x, y_star, 4, 0.0, h);  // CG is exact in dim_y = 4 steps
        check_close(h, exact, 1e-10);
    }
}

TEST_CASE("ITD tends to the implicit hypergradient as the unroll gets long (strongly convex lower level)") {
    Quadratic q(4);
    Direct b{q};
    const Vec x = random_vec(3, 5);
    const Vec y_star = q.H.ldlt().solve(q.B * x);
    const Vec exact = x + q.B.transpose() * q.H.ldlt().solve(y_star - q.b);
    const double beta = 1.0 / Eigen::SelfAdjointEigenSolver<tsr::Mat>(q.H).eigenvalues().maxCoeff();
    bilevel::ItdHypergradient itd(3, 4, 3000);
    Vec y = Vec::Zero(4), h(3);
    itd.compute(b, x, y, beta, h);
    check_close(y, y_star, 1e-8);
    check_close(h, exact, 1e-6);
}

TEST_CASE("ITD equals finite differences of the unrolled map (hyper-cleaning, L2 tuning)") {
    for (uint64_t seed : {1, 2}) {
        auto hc = small_hyperclean(seed);
        check_itd(hc, random_vec(hc.dim_x(), seed + 10), random_vec(hc.dim_y(), seed + 11, 0.3), 8, 0.5);
        auto l2 = small_l2(seed, true);
        check_itd(l2, random_vec(l2.dim_x(), seed + 12, 0.5), random_vec(l2.dim_y(), seed + 13, 0.3), 8, 0.3);
        auto l2s = small_l2(seed, false);
        check_itd(l2s, random_vec(1, seed + 14, 0.5), random_vec(l2s.dim_y(), seed + 15, 0.3), 8, 0.3);
    }
}

TEST_CASE("the penalty gradient of Thm 3.2 equals finite differences of psi_sigma") {
    auto hc = small_hyperclean(3);
    Direct b{hc};
    const double sigma = 0.1;
    const Vec x = random_vec(hc.dim_x(), 30);
    bilevel::LowerSolver solver(hc.dim_x(), hc.dim_y());
    Vec y(hc.dim_y()), z(hc.dim_y());
    auto psi = [&](const Vec& xs) {
        y.setZero();
        z.setZero();
        const double h_star = solver.solve(b, xs, y, sigma, 1.0, 1e-14, 100000).value;
        const double g_star = solver.solve(b, xs, z, 0.0, 1.0, 1e-14, 100000).value;
        return (h_star - g_star) / sigma;
    };
    psi(x);  // y = y_σ*(x), z = z*(x)
    bilevel::PenaltyDirections d(hc.dim_x(), hc.dim_y());
    d.at(b, x, y, z, sigma, {}, {});
    check_close(d.dx, finite_difference(psi, x, 1e-4), 1e-7);
}

TEST_CASE("the toy's lower level is not unique and the penalty directions see y2") {
    bilevel::ToyNonunique::Params p;
    p.n = 3;
    bilevel::ToyNonunique toy(p, 1);
    Direct b{toy};
    Vec x(3), y(6);
    b.initial_point(x, y);
    Vec hyy(6), hxy(3);
    b.lower_hvp(x, y, Vec::Ones(6), hyy.data(), hxy.data());
    CHECK(hyy.tail(3).norm() == 0.0);  // ∇²_yy g is singular along y2
    bilevel::PenaltyDirections d(3, 6);
    d.at(b, x, y, y, 0.1, {}, {});
    CHECK(d.dz.tail(3).norm() == 0.0);  // g never moves y2 ...
    CHECK(d.dy.tail(3).norm() > 0.1);   // ... σ∇_y f does
}

TEST_CASE("problem derivatives equal finite differences; a minibatch of all terms is the full function") {
    for (uint64_t seed : {1, 2}) {
        auto hc = small_hyperclean(seed);
        check_derivatives(hc, random_vec(hc.dim_x(), seed + 20), random_vec(hc.dim_y(), seed + 21), seed);
        auto l2 = small_l2(seed, true);
        check_derivatives(l2, random_vec(l2.dim_x(), seed + 22, 0.5), random_vec(l2.dim_y(), seed + 23), seed);
        auto l2s = small_l2(seed, false);
        check_derivatives(l2s, random_vec(1, seed + 24, 0.5), random_vec(l2s.dim_y(), seed + 25), seed);
        bilevel::ToyNonunique::Params tp;
        tp.n = 4;
        bilevel::ToyNonunique toy(tp, seed);
        check_derivatives(toy, random_vec(4, seed + 26), random_vec(8, seed + 27), seed);
    }
}
