// The causal plugin's math: accuracy counts of known cases, random DAGs, the matrix exponential,
// and every gradient the solvers use against central finite differences.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <unsupported/Eigen/MatrixFunctions>

#include "math/dagma.hpp"
#include "math/expm.hpp"
#include "math/graph.hpp"
#include "math/lbfgsb.hpp"
#include "math/ls_score.hpp"
#include "math/notears.hpp"
#include "math/sem.hpp"

using namespace causal;
using Vec = Eigen::VectorXd;

namespace {

Mat edges(int64_t d, std::initializer_list<std::pair<int, int>> list) {
    Mat B = Mat::Zero(d, d);
    for (auto [i, j] : list) B(i, j) = 1.0;
    return B;
}

Mat random_matrix(int64_t d, double scale, uint64_t seed) {
    tsr::kit::Rng rng(seed);
    Mat A(d, d);
    for (int64_t j = 0; j < d; ++j)
        for (int64_t i = 0; i < d; ++i) A(i, j) = scale * rng.normal();
    return A;
}

// Max relative error of the analytic gradient g of f at x against central differences.
template <class F>
double fd_error(F&& f, Vec x, const Vec& g, double eps = 1e-6) {
    double worst = 0.0;
    for (int64_t i = 0; i < x.size(); ++i) {
        const double xi = x[i];
        x[i] = xi + eps;
        const double fp = f(x);
        x[i] = xi - eps;
        const double fm = f(x);
        x[i] = xi;
        const double num = (fp - fm) / (2 * eps);
        worst = std::max(worst, std::abs(num - g[i]) / std::max(1.0, std::abs(g[i])));
    }
    return worst;
}

}  // namespace

TEST_CASE("count_accuracy: a reversed edge counts once, extra and missing edges once each") {
    const Mat truth = edges(4, {{0, 1}, {1, 2}, {2, 3}});
    SUBCASE("exact") {
        const Accuracy a = count_accuracy(truth, truth);
        CHECK(a.shd == 0);
        CHECK(a.tpr == 1.0);
        CHECK(a.fdr == 0.0);
        CHECK(a.nnz == 3);
    }
    SUBCASE("one reversed edge") {
        const Accuracy a = count_accuracy(truth, edges(4, {{1, 0}, {1, 2}, {2, 3}}));
        CHECK(a.shd == 1);
        CHECK(a.tpr == doctest::Approx(2.0 / 3.0));
        CHECK(a.fdr == doctest::Approx(1.0 / 3.0));
        CHECK(a.fpr == doctest::Approx(1.0 / 3.0));  // cond_neg = 4·3/2 − 3 = 3
    }
    SUBCASE("one extra edge") {
        const Accuracy a = count_accuracy(truth, edges(4, {{0, 1}, {1, 2}, {2, 3}, {0, 3}}));
        CHECK(a.shd == 1);
        CHECK(a.tpr == 1.0);
        CHECK(a.fdr == doctest::Approx(0.25));
        CHECK(a.nnz == 4);
    }
    SUBCASE("one missing edge") {
        const Accuracy a = count_accuracy(truth, edges(4, {{0, 1}, {2, 3}}));
        CHECK(a.shd == 1);
        CHECK(a.tpr == doctest::Approx(2.0 / 3.0));
        CHECK(a.fdr == 0.0);
    }
    SUBCASE("reversed + extra + missing") {
        const Accuracy a = count_accuracy(truth, edges(4, {{1, 0}, {0, 2}}));
        CHECK(a.shd == 4);  // reversed 0-1, extra 0-2, missing 1-2 and 2-3
        CHECK(a.tpr == 0.0);
        CHECK(a.fdr == 1.0);
    }
    SUBCASE("empty estimate") { CHECK(count_accuracy(truth, Mat::Zero(4, 4)).shd == 3); }
}

TEST_CASE("is_dag by topological sort") {
    CHECK(is_dag(edges(3, {{0, 1}, {1, 2}, {0, 2}})));
    CHECK_FALSE(is_dag(edges(3, {{0, 1}, {1, 2}, {2, 0}})));
    CHECK_FALSE(is_dag(edges(3, {{1, 1}})));
    CHECK(topological_order(edges(3, {{2, 0}, {0, 1}})) == std::vector<int64_t>{2, 0, 1});
}

