// Unit tests of tessera/kit/mlp.hpp: backpropagation against central finite differences, the
// symmetric initialisation, no allocation after construction, and SGD reducing a regression loss.
// EIGEN_RUNTIME_NO_MALLOC lets the test forbid Eigen heap allocation around hot calls; its check is
// an eigen_assert, compiled out under NDEBUG, so eigen_assert is redefined to throw in every build.
#include <stdexcept>
#define EIGEN_RUNTIME_NO_MALLOC
#define eigen_assert(x) \
    if (!(x)) throw std::logic_error("eigen_assert: " #x)
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>

#include <tessera/kit/mlp.hpp>
#include <tessera/kit/rng.hpp>

using tsr::Vec;
using tsr::kit::Mlp;
using tsr::kit::MlpInit;
using tsr::kit::Rng;

namespace {

Vec random_vec(Rng& rng, int64_t n) {
    Vec v(n);
    for (auto& e : v) e = rng.normal();
    return v;
}

// dyᵀ f(x; θ) as a function of θ.
double projected_output(Mlp& net, const Vec& x, const Vec& dy) { return dy.dot(net.forward(x)); }

void check_gradient(int64_t d, int64_t m, int64_t k, const MlpInit& init, uint64_t seed) {
    Rng rng(seed);
    Mlp net(d, m, k, rng, init);
    const Vec x = random_vec(rng, d);
    const Vec dy = random_vec(rng, k);
    Vec grad(net.n_params());
    net.forward(x);
    net.backward(dy, grad);

    const double h = 1e-6;
    double max_err = 0.0, max_abs = 0.0;
    for (int64_t p = 0; p < net.n_params(); ++p) {
        const double saved = net.params()(p);
        net.params()(p) = saved + h;
        const double up = projected_output(net, x, dy);
        net.params()(p) = saved - h;
        const double down = projected_output(net, x, dy);
        net.params()(p) = saved;
        const double fd = (up - down) / (2 * h);
        max_err = std::max(max_err, std::abs(fd - grad(p)));
        max_abs = std::max(max_abs, std::abs(grad(p)));
    }
    CHECK(max_abs > 0.0);
    CHECK(max_err <= 1e-6 * std::max(1.0, max_abs));
}

}  // namespace

TEST_CASE("backward matches central finite differences") {
    SUBCASE("scalar output") { check_gradient(5, 16, 1, {}, 1); }
    SUBCASE("vector output, random biases") { check_gradient(4, 12, 3, {.b_sd = 0.5}, 2); }
    SUBCASE("symmetric init") { check_gradient(6, 20, 2, {.symmetric = true}, 3); }
    SUBCASE("one input, width one") { check_gradient(1, 1, 1, {.b_sd = 1.0}, 4); }
}

TEST_CASE("backward_add accumulates c times the gradient") {
    Rng rng(5);
    Mlp net(3, 8, 2, rng, {.b_sd = 0.3});
    const Vec x1 = random_vec(rng, 3), x2 = random_vec(rng, 3), dy = random_vec(rng, 2);
    Vec g1(net.n_params()), g2(net.n_params()), sum = Vec::Zero(net.n_params());
    net.forward(x1);
    net.backward(dy, g1);
    net.backward_add(dy, sum, 0.5);
    net.forward(x2);
    net.backward(dy, g2);
    net.backward_add(dy, sum, -2.0);
    CHECK((sum - (0.5 * g1 - 2.0 * g2)).norm() <= 1e-12 * (1.0 + g1.norm() + g2.norm()));
}

TEST_CASE("flat layout: the views are the documented segments of params()") {
    Rng rng(6);
    Mlp net(3, 4, 2, rng, {.b_sd = 1.0});
    CHECK(net.n_params() == 4 * 3 + 4 + 2 * 4 + 2);
    CHECK(net.W1()(1, 2) == net.params()(2 * 4 + 1));
    CHECK(net.b1()(3) == net.params()(12 + 3));
    CHECK(net.W2()(1, 3) == net.params()(16 + 3 * 2 + 1));
    CHECK(net.b2()(1) == net.params()(24 + 1));
    const Vec x = random_vec(rng, 3);
    const Vec ref = net.W2() * (net.W1() * x + net.b1()).cwiseMax(0.0) + net.b2();
    CHECK((net.forward(x) - ref).norm() <= 1e-12);
}

TEST_CASE("symmetric init: f(x; θ0) = 0 everywhere, the gradient is not zero") {
    Rng rng(7);
    Mlp net(5, 32, 1, rng, {.symmetric = true});
    Vec g(net.n_params());
    for (int i = 0; i < 10; ++i) {
        const Vec x = random_vec(rng, 5);
        CHECK(std::abs(net.forward(x)(0)) <= 1e-12);
        net.backward(Vec::Ones(1), g);
        CHECK(g.norm() > 0.1);
    }
    CHECK_THROWS_AS(Mlp(2, 3, 1, rng, {.symmetric = true}), std::invalid_argument);
}

TEST_CASE("forward, backward and sgd_step do not allocate") {
    Rng rng(8);
    Mlp net(10, 64, 3, rng);
    const Vec x = random_vec(rng, 10), dy = random_vec(rng, 3);
    Vec g(net.n_params());
    Eigen::internal::set_is_malloc_allowed(false);
    CHECK_THROWS_AS(Vec(100), std::logic_error);  // the guard is live in this build
    for (int i = 0; i < 3; ++i) {
        net.forward(x);
        net.backward(dy, g);
        net.backward_add(dy, g, 0.5);
        net.sgd_step(g, 1e-3);
    }
    Eigen::internal::set_is_malloc_allowed(true);
    CHECK(g.allFinite());
}

TEST_CASE("SGD decreases a regression loss") {
    // y = sin(3 x0) + x1², 200 points in [-1, 1]², squared loss, 200 epochs of plain SGD.
    Rng rng(9);
    const int n = 200;
    Eigen::MatrixXd X(2, n);
    Vec y(n);
    for (int i = 0; i < n; ++i) {
        X(0, i) = rng.uniform(-1, 1);
        X(1, i) = rng.uniform(-1, 1);
        y(i) = std::sin(3 * X(0, i)) + X(1, i) * X(1, i);
    }
    Mlp net(2, 64, 1, rng);
    Vec g(net.n_params()), dy(1);
    auto loss = [&] {
        double s = 0.0;
        for (int i = 0; i < n; ++i) s += 0.5 * std::pow(net.forward(X.col(i))(0) - y(i), 2);
        return s / n;
    };
    const double before = loss();
    for (int epoch = 0; epoch < 200; ++epoch)
        for (int i = 0; i < n; ++i) {
            dy(0) = net.forward(X.col(i))(0) - y(i);
            net.backward(dy, g);
            net.sgd_step(g, 0.01);
        }
    const double after = loss();
    MESSAGE("regression loss " << before << " -> " << after);
    CHECK(after < 0.05 * before);
    CHECK(after < 0.02);
}
