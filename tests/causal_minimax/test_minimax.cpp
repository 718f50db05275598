#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "math/graph.hpp"
#include "math/invariance_test.hpp"
#include "math/minimax.hpp"
#include "math/scm.hpp"

using namespace minimax;

namespace {

Dag random_dag(int n, double p, tsr::kit::Rng& rng) {
    Dag g(n);
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j)
            if (rng.uniform() < p) g.add_edge(i, j);
    return g;
}

// a ⊥ b | Z ∪ selected for some Z ⊆ observed \ {a, b}: brute force over all Z.
bool separable(const Dag& g, int a, int b, NodeSet observed, NodeSet selected) {
    const NodeSet pool = observed & ~(bit(a) | bit(b));
    for (NodeSet z = pool;; z = (z - 1) & pool) {
        if (d_separated(g, bit(a), bit(b), z | selected)) return true;
        if (z == 0) break;
    }
    return false;
}

std::string names(NodeSet s) {  // paper names X1..X8 of columns 0..7
    std::string out;
    for (int i = 0; i < 8; ++i)
        if (has(s, i)) out += "X" + std::to_string(i + 1) + " ";
    return out;
}

}  // namespace

TEST_CASE("MAG adjacency equals non-separability (brute force) on random DAGs") {
    tsr::kit::Rng rng(7);
    for (int trial = 0; trial < 200; ++trial) {
        const int n = 4 + static_cast<int>(rng.below(4));
        const Dag g = random_dag(n, 0.4, rng);
        NodeSet latent = 0, selected = 0;
        for (int i = 0; i < n; ++i) {
            const double u = rng.uniform();
            if (u < 0.25) latent |= bit(i);
            else if (u < 0.4) selected |= bit(i);
        }
        const NodeSet observed = ((NodeSet{1} << n) - 1) & ~latent & ~selected;
        for (int a = 0; a < n; ++a)
            for (int b = a + 1; b < n; ++b)
                if (has(observed, a) && has(observed, b))
                    CHECK(mag_adjacent(g, a, b, observed, selected) == !separable(g, a, b, observed, selected));
    }
}

TEST_CASE("the paper's counterexample: components as the reference's graphparse.json") {
    const Scm s = paper_scm(true, 0.1);
    const Components c(s.graph, s.y(), s.mutable_set);
    auto X = [](int k) { return bit(k - 1); };
    CHECK(c.M0 == X(9));
    CHECK(c.K == (X(1) | X(2) | X(3) | X(4) | X(10)));
    CHECK_FALSE(c.condition_holds);
    CHECK(c.dostar == (X(2) | X(3) | X(4) | X(9) | X(10)));
    CHECK(c.de_dostar == X(1));
    const Scm h = paper_scm(false, 0.1);
    CHECK(Components(h.graph, h.y(), h.mutable_set).condition_holds);
}

TEST_CASE("Alg. 2 on the paper's stable graph gives the reference's 45 classes (cache/eqsubsets.json)") {
    const Scm s = paper_scm(true, 0.1);
    const Components c(s.graph, s.y(), s.mutable_set);
    std::vector<NodeSet> reps = EquivalenceSearch(s.graph.induced(c.S | bit(s.y())), s.y(), c.S).representatives();
    // the reference's eqsubsets.json, paper names
    const std::vector<std::vector<int>> ref = {
        {4, 6, 7}, {4, 5, 7}, {3, 5, 6}, {2, 4, 6}, {2, 6, 7}, {4, 6, 8}, {4}, {2, 5, 6, 8}, {1, 6}, {2, 7}, {2, 8},
        {4, 5}, {4, 8}, {1}, {3, 6}, {2}, {}, {4, 5, 6, 7}, {4, 6, 7, 8}, {4, 5, 6}, {4, 6}, {4, 5, 6, 7, 8},
        {4, 7, 8}, {2, 4, 5, 6}, {2, 5, 6, 7}, {2, 5, 8}, {3, 5}, {4, 5, 7, 8}, {4, 7}, {2, 4, 5, 6, 7}, {2, 4, 5, 7},
        {1, 5}, {2, 4, 6, 7}, {2, 5, 6}, {1, 5, 6}, {2, 4}, {2, 4, 5}, {2, 6}, {2, 5, 7}, {3}, {4, 5, 8}, {2, 4, 7},
        {2, 5}, {2, 6, 8}, {4, 5, 6, 8}};
    std::vector<NodeSet> expected;
    for (const auto& r : ref) {
        NodeSet m = 0;
        for (int k : r) m |= bit(k - 1);
        expected.push_back(m);
    }
    std::sort(reps.begin(), reps.end());
    std::sort(expected.begin(), expected.end());
    REQUIRE(reps.size() == 45);
    for (size_t i = 0; i < reps.size(); ++i) CHECK_MESSAGE(reps[i] == expected[i], names(reps[i]));
}

