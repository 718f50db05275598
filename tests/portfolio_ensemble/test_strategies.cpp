// Unit tests of the portfolio strategies (plugins/markets/strategies) and of the ensemble
// (plugins/portfolio_ensemble/ensemble.hpp), on random markets of price relatives.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>

#include "ensemble.hpp"
#include "strategies/catalog.hpp"

using markets::Mat;
using markets::Vec;

namespace {

// T × n lognormal price relatives, log x ~ N(0.0003, 0.02²), from `seed`.
Mat random_market(int64_t T, int64_t n, uint64_t seed) {
    tsr::kit::Rng rng(seed);
    Mat X(T, n);
    for (int64_t t = 0; t < T; ++t)
        for (int64_t i = 0; i < n; ++i) X(t, i) = std::exp(0.0003 + 0.02 * rng.normal());
    return X;
}

bool on_simplex(const Vec& b) { return b.minCoeff() >= 0.0 && std::abs(b.sum() - 1.0) < 1e-10 && b.allFinite(); }

// Plays s on X; checks every portfolio is on the simplex; returns log-wealth.
double play(markets::Strategy& s, const Mat& X) {
    double lw = 0.0;
    for (Eigen::Index t = 0; t < X.rows(); ++t) {
        const Vec x = X.row(t).transpose();
        REQUIRE(on_simplex(s.portfolio()));
        lw += std::log(s.portfolio().dot(x));
        s.observe(x);
    }
    return lw;
}

}  // namespace

TEST_CASE("UCRP and buy-and-hold wealths equal their closed forms") {
    const Mat X = random_market(500, 7, 1);
    markets::Ucrp ucrp(7);
    markets::BuyAndHold bah(7);
    double ucrp_closed = 0.0;
    for (Eigen::Index t = 0; t < X.rows(); ++t) ucrp_closed += std::log(X.row(t).mean());
    // BAH: S_T = (1/n) Σ_i Π_t x_{t,i}
    const double bah_closed = std::log(X.array().log().colwise().sum().exp().mean());
    CHECK(play(ucrp, X) == doctest::Approx(ucrp_closed).epsilon(1e-12));
    CHECK(play(bah, X) == doctest::Approx(bah_closed).epsilon(1e-10));
}

TEST_CASE("every strategy keeps its portfolio on the simplex") {
    const Mat X = random_market(400, 12, 2);
    const markets::StrategyParams params;
    for (const char* name : {"ucrp", "bah", "eg", "ons", "anticor"}) {
        CAPTURE(name);
        auto s = markets::make_strategy(name, 12, params);
        const double lw = play(*s, X);
        CHECK(std::isfinite(lw));
    }
}

TEST_CASE("EG with eta = 0 is UCRP") {
    const Mat X = random_market(200, 5, 3);
    markets::ExponentiatedGradient eg(5, 0.0);
    markets::Ucrp ucrp(5);
    CHECK(play(eg, X) == doctest::Approx(play(ucrp, X)).epsilon(1e-12));
}

TEST_CASE("the A-norm simplex projection of ONS satisfies the KKT conditions") {
    tsr::kit::Rng rng(4);
    for (int trial = 0; trial < 50; ++trial) {
        const int n = 2 + trial % 15;
        Mat G(n, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) G(i, j) = rng.normal();
        const Mat A = G * G.transpose() + 0.1 * Mat::Identity(n, n);
        Vec c(n);
        for (int i = 0; i < n; ++i) c[i] = 3.0 * rng.normal();
        Vec y = Vec::Constant(n, 1.0 / n);
        markets::SimplexQp qp(n);
        qp.solve(A, c, y);
        REQUIRE(on_simplex(y));
        // KKT: g = A y − c equals ν on the support and is ≥ ν off it.
        const Vec g = A * y - c;
        double nu = 0.0;
        int support = 0;
        for (int i = 0; i < n; ++i)
            if (y[i] > 1e-12) {
                nu += g[i];
                ++support;
            }
        nu /= support;
        const double tol = 1e-8 * (1.0 + A.norm() + c.norm());
        for (int i = 0; i < n; ++i) {
            if (y[i] > 1e-12) CHECK(std::abs(g[i] - nu) < tol);
            else CHECK(g[i] >= nu - tol);
        }
        // and no feasible point nearby is better (random feasible directions).
        const double f = 0.5 * y.dot(A * y) - c.dot(y);
        for (int k = 0; k < 20; ++k) {
            Vec z(n);
            for (int i = 0; i < n; ++i) z[i] = -std::log1p(-rng.uniform());
            z /= z.sum();
            const Vec mid = 0.9 * y + 0.1 * z;
            CHECK(0.5 * mid.dot(A * mid) - c.dot(mid) >= f - tol);
        }
    }
}