TEST_CASE("random DAGs: acyclic, with the expected number of edges") {
    for (uint64_t seed = 1; seed <= 20; ++seed) {
        tsr::kit::Rng rng(seed);
        const Mat B = erdos_renyi_dag(20, 40, true, rng);
        CHECK(is_dag(B));
        CHECK((B.array() != 0).count() == 40);
        CHECK(B.diagonal().isZero());
        const Mat S = barabasi_albert_dag(20, 2, rng);
        CHECK(is_dag(S));
        CHECK((S.array() != 0).count() == 1 + 2 * 18);  // node 1 links once, nodes 2..19 twice
    }
    double total = 0;
    const int reps = 200;
    for (uint64_t seed = 1; seed <= reps; ++seed) {
        tsr::kit::Rng rng(seed);
        const Mat B = erdos_renyi_dag(20, 40, false, rng);
        CHECK(is_dag(B));
        total += static_cast<double>((B.array() != 0).count());
    }
    // binomial(190, 40/190): mean 40, sd of the mean over 200 draws ≈ 0.4
    CHECK(total / reps == doctest::Approx(40).epsilon(0.05));
}

TEST_CASE("linear SEM samples follow X = XW + N") {
    tsr::kit::Rng rng(3);
    const Mat B = erdos_renyi_dag(10, 20, true, rng);
    const Mat W = random_weights(B, 0.5, 2.0, rng);
    CHECK(((W.array().abs() >= 0.5 && W.array().abs() <= 2.0) || W.array() == 0).all());
    const Vec var = Vec::Constant(10, 1.0);
    for (Noise kind : {Noise::gauss, Noise::exp, Noise::gumbel, Noise::laplace}) {
        const RowMat X = simulate_linear_sem(W, 20000, kind, var, rng);
        const RowMat N = X - X * W;
        // every noise type is parameterized to variance var
        for (int64_t j = 0; j < 10; ++j) {
            const double mean = N.col(j).mean();
            const double v = (N.col(j).array() - mean).square().mean();
            CHECK(v == doctest::Approx(1.0).epsilon(0.08));
        }
    }
}

TEST_CASE("least-squares score on the covariance equals (1/2n)||X - XW||^2 and has the right gradient") {
    tsr::kit::Rng rng(5);
    RowMat X(50, 6);
    for (int64_t i = 0; i < X.size(); ++i) X.data()[i] = rng.normal();
    const Mat W = random_matrix(6, 0.3, 6);
    LeastSquares q(covariance(X, true));
    RowMat Xc = X;
    Xc.rowwise() -= Xc.colwise().mean();
    CHECK(q.value(W) == doctest::Approx(0.5 / 50 * (Xc - Xc * W).squaredNorm()).epsilon(1e-12));
    Mat G;
    q.value_gradient(W, G);
    auto f = [&](const Vec& w) { return q.value(Eigen::Map<const Mat>(w.data(), 6, 6)); };
    CHECK(fd_error(f, Eigen::Map<const Vec>(W.data(), 36), Eigen::Map<const Vec>(G.data(), 36)) < 1e-7);
}

TEST_CASE("expm matches Eigen's matrix exponential at every Padé degree") {
    for (double scale : {1e-3, 0.02, 0.1, 0.3, 0.6, 2.0, 10.0}) {
        const Mat A = random_matrix(8, scale, 7).cwiseAbs();
        Expm e(8);
        Mat E(8, 8);
        e.compute(A, E);
        const Mat ref = A.exp();
        CHECK((E - ref).cwiseAbs().maxCoeff() <= 1e-12 * std::max(1.0, ref.cwiseAbs().maxCoeff()));
    }
}

