// Unit tests of plugins/bcd_greedy: each piece against a brute-force or dense reference.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <Eigen/Dense>
#include <cmath>
#include <set>

#include "blocks.hpp"
#include "prox.hpp"
#include "selection.hpp"
#include "tree_solve.hpp"

using namespace bcd_greedy;
using tsr::Vec;

namespace {

// A random graph on n nodes: a random spanning tree plus `extra` random edges (cycles).
std::vector<int64_t> random_pairs(int64_t n, int64_t extra, tsr::kit::Rng& rng) {
    std::set<std::pair<int64_t, int64_t>> e;
    for (int64_t i = 1; i < n; ++i) {
        const int64_t j = static_cast<int64_t>(rng.below(static_cast<uint64_t>(i)));
        e.insert({j, i});
    }
    while (static_cast<int64_t>(e.size()) < n - 1 + extra) {
        int64_t i = static_cast<int64_t>(rng.below(n)), j = static_cast<int64_t>(rng.below(n));
        if (i == j) continue;
        e.insert({std::min(i, j), std::max(i, j)});
    }
    std::vector<int64_t> pairs;
    for (auto [i, j] : e) {
        pairs.push_back(i);
        pairs.push_back(j);
    }
    return pairs;
}

// A symmetric, diagonally dominant (so positive definite) matrix with the graph's pattern.
tsr::RowMat laplacian_like(const Graph& g, tsr::kit::Rng& rng) {
    const int64_t n = g.nodes();
    tsr::RowMat H = tsr::RowMat::Zero(n, n);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j : g.neighbors(i))
            if (i < j) H(i, j) = H(j, i) = -rng.uniform(0.1, 2.0);
    for (int64_t i = 0; i < n; ++i) H(i, i) = H.row(i).cwiseAbs().sum() + rng.uniform(0.01, 1.0);
    return H;
}

bool is_forest(const Graph& g, const std::vector<int64_t>& block) {
    ForestSolver s;
    return s.prepare(block, g);
}

}  // namespace

TEST_CASE("message passing on a forest block equals the dense solve") {
    tsr::kit::Rng rng(7);
    for (int trial = 0; trial < 20; ++trial) {
        const int64_t n = 30 + trial * 7;
        const auto pairs = random_pairs(n, n / 2, rng);
        const Graph g(n, pairs);
        const tsr::RowMat H = laplacian_like(g, rng);
        for (const auto& block : tree_partition(g, identity_order(n))) {
            const int64_t m = static_cast<int64_t>(block.size());
            tsr::RowMat Hb(m, m);
            for (int64_t p = 0; p < m; ++p)
                for (int64_t q = 0; q < m; ++q) Hb(p, q) = H(block[p], block[q]);
            Vec r(m), d;
            for (double& v : r) v = rng.normal();
            ForestSolver s;
            REQUIRE(s.prepare(block, g));
            s.solve(Hb, r, d);
            const Vec dense = tsr::Mat(Hb).ldlt().solve(r);
            CHECK((d - dense).norm() <= 1e-10 * (1.0 + dense.norm()));
        }
    }
}

TEST_CASE("a block with a cycle is refused by the forest solver") {
    const std::vector<int64_t> triangle = {0, 1, 1, 2, 0, 2};
    const Graph g(3, triangle);
    ForestSolver s;
    CHECK_FALSE(s.prepare(std::vector<int64_t>{0, 1, 2}, g));
    CHECK(s.prepare(std::vector<int64_t>{0, 1}, g));
}

TEST_CASE("tree partitions are forests, colour classes independent sets, both cover every node once") {
    tsr::kit::Rng rng(3);
    const int64_t n = 200;
    const Graph g(n, random_pairs(n, 300, rng));
    Vec L(n);
    for (double& v : L) v = rng.uniform();
    for (const Partition& part : {tree_partition(g, decreasing_lipschitz(L)), red_black_partition(g, decreasing_lipschitz(L))}) {
        std::vector<int> seen(static_cast<size_t>(n), 0);
        for (const auto& b : part) {
            CHECK(is_forest(g, b));
            for (int64_t i : b) ++seen[static_cast<size_t>(i)];
        }
        for (int s : seen) CHECK(s == 1);
    }
    for (const auto& b : red_black_partition(g, identity_order(n))) {
        std::set<int64_t> in(b.begin(), b.end());
        for (int64_t i : b)
            for (int64_t j : g.neighbors(i)) CHECK(in.count(j) == 0);
    }
}