TEST_CASE("Anticor holds (buy and hold) for its first 2w periods") {
    const Mat X = random_market(60, 6, 5);
    markets::Anticor anticor(6, 30);
    markets::BuyAndHold bah(6);
    for (Eigen::Index t = 0; t < 59; ++t) {
        const Vec x = X.row(t).transpose();
        CHECK((anticor.portfolio() - bah.portfolio()).cwiseAbs().maxCoeff() < 1e-14);
        anticor.observe(x);
        bah.observe(x);
    }
}

TEST_CASE("an ensemble of one component is that component") {
    const Mat X = random_market(300, 8, 6);
    const markets::StrategyParams params;
    for (const char* name : {"eg", "ons", "anticor"}) {
        CAPTURE(name);
        std::vector<std::unique_ptr<markets::Strategy>> one;
        one.push_back(markets::make_strategy(name, 8, params));
        portfolio_ensemble::Ensemble ens(std::move(one), 100, 1.0, 9);
        auto alone = markets::make_strategy(name, 8, params);
        for (Eigen::Index t = 0; t < X.rows(); ++t) {
            REQUIRE((ens.portfolio() - alone->portfolio()).cwiseAbs().maxCoeff() < 1e-13);
            const Vec x = X.row(t).transpose();
            ens.observe(x);
            alone->observe(x);
        }
    }
}

TEST_CASE("the universal mix's wealth is the grid average of the combinations' wealths") {
    const Mat X = random_market(1000, 10, 7);
    const markets::StrategyParams params;
    std::vector<std::unique_ptr<markets::Strategy>> parts;
    for (const char* name : {"ucrp", "bah", "eg", "ons", "anticor"}) parts.push_back(markets::make_strategy(name, 10, params));
    const int64_t M = 200;
    portfolio_ensemble::Ensemble ens(std::move(parts), M, 1.0, 11);
    const double lw = play(ens, X);
    // Replay the components alone to get each combination's wealth: S_T(w) = Π_t w·s_t.
    std::vector<std::unique_ptr<markets::Strategy>> again;
    for (const char* name : {"ucrp", "bah", "eg", "ons", "anticor"}) again.push_back(markets::make_strategy(name, 10, params));
    Mat S(X.rows(), 5);
    for (Eigen::Index t = 0; t < X.rows(); ++t) {
        const Vec x = X.row(t).transpose();
        for (int k = 0; k < 5; ++k) {
            S(t, k) = again[k]->portfolio().dot(x);
            again[k]->observe(x);
        }
    }
    const Vec component_lw = S.array().log().colwise().sum().transpose();
    CHECK((component_lw - ens.component_log_wealth()).cwiseAbs().maxCoeff() < 1e-9);
    // The grid holds the vertices, so log S_ens ≥ max_k log S_k − log M (wealth identity).
    CHECK(lw >= component_lw.maxCoeff() - std::log(static_cast<double>(M)) - 1e-9);
    // The identity itself, on the vertices + the uniform combination + the draws, is checked through
    // a second ensemble with only the vertices (M = K + 1 keeps vertices and centroid): its wealth is
    // the average of the 5 components' wealths and the uniform combination's.
    std::vector<std::unique_ptr<markets::Strategy>> small;
    for (const char* name : {"ucrp", "bah", "eg", "ons", "anticor"}) small.push_back(markets::make_strategy(name, 10, params));
    portfolio_ensemble::Ensemble vertices(std::move(small), 6, 1.0, 11);
    const double lw_vertices = play(vertices, X);
    const double uniform_lw = (S.rowwise().mean()).array().log().sum();
    Vec all(6);
    all << component_lw, uniform_lw;
    const double expected = all.maxCoeff() + std::log((all.array() - all.maxCoeff()).exp().mean());
    CHECK(lw_vertices == doctest::Approx(expected).epsilon(1e-9));
}

