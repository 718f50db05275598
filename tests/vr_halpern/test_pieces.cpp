// Unit tests: projections, sampler, PAGE estimator, VR-FoRB (see CMakeLists.txt).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <set>

#include <Eigen/Dense>
#include <vector>

#include "operators/common/projections.hpp"
#include "vr_halpern/page_estimator.hpp"
#include "vr_halpern/vr_forb.hpp"

using tsr::Vec;

namespace {

Vec random_vec(int64_t d, tsr::kit::Rng& rng, double scale = 1.0) {
    Vec v(d);
    for (double& e : v) e = scale * rng.normal();
    return v;
}

// F_i(u) = M_i u + q_i with M_i = S + K_i (S symmetric PSD shared, K_i skew): monotone components.
struct LinearOperator {
    std::vector<tsr::Mat> M;
    std::vector<Vec> q;
    tsr::Mat M_mean;
    Vec q_mean;
    mutable int64_t units = 0;

    LinearOperator(int64_t n, int64_t d, tsr::kit::Rng& rng) {
        tsr::Mat B(d, d);
        for (double& e : B.reshaped()) e = rng.normal() / std::sqrt(static_cast<double>(d));
        const tsr::Mat S = B.transpose() * B;
        M_mean = tsr::Mat::Zero(d, d);
        q_mean = Vec::Zero(d);
        for (int64_t i = 0; i < n; ++i) {
            tsr::Mat C(d, d);
            for (double& e : C.reshaped()) e = rng.normal() / std::sqrt(static_cast<double>(d));
            M.push_back(S + C - C.transpose());
            q.push_back(random_vec(d, rng));
            M_mean += M.back() / static_cast<double>(n);
            q_mean += q.back() / static_cast<double>(n);
        }
    }
    void value(tsr::CVecRef u, tsr::VecRef out) const {
        out = M_mean * u + q_mean;
        units += static_cast<int64_t>(M.size());
    }
    void batch(tsr::CVecRef u, std::span<const int64_t> idx, tsr::VecRef out) const {
        out.setZero();
        for (int64_t i : idx) out += M[static_cast<size_t>(i)] * u + q[static_cast<size_t>(i)];
        out /= static_cast<double>(idx.size());
        units += static_cast<int64_t>(idx.size());
    }
    void resolvent(tsr::CVecRef u, double, tsr::VecRef out) const { out = u; }  // G = 0
};

}  // namespace

TEST_CASE("simplex projection: fixed points, simple cases and the obtuse-angle property") {
    std::vector<double> work;
    Vec x(3);
    Vec v(3);
    v << 0.2, 0.3, 0.5;
    operators::project_simplex(v, x, work);
    CHECK((x - v).norm() < 1e-15);
    v << 1.0, 1.0, -3.0;
    operators::project_simplex(v, x, work);
    CHECK(x[0] == doctest::Approx(0.5));
    CHECK(x[1] == doctest::Approx(0.5));
    CHECK(x[2] == 0.0);
    v << 5.0, 0.0, 0.0;
    operators::project_simplex(v, x, work);
    CHECK(x[0] == doctest::Approx(1.0));

    tsr::kit::Rng rng(7);
    for (int trial = 0; trial < 200; ++trial) {
        const int64_t d = 1 + static_cast<int64_t>(rng.below(30));
        const Vec u = random_vec(d, rng, 3.0);
        Vec p(d);
        operators::project_simplex(u, p, work);
        CHECK(p.minCoeff() >= 0.0);
        CHECK(p.sum() == doctest::Approx(1.0).epsilon(1e-12));
        // Π_Δ(u) = p  ⇔  ⟨u − p, z − p⟩ ≤ 0 for every z ∈ Δ; the vertices suffice.
        for (int64_t j = 0; j < d; ++j) {
            Vec z = Vec::Zero(d);
            z[j] = 1.0;
            CHECK((u - p).dot(z - p) <= 1e-10);
        }
        Vec in_place = u;  // aliasing allowed
        operators::project_simplex(in_place, in_place, work);
        CHECK((in_place - p).norm() < 1e-14);
    }
}