TEST_CASE("every subset is separated from Y by its class representative, on random graphs") {
    tsr::kit::Rng rng(11);
    for (int trial = 0; trial < 40; ++trial) {
        const int n = 5 + static_cast<int>(rng.below(4));  // node n-1 is Y
        const Dag g = random_dag(n, 0.35, rng);
        const int y = static_cast<int>(rng.below(n));
        const NodeSet S = ((NodeSet{1} << n) - 1) & ~bit(y);
        const std::vector<NodeSet> reps = EquivalenceSearch(g, y, S).representatives();
        for (NodeSet t = S;; t = (t - 1) & S) {
            // the class of t: its representative C ⊆ t with Y ⊥ t \ C | C
            int found = 0;
            for (NodeSet c : reps)
                if ((c & ~t) == 0 && ((t & ~c) == 0 || d_separated(g, bit(y), t & ~c, c))) ++found;
            CHECK(found >= 1);
            if (t == 0) break;
        }
    }
}

TEST_CASE("MLP gradients equal finite differences") {
    tsr::kit::Rng rng(3);
    const int64_t n = 20, p = 3;
    Mat X(n, p);
    Vec y(n), w(n);
    for (int64_t i = 0; i < n; ++i) {
        for (int64_t j = 0; j < p; ++j) X(i, j) = rng.normal();
        y[i] = rng.normal();
        w[i] = rng.normal();
    }
    Mlp f(p, 4, true);
    f.init_random(rng);
    f.theta().tail(p + 1).setConstant(0.3);
    f.standardize_from(X, y);
    auto loss = [&](Mlp& m, const Mat& A) {
        Vec out;
        m.forward(A, out);
        return w.dot(out);
    };
    Vec out, g_theta = Vec::Zero(f.theta().size());
    Mat g_X;
    f.forward(X, out);
    f.backward(w, &g_theta, &g_X);
    const double h = 1e-6;
    for (int64_t k = 0; k < f.theta().size(); ++k) {
        Mlp a = f, b = f;
        a.theta()[k] += h;
        b.theta()[k] -= h;
        CHECK(g_theta[k] == doctest::Approx((loss(a, X) - loss(b, X)) / (2 * h)).epsilon(1e-5));
    }
    for (int64_t i = 0; i < 3; ++i)
        for (int64_t j = 0; j < p; ++j) {
            Mat A = X, B = X;
            A(i, j) += h;
            B(i, j) -= h;
            CHECK(g_X(i, j) == doctest::Approx((loss(f, A) - loss(f, B)) / (2 * h)).epsilon(1e-5));
        }
}

TEST_CASE("the ascent over the intervention functions raises the risk of the whole stable set") {
    const Scm s = paper_scm(true, 0.1);
    tsr::kit::Rng rng(5);
    TrainingData t;
    t.d = s.d;
    t.V = Mat(1000, s.d + 1);
    t.env = Vec(1000);
    for (int e = 0; e < 10; ++e) {
        t.V.middleRows(100 * e, 100) = s.sample(-2.0 + 4.0 * e / 9.0, 100, rng);
        t.env.segment(100 * e, 100).setConstant(e);
    }
    t.graph = s.graph;
    t.mutables = s.mutable_set;
    MinimaxOptions o;
    o.predictor.iterations = 800;
    o.mechanism.iterations = 800;
    MinimaxEstimator est(t, o, 1);
    Mlp f = est.fit_predictor(est.components().S);
    MinimaxOptions o0 = o;
    o0.ascent_iterations = 0;
    MinimaxEstimator est0(t, o0, 1);
    Mlp f0 = est0.fit_predictor(est0.components().S);
    const double start = est0.worst_case_risk(est0.components().S, f0, {}).first;
    o.ascent_iterations = 300;
    MinimaxEstimator est1(t, o, 1);
    Mlp f1 = est1.fit_predictor(est1.components().S);
    const double end = est1.worst_case_risk(est1.components().S, f1, {}).first;
    CHECK(end > 1.2 * start);
}

TEST_CASE("ICP test distributions") {
    CHECK(t_two_sided(2.0, 10.0) == doctest::Approx(0.07339).epsilon(1e-3));
    CHECK(t_two_sided(0.0, 5.0) == doctest::Approx(1.0));
    CHECK(f_two_sided(4.9646, 1.0, 10.0) == doctest::Approx(0.10).epsilon(1e-3));
    CHECK(incomplete_beta(2.0, 3.0, 0.4) == doctest::Approx(0.5248).epsilon(1e-4));
}
