// scm.hpp — the multi-environment structural causal model of the paper's simulation (
// reference simulation/data.py):
//
//   X_j = φ_j( Σ_i W[i,j] X_i ) + U_j            stable node j (Y included), U_j ~ N(0, σ²)
//   X_m = α_e · φ_m( Σ_i W[i,m] X_i ) + U_m      mutable node m in environment e
//
// φ ∈ {identity, sigmoid, tanh, sinc} (sinc(x) = sin(πx)/(πx), numpy's), root nodes are pure noise.
// The environments differ only through α_e on the mutable mechanisms (the reference uses
// α_e = e − 10.5, e = 1..20). Node d is Y; nodes 0..d−1 are the covariates X_1..X_d.
#pragma once

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include <tessera/kit/rng.hpp>

#include "graph.hpp"
#include "mlp.hpp"

namespace minimax {

enum class Link { identity, sigmoid, tanh, sinc };

inline double apply_link(Link l, double x) {
    switch (l) {
        case Link::identity: return x;
        case Link::sigmoid: return 1.0 / (1.0 + std::exp(-x));
        case Link::tanh: return std::tanh(x);
        case Link::sinc: {
            const double t = std::numbers::pi * x;
            return std::abs(t) < 1e-12 ? 1.0 : std::sin(t) / t;
        }
    }
    return x;
}

struct Scm {
    int d = 0;            // covariates; node d is Y
    Dag graph;            // over d + 1 nodes
    Mat W;                // (d+1) × (d+1), W(i, j): weight of i → j
    std::vector<Link> link;
    NodeSet mutable_set = 0;
    double noise_sd = 0.1;

    int y() const { return d; }
    int nodes() const { return d + 1; }