TEST_CASE("the greedy tree is a maximal forest") {
    tsr::kit::Rng rng(11);
    const int64_t n = 150;
    const Graph g(n, random_pairs(n, 200, rng));
    std::vector<int64_t> order = identity_order(n), block, roots;
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    std::vector<char> in(static_cast<size_t>(n), 0);
    Forests uf(n);
    for (int rep = 0; rep < 2; ++rep) {  // twice: the scratch must come back clean
        grow_forest(g, order, block, in, roots, uf);
        CHECK(is_forest(g, block));
        std::set<int64_t> inb(block.begin(), block.end());
        for (int64_t i = 0; i < n; ++i) {
            if (inb.count(i)) continue;
            std::vector<int64_t> bigger(block);
            bigger.push_back(i);
            CHECK_FALSE(is_forest(g, bigger));  // maximal: any other node closes a cycle
        }
    }
}

TEST_CASE("GS-q progress is the exact decrease of the 1-D proximal step") {
    tsr::kit::Rng rng(5);
    for (int t = 0; t < 2000; ++t) {
        const double x = rng.bernoulli(0.3) ? 0.0 : 3.0 * rng.normal(), g = 2.0 * rng.normal(),
                     L = rng.uniform(0.1, 5.0), l1 = rng.uniform(0.0, 2.0);
        auto model = [&](double dd) { return g * dd + 0.5 * L * dd * dd + l1 * (std::abs(x + dd) - std::abs(x)); };
        const double d = prox_step(x, g, L, l1);
        double best = 0.0;  // brute force over a fine grid around the candidates
        for (int k = -4000; k <= 4000; ++k) best = std::min(best, model(d + k * 1e-4));
        best = std::min(best, model(-x));
        CHECK(gsq_progress(x, g, L, l1) == doctest::Approx(-model(d)).epsilon(1e-12));
        CHECK(-model(d) >= -best - 1e-9);
        CHECK(gsq_progress(x, g, L, l1) >= 0.0);
        if (l1 == 0.0) CHECK(gsq_progress(x, g, L, 0.0) == doctest::Approx(g * g / (2 * L)));
    }
}

TEST_CASE("the proximal block quadratic is solved to optimality") {
    tsr::kit::Rng rng(9);
    for (int t = 0; t < 200; ++t) {
        const int64_t m = 1 + static_cast<int64_t>(rng.below(6));
        tsr::Mat B(m + 2, m);
        for (int64_t i = 0; i < B.size(); ++i) B.data()[i] = rng.normal();
        const tsr::Mat M = B.transpose() * B + 0.1 * tsr::Mat::Identity(m, m);
        Vec g(m), x(m), d;
        for (int64_t i = 0; i < m; ++i) {
            g[i] = rng.normal();
            x[i] = rng.bernoulli(0.5) ? 0.0 : rng.normal();
        }
        const double l1 = rng.uniform(0.0, 1.0);
        prox_quadratic(g, M, x, l1, d);
        // Optimality: 0 ∈ g + M d + λ ∂‖x + d‖₁, componentwise.
        const Vec r = g + M * d;
        for (int64_t i = 0; i < m; ++i) {
            const double u = x[i] + d[i];
            if (u != 0.0) CHECK(std::abs(r[i] + l1 * (u > 0 ? 1.0 : -1.0)) <= 1e-9);
            else CHECK(std::abs(r[i]) <= l1 + 1e-9);
        }
    }
}

TEST_CASE("selection helpers: top scores and weighted sampling") {
    Vec s(6);
    s << 0.5, 3.0, 3.0, -1.0, 2.0, 0.0;
    std::vector<int64_t> order, out;
    top_scores(s, 3, order, out);
    CHECK(out == std::vector<int64_t>{1, 2, 4});
    tsr::kit::Rng rng(1);
    Vec w(5);
    w << 0.0, 1.0, 0.0, 2.0, 0.0;
    for (int t = 0; t < 50; ++t) {
        weighted_sample(w, 2, rng, out);
        CHECK(out == std::vector<int64_t>{1, 3});  // zero weights are never drawn
    }
    CHECK(largest_eigenvalue(tsr::RowMat(tsr::Mat::Identity(3, 3) * 2.0)) == doctest::Approx(2.0));
}

TEST_CASE("top scores equal a full sort, ties to the lower index, small and large tau") {
    tsr::kit::Rng rng(13);
    for (int t = 0; t < 50; ++t) {
        const int64_t d = 1 + static_cast<int64_t>(rng.below(400));
        Vec s(d);
        for (double& v : s) v = static_cast<double>(rng.below(20));  // many ties
        for (int64_t tau : {int64_t{1}, int64_t{5}, int64_t{150}}) {
            std::vector<int64_t> order, out, all = identity_order(d);
            std::stable_sort(all.begin(), all.end(), [&](int64_t a, int64_t b) { return s[a] > s[b]; });
            all.resize(static_cast<size_t>(std::min(tau, d)));
            std::sort(all.begin(), all.end());
            top_scores(s, tau, order, out);
            CHECK(out == all);
        }
    }
}