TEST_CASE("NOTEARS: h vanishes exactly on DAGs; the augmented Lagrangian's gradient matches finite differences") {
    const int64_t d = 5;
    tsr::kit::Rng rng(11);
    const Mat B = erdos_renyi_dag(d, 6, true, rng);
    const Mat Wdag = random_weights(B, 0.5, 2.0, rng);
    RowMat X = simulate_linear_sem(Wdag, 200, Noise::gauss, Vec::Constant(d, 1.0), rng);
    NotearsLagrangian L(covariance(X, true), 0.1);
    Mat Wd = Wdag;
    CHECK(std::abs(L.h(Wd)) < 1e-12);
    L.rho = 10.0;
    L.alpha = 0.7;
    Vec w(2 * d * d);
    for (double& v : w) v = std::abs(0.4 * rng.normal());
    Vec g(w.size());
    L.value_gradient(w, g);
    Vec scratch(w.size());
    auto f = [&](const Vec& x) { return L.value_gradient(x, scratch); };
    CHECK(fd_error(f, w, g) < 1e-6);
    Mat W(d, d);
    L.adjacency(w, W);
    CHECK(L.h(W) > 0.0);
}

TEST_CASE("DAGMA: h^s vanishes on DAGs; h^s and its gradient match finite differences") {
    const int64_t d = 6;
    tsr::kit::Rng rng(13);
    LogDetAcyclicity h(d);
    const Mat Wdag = random_weights(erdos_renyi_dag(d, 8, true, rng), 0.5, 2.0, rng);
    for (double s : {1.0, 0.8}) {
        REQUIRE(h.factorize(Wdag, s));  // a DAG is in every W^s (its W∘W is nilpotent)
        CHECK(std::abs(h.value(s)) < 1e-12);
        const Mat W = random_matrix(d, 0.15, 17);
        REQUIRE(h.factorize(W, s));
        const double h0 = h.value(s);
        CHECK(h0 > 0.0);
        // the value: −log det(sI − W∘W) + d log s by a direct determinant
        Mat M = s * Mat::Identity(d, d) - W.cwiseProduct(W);
        CHECK(h0 == doctest::Approx(-std::log(M.determinant()) + d * std::log(s)).epsilon(1e-12));
        Mat G;
        h.gradient(W, G);
        LogDetAcyclicity probe(d);
        auto f = [&](const Vec& x) {
            const Eigen::Map<const Mat> X(x.data(), d, d);
            probe.factorize(X, s);
            return probe.value(s);
        };
        CHECK(fd_error(f, Eigen::Map<const Vec>(W.data(), d * d), Eigen::Map<const Vec>(G.data(), d * d)) < 1e-6);
    }
    // Outside the domain: a 2-cycle with large weights makes sI − W∘W lose the M-matrix property.
    Mat C = Mat::Zero(2, 2);
    C(0, 1) = C(1, 0) = 1.5;
    LogDetAcyclicity h2(2);
    CHECK_FALSE(h2.factorize(C, 1.0));
}

TEST_CASE("projected L-BFGS solves a bound-constrained quadratic") {
    // min ½ xᵀ A x − bᵀx over x >= 0, x_2 fixed at 0: the KKT point is checked directly.
    const int64_t n = 12;
    const Mat R = random_matrix(n, 1.0, 19);
    const Mat A = R.transpose() * R + Mat::Identity(n, n);
    tsr::kit::Rng rng(23);
    Vec b(n);
    for (double& v : b) v = rng.normal();
    Vec lo = Vec::Zero(n), hi = Vec::Constant(n, std::numeric_limits<double>::infinity());
    hi[2] = 0.0;
    Lbfgsb solver(n, {.pgtol = 1e-10, .ftol = 0.0});
    Vec x = Vec::Zero(n);
    auto fg = [&](const Vec& v, Vec& g) {
        g = A * v - b;
        return 0.5 * v.dot(A * v) - b.dot(v);
    };
    const LbfgsbResult res = solver.minimize(fg, x, lo, hi);
    CHECK(res.converged);
    const Vec g = A * x - b;
    for (int64_t i = 0; i < n; ++i) {
        CHECK(x[i] >= 0.0);
        if (i == 2) CHECK(x[i] == 0.0);
        else if (x[i] > 0) CHECK(std::abs(g[i]) < 1e-8);
        else CHECK(g[i] > -1e-8);
    }
}