    // n samples of environment α: an n × (d+1) matrix, column j = node j.
    Mat sample(double alpha, int64_t n, tsr::kit::Rng& rng) const {
        Mat V = Mat::Zero(n, nodes());
        const std::vector<int> order = graph.topological_order();
        for (int j : order) {
            Vec col(n);
            for (int64_t r = 0; r < n; ++r) col[r] = noise_sd * rng.normal();
            if (graph.pa[j] != 0) {
                const Vec lin = V * W.col(j);
                const double scale = has(mutable_set, j) ? alpha : 1.0;
                for (int64_t r = 0; r < n; ++r) col[r] += scale * apply_link(link[j], lin[r]);
            }
            V.col(j) = col;
        }
        return V;
    }
};

// The paper's synthetic graph (Fig. 4(a); the reference's data/simulation_params.json, whose node
// names the reference's comment maps to the paper's: X1..X8 stable, X9, X10 mutable). With
// `y_to_x9` (the counterexample) X9 is a child of Y and X1 a child of both Y and X9, so the
// graphical condition fails; without it X9's parent is X6 instead and the condition
// holds (X_M^0 = ∅).
inline Scm paper_scm(bool y_to_x9, double noise_sd) {
    Scm s;
    s.d = 10;
    s.graph = Dag(11);
    s.W = Mat::Zero(11, 11);
    s.link.assign(11, Link::identity);
    s.noise_sd = noise_sd;
    const int Y = 10;
    auto x = [](int k) { return k - 1; };  // paper name X_k -> column
    auto edge = [&](int from, int to, double w) {
        s.graph.add_edge(from, to);
        s.W(from, to) = w;
    };
    // X9 (reference M1) = α tanh(1.91 · parent)
    edge(y_to_x9 ? Y : x(6), x(9), 1.91);
    s.link[x(9)] = Link::tanh;
    // X1 (reference X2) = sigmoid(0.63 Y − 0.58 X9 + 1.51 X6 + 1.13 X5)
    edge(Y, x(1), 0.63);
    edge(x(9), x(1), -0.58);
    edge(x(6), x(1), 1.51);
    edge(x(5), x(1), 1.13);
    s.link[x(1)] = Link::sigmoid;
    edge(x(6), x(5), 0.84);  // X5 (X6) = sigmoid(0.84 X6)
    s.link[x(5)] = Link::sigmoid;
    edge(x(1), x(3), -0.95);  // X3 (X4) = tanh(−0.95 X1)
    s.link[x(3)] = Link::tanh;
    edge(x(3), x(2), 1.47);  // X2 (X3) = tanh(1.47 X3 − 0.64 X8)
    edge(x(8), x(2), -0.64);
    s.link[x(2)] = Link::tanh;
    edge(x(2), x(4), 1.42);  // X4 (X5) = sigmoid(1.42 X2 + 0.99 X7 + 0.72 X8)
    edge(x(7), x(4), 0.99);
    edge(x(8), x(4), 0.72);
    s.link[x(4)] = Link::sigmoid;
    edge(x(8), x(7), -1.52);  // X7 (X10) = −1.52 X8
    s.link[x(7)] = Link::identity;
    edge(x(5), x(10), -1.2);  // X10 (M2) = α tanh(−1.2 X5 + 1.33 X3 + 0.64 X8)
    edge(x(3), x(10), 1.33);
    edge(x(8), x(10), 0.64);
    s.link[x(10)] = Link::tanh;
    s.mutable_set = bit(x(9)) | bit(x(10));
    return s;
}

// A random SCM for the search-time experiment: d covariates and Y on a random order, each
// forward pair an edge with probability k·2/d (about k·(d+1) edges), weights ±U[0.5, 2]
// (the reference's duniform), links drawn from {identity, sigmoid, tanh} (`linear`: identity
// only); n_mutable mutable covariates. One mutable node is made a child of Y and a later child
// of Y a child of it, so that the graphical condition fails (the experiment is about the case
// where the whole stable set need not be optimal).
inline Scm random_scm(int d, double k, int n_mutable, bool linear, double noise_sd, tsr::kit::Rng& rng) {
    if (d < 3 || d > 62) throw std::invalid_argument("d must be in [3, 62]");
    if (n_mutable < 1 || n_mutable >= d) throw std::invalid_argument("n_mutable must be in [1, d - 1]");
    Scm s;
    s.d = d;
    s.graph = Dag(d + 1);
    s.W = Mat::Zero(d + 1, d + 1);
    s.link.assign(d + 1, Link::identity);
    s.noise_sd = noise_sd;
    // order: a random permutation of the covariates with Y inserted at about a third
    const std::vector<int64_t> perm = tsr::kit::random_permutation(d, rng);
    std::vector<int> order(perm.begin(), perm.end());
    const int ypos = std::max(1, d / 3);
    order.insert(order.begin() + ypos, d);
    const double p = std::min(1.0, 2.0 * k / d);
    auto weight = [&] { return (rng.uniform() < 0.5 ? -1.0 : 1.0) * rng.uniform(0.5, 2.0); };
    for (int a = 0; a <= d; ++a)
        for (int b = a + 1; b <= d; ++b)
            if (rng.uniform() < p) {
                s.graph.add_edge(order[a], order[b]);
                s.W(order[a], order[b]) = weight();
            }
    // mutable covariates: without Y's position constraints, random ones after the first
    std::vector<int> after_y(order.begin() + ypos + 1, order.end());
    NodeSet mut = 0;
    if (after_y.size() >= 2) {
        const int m = after_y[0], c = after_y[1];
        if (!s.graph.edge(d, m)) s.graph.add_edge(d, m), s.W(d, m) = weight();
        if (!s.graph.edge(d, c)) s.graph.add_edge(d, c), s.W(d, c) = weight();
        if (!s.graph.edge(m, c)) s.graph.add_edge(m, c), s.W(m, c) = weight();
        mut |= bit(m);
    }
    while (std::popcount(mut) < n_mutable) {
        const int m = order[rng.below(d + 1)];
        if (m == d) continue;
        if (after_y.size() >= 2 && m == after_y[1]) continue;
        mut |= bit(m);
    }
    s.mutable_set = mut;
    const Link links[] = {Link::identity, Link::sigmoid, Link::tanh};
    for (int j = 0; j <= d; ++j) s.link[j] = linear ? Link::identity : links[rng.below(3)];
    return s;
}

}  // namespace minimax