TEST_CASE("ball projection") {
    Vec v(2), x(2);
    v << 3.0, 4.0;
    operators::project_ball(v, 1.0, x);
    CHECK(x.norm() == doctest::Approx(1.0));
    CHECK(x[0] == doctest::Approx(0.6));
    v << 0.3, 0.4;
    operators::project_ball(v, 1.0, x);
    CHECK((x - v).norm() == 0.0);
}

TEST_CASE("subset sampler draws b distinct indices in range, uniformly") {
    tsr::kit::Rng rng(3);
    vr_halpern::SubsetSampler s(10, 4);
    std::vector<int> count(10, 0);
    for (int t = 0; t < 20000; ++t) {
        const auto idx = s.draw(rng);
        REQUIRE(idx.size() == 4);
        std::set<int64_t> seen(idx.begin(), idx.end());
        CHECK(seen.size() == 4);
        for (int64_t i : idx) {
            REQUIRE(i >= 0);
            REQUIRE(i < 10);
            ++count[static_cast<size_t>(i)];
        }
    }
    for (int c : count) CHECK(c == doctest::Approx(8000).epsilon(0.05));  // 20000 · 4/10
}

TEST_CASE("PAGE estimator: exact at a reset, unbiased one step after it, 2b units per step") {
    tsr::kit::Rng rng(11);
    const int64_t n = 50, d = 6, b = 7;
    LinearOperator op(n, d, rng);
    const Vec u_prev = random_vec(d, rng), u = random_vec(d, rng);
    Vec Fu(d), Fprev(d);
    op.value(u, Fu);
    op.value(u_prev, Fprev);

    vr_halpern::PageEstimator est(n, d, b);
    CHECK(est.update(op, u_prev, u_prev, 1.0, rng));
    CHECK((est.estimate() - Fprev).norm() < 1e-12);

    Vec mean = Vec::Zero(d);
    const int draws = 40000;
    for (int t = 0; t < draws; ++t) {
        est.update(op, u_prev, u_prev, 1.0, rng);  // reset at u_prev
        const int64_t before = op.units;
        CHECK_FALSE(est.update(op, u, u_prev, 0.0, rng));
        CHECK(op.units - before == 2 * b);
        mean += est.estimate();
    }
    mean /= draws;
    CHECK((mean - Fu).norm() < 0.02 * Fu.norm());
    // a single draw is not exact (the test above is not vacuous)
    est.update(op, u_prev, u_prev, 1.0, rng);
    est.update(op, u, u_prev, 0.0, rng);
    CHECK((est.estimate() - Fu).norm() > 1e-6);
}

TEST_CASE("PAGE estimator with b = n is exact along a path") {
    tsr::kit::Rng rng(5);
    const int64_t n = 12, d = 4;
    LinearOperator op(n, d, rng);
    vr_halpern::PageEstimator est(n, d, n);
    Vec u = random_vec(d, rng), prev = u, F(d);
    est.update(op, u, u, 1.0, rng);
    for (int t = 0; t < 20; ++t) {
        prev = u;
        u = random_vec(d, rng);
        est.update(op, u, prev, 0.0, rng);
        op.value(u, F);
        CHECK((est.estimate() - F).norm() < 1e-9 * (1.0 + F.norm()));
    }
}

TEST_CASE("VR-FoRB converges to the exact resolvent J_{eta F}(c)") {
    tsr::kit::Rng rng(9);
    const int64_t n = 20, d = 5;
    LinearOperator op(n, d, rng);
    const double eta = 0.5;
    const Vec c = random_vec(d, rng);
    // J_{ηF}(c) = v with v + η(M v + q) = c
    const Vec exact = (tsr::Mat::Identity(d, d) + eta * op.M_mean).lu().solve(c - eta * op.q_mean);
    Vec Fc(d);
    op.value(c, Fc);
    double Lhat2 = 0.0;
    for (const auto& M : op.M) Lhat2 += (M.transpose() * M).eigenvalues().real().maxCoeff() / n;
    const double p = 1.0 / n;
    const vr_halpern::VrForbSettings s{.eta = eta, .gamma = std::sqrt(p * (1 - p)) / (eta * std::sqrt(Lhat2) + 1), .p = p};
    vr_halpern::VrForb forb(n, d);
    const double start_err = (c - exact).norm();
    const Vec v = forb.solve(op, c, Fc, 20000, s, rng);
    CHECK((v - exact).norm() < 1e-6 * start_err);
}