TEST_CASE("a tempered (accelerated) ensemble stays on the simplex and follows its leaders") {
    const Mat X = random_market(800, 10, 8);
    const markets::StrategyParams params;
    std::vector<std::unique_ptr<markets::Strategy>> parts;
    for (const char* name : {"ucrp", "bah", "eg", "ons", "anticor"}) parts.push_back(markets::make_strategy(name, 10, params));
    portfolio_ensemble::Ensemble fast(std::move(parts), 300, 50.0, 3);
    CHECK(std::isfinite(play(fast, X)));
    CHECK(std::abs(fast.combination().sum() - 1.0) < 1e-12);
}

// ---- the market environment (plugins/markets/problems/market.hpp) ----

#include "problems/market.hpp"

namespace {
struct FixedMarket : markets::Market {
    FixedMarket(tsr::RowMat X, double cost) : Market(std::move(X), cost) {}
};
}  // namespace

TEST_CASE("a market's reward is log(b.x) minus the transaction cost, and reset replays it") {
    const Mat X = random_market(50, 4, 9);
    FixedMarket free_market(X, 0.0), costly(X, 0.01);
    Vec obs(0), out(4);
    free_market.reset(0, tsr::VecMap(obs.data(), 0));
    costly.reset(0, tsr::VecMap(obs.data(), 0));
    tsr::kit::Rng rng(10);
    Vec prev_hat = Vec::Zero(4);
    bool done = false;
    for (Eigen::Index t = 0; t < X.rows(); ++t) {
        Vec b(4);
        for (int i = 0; i < 4; ++i) b[i] = rng.uniform() + 0.01;
        b /= b.sum();
        const Vec x = X.row(t).transpose();
        const double r = free_market.step(-1, tsr::CVecMap(b.data(), 4), tsr::VecMap(obs.data(), 0), tsr::VecMap(out.data(), 4), done);
        CHECK(r == doctest::Approx(std::log(b.dot(x))).epsilon(1e-14));
        CHECK((out - x).cwiseAbs().maxCoeff() == 0.0);
        const double rc = costly.step(-1, tsr::CVecMap(b.data(), 4), tsr::VecMap(obs.data(), 0), tsr::VecMap(nullptr, 0), done);
        const double cost = t == 0 ? 0.0 : std::log1p(-0.005 * (b - prev_hat).lpNorm<1>());
        CHECK(rc == doctest::Approx(std::log(b.dot(x)) + cost).epsilon(1e-12));
        prev_hat = b.cwiseProduct(x) / b.dot(x);
        CHECK(done == (t + 1 == X.rows()));
    }
    Vec u = Vec::Constant(4, 0.25);
    CHECK_THROWS_AS(free_market.step(-1, tsr::CVecMap(u.data(), 4), tsr::VecMap(obs.data(), 0), tsr::VecMap(nullptr, 0), done),
                    tsr::InvalidArgument);  // after the last period
    free_market.reset(0, tsr::VecMap(obs.data(), 0));
    const double r0 = free_market.step(-1, tsr::CVecMap(u.data(), 4), tsr::VecMap(obs.data(), 0), tsr::VecMap(nullptr, 0), done);
    CHECK(r0 == doctest::Approx(std::log(X.row(0).mean())).epsilon(1e-14));
}

TEST_CASE("a market refuses portfolios off the simplex") {
    FixedMarket m(random_market(5, 3, 11), 0.0);
    Vec obs(0);
    bool done = false;
    m.reset(0, tsr::VecMap(obs.data(), 0));
    auto play = [&](Vec b) { return m.step(-1, tsr::CVecMap(b.data(), 3), tsr::VecMap(obs.data(), 0), tsr::VecMap(nullptr, 0), done); };
    CHECK_THROWS_AS(play(Vec::Constant(3, 0.5)), tsr::InvalidArgument);                 // sums to 1.5
    CHECK_THROWS_AS(play((Vec(3) << 1.2, -0.2, 0.0).finished()), tsr::InvalidArgument);  // a short sale
    CHECK_THROWS_AS(play((Vec(3) << std::nan(""), 0.5, 0.5).finished()), tsr::InvalidArgument);
    CHECK(std::isfinite(play(Vec::Constant(3, 1.0 / 3.0))));
}
