// Unit tests of plugins/coordinate_problems' GLM core (glm_coordinate.hpp, glm_optimum.hpp): the
// coordinate oracles agree with each other and with finite differences, the margin cache agrees
// with a fresh computation, the bound dominates the Hessian, and the optimum satisfies optimality.
#include <doctest/doctest.h>

#include <Eigen/Dense>
#include <numeric>

#include "problems/glm_optimum.hpp"

using namespace coordinate_problems;
using tsr::Vec;

namespace {

template <class Loss>
GlmCoordinate<Loss> small_model(uint64_t seed, double l2, double l1) {
    DesignParams p;
    p.n = 60;
    p.d = 40;
    Design D = sparse_design(p, seed);
    Vec b = D.A * D.w;
    tsr::kit::Rng rng(seed + 99);
    for (double& v : b) v = Loss::quadratic ? v + rng.normal() : (v >= 0 ? 1.0 : -1.0);
    return GlmCoordinate<Loss>(std::move(D.A), std::move(b), l2, l1);
}

template <class Loss>
void check_oracles(uint64_t seed) {
    auto m = small_model<Loss>(seed, 0.5, 0.0);
    const int64_t d = m.d();
    tsr::kit::Rng rng(seed);
    Vec x(d), g(d), gb;
    for (double& v : x) v = 0.01 * rng.normal();
    m.gradient(x, g);
    // Finite differences of the smooth value (central, relative to the gradient's scale).
    for (int64_t j = 0; j < d; j += 7) {
        const double h = 1e-6 / std::sqrt(m.lipschitz()[j]);
        Vec xp = x, xm = x;
        xp[j] += h;
        xm[j] -= h;
        const double fd = (m.smooth_value(xp) - m.smooth_value(xm)) / (2 * h);
        CHECK(fd == doctest::Approx(g[j]).epsilon(1e-5).scale(g.cwiseAbs().maxCoeff()));
    }
    // Block gradient = gradient on the block; after incremental moves the cache agrees with a fresh model.
    std::vector<int64_t> block = {3, 17, 29, 38};
    for (int step = 0; step < 600; ++step) {
        for (int64_t j : block) x[j] += 0.001 * rng.normal();
        block[static_cast<size_t>(step % 4)] = static_cast<int64_t>(rng.below(static_cast<uint64_t>(d)));
        std::sort(block.begin(), block.end());
        block.erase(std::unique(block.begin(), block.end()), block.end());
    }
    gb.resize(static_cast<int64_t>(block.size()));
    m.block_gradient(x, block, gb);
    auto fresh = small_model<Loss>(seed, 0.5, 0.0);
    Vec g_fresh(d);
    fresh.gradient(x, g_fresh);
    for (size_t p = 0; p < block.size(); ++p) CHECK(gb[static_cast<int64_t>(p)] == doctest::Approx(g_fresh[block[p]]).epsilon(1e-10));
    CHECK(m.smooth_value(x) == doctest::Approx(fresh.smooth_value(x)).epsilon(1e-12));
    // Bound ⪰ Hessian, the diagonal of the bound is L, and the large-block path equals the small one.
    std::vector<int64_t> all(static_cast<size_t>(d));
    std::iota(all.begin(), all.end(), int64_t{0});
    tsr::Mat M(d, d), H(d, d);
    m.block_bound(all, M);  // d = 40 > 32: the sparse-product path
    m.block_hessian(x, all, H);
    CHECK(Eigen::SelfAdjointEigenSolver<tsr::Mat>(M - H).eigenvalues().minCoeff() >= -1e-8 * M.norm());
    for (int64_t j = 0; j < d; ++j) CHECK(M(j, j) == doctest::Approx(m.lipschitz()[j]));
    const std::vector<int64_t> few = {1, 5, 22};
    tsr::Mat Mf(3, 3);
    m.block_bound(few, Mf);  // the column-merge path
    for (int p = 0; p < 3; ++p)
        for (int q = 0; q < 3; ++q) CHECK(Mf(p, q) == doctest::Approx(M(few[p], few[q])).epsilon(1e-12));
}

}  // namespace

TEST_CASE("least squares oracles are consistent") { check_oracles<SquaredLoss>(1); }
TEST_CASE("logistic oracles are consistent") { check_oracles<LogisticLoss>(2); }

TEST_CASE("the L1 optimum satisfies the optimality conditions") {
    for (uint64_t seed : {3u, 4u}) {
        auto ls = small_model<SquaredLoss>(seed, 0.0, 200.0);
        auto lg = small_model<LogisticLoss>(seed, 0.0, 2.0);
        auto check = [](auto& m) {
            const GlmOptimum o = glm_optimum(m);
            REQUIRE(o.found);
            Vec g(m.d());
            m.gradient(o.x, g);
            for (int64_t j = 0; j < m.d(); ++j) {
                if (o.x[j] != 0.0) CHECK(g[j] + m.l1() * (o.x[j] > 0 ? 1.0 : -1.0) == doctest::Approx(0.0).scale(m.l1()).epsilon(1e-7));
                else CHECK(std::abs(g[j]) <= m.l1() * (1 + 1e-9));
            }
            CHECK(m.value(o.x) == doctest::Approx(o.f));
        };
        check(ls);
        check(lg);
    }
}

TEST_CASE("the smooth optimum has a vanishing gradient") {
    auto lg = small_model<LogisticLoss>(5, 1.0, 0.0);
    const GlmOptimum o = glm_optimum(lg);
    REQUIRE(o.found);
    Vec g(lg.d());
    lg.gradient(o.x, g);
    CHECK(g.lpNorm<Eigen::Infinity>() <= 1e-8);
}
