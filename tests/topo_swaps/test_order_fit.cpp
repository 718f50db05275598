// TOPO's pieces against direct computations on a random linear SEM (d = 12, n = 500).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <Eigen/Dense>

#include "math/graph.hpp"
#include "math/ls_score.hpp"
#include "order_fit.hpp"
#include "swap_search.hpp"

namespace {

using topo::Mat;

// Σ̂ of n samples of X = XW + N on an ER2 DAG, and the true order.
Mat sample_cov(int64_t d, int64_t n, uint64_t seed) {
    tsr::kit::Rng rng(seed);
    const Mat B = causal::erdos_renyi_dag(d, 2.0 * static_cast<double>(d), true, rng);
    Mat W = B;
    for (int64_t i = 0; i < d; ++i)
        for (int64_t j = 0; j < d; ++j)
            if (B(i, j) != 0.0) W(i, j) = (rng.uniform() < 0.5 ? -1.0 : 1.0) * (0.5 + 1.5 * rng.uniform());
    Mat N(n, d);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < d; ++j) N(i, j) = rng.normal();
    const Mat X = N * (Mat::Identity(d, d) - W).inverse();
    return causal::covariance(X, true);
}

// Column j regressed on its predecessors, directly.
Mat direct_fit(const Mat& S, const std::vector<int64_t>& order) {
    const int64_t d = S.rows();
    Mat W = Mat::Zero(d, d);
    for (int64_t k = 1; k < d; ++k) {
        Eigen::VectorXi P(k);
        for (int64_t l = 0; l < k; ++l) P(l) = static_cast<int>(order[static_cast<size_t>(l)]);
        const int64_t j = order[static_cast<size_t>(k)];
        const Eigen::VectorXd w = S(P, P).ldlt().solve(S(P, Eigen::VectorXi::Constant(1, static_cast<int>(j))));
        for (int64_t l = 0; l < k; ++l) W(P(l), j) = w(l);
    }
    return W;
}

}  // namespace

TEST_CASE("the Cholesky order fit is node-by-node least squares, and its loss is Q(W)") {
    const Mat S = sample_cov(12, 500, 7);
    tsr::kit::Rng rng(3);
    const auto order = tsr::kit::random_permutation(12, rng);
    topo::OrderFit fit(S);
    fit.set_order(order);
    Mat W;
    fit.weights(W);
    CHECK((W - direct_fit(S, order)).cwiseAbs().maxCoeff() < 1e-9);
    causal::LeastSquares ls(S);
    CHECK(fit.loss() == doctest::Approx(ls.value(W)).epsilon(1e-12));
}

TEST_CASE("a swap's score by the Schur-complement update equals a full refit") {
    const Mat S = sample_cov(12, 500, 11);
    tsr::kit::Rng rng(5);
    const auto order = tsr::kit::random_permutation(12, rng);
    topo::OrderFit fit(S), ref(S);
    fit.set_order(order);
    for (int64_t a = 0; a < 12; ++a)
        for (int64_t b = a + 1; b < 12; ++b) {
            auto swapped = order;
            std::swap(swapped[static_cast<size_t>(a)], swapped[static_cast<size_t>(b)]);
            ref.set_order(swapped);
            CHECK(fit.swap_loss(a, b) == doctest::Approx(ref.loss()).epsilon(1e-10));
        }
}

TEST_CASE("the search decreases the score at every round and ends where no swap improves") {
    const Mat S = sample_cov(12, 500, 13);
    tsr::kit::Rng rng(9);
    topo::OrderFit fit(S);
    fit.set_order(tsr::kit::random_permutation(12, rng));
    double last = fit.loss();
    const double start = last;
    topo::SwapSearch search(fit, {.size_small = 10, .size_large = 66, .no_large_search = 1000});
    bool monotone = true;
    search.run([&](int64_t, double q, int64_t, int64_t, bool) {
        monotone = monotone && q < last;
        last = q;
        return false;
    });
    CHECK(monotone);
    CHECK(fit.loss() < start);
    // the large set is every forbidden pair and may be used without limit: at the end no swap improves
    for (int64_t a = 0; a < 12; ++a)
        for (int64_t b = a + 1; b < 12; ++b) CHECK(fit.swap_loss(a, b) >= fit.loss() * (1.0 - 1e-12));
}
