// graph.hpp — directed graphs as d × d adjacency matrices (A[i,j] != 0 meaning i → j): the
// acyclicity test, random DAGs (Erdős–Rényi, Barabási–Albert) and the structural accuracy of an
// estimate against the truth (SHD, TPR, FDR, FPR) exactly as NOTEARS' utils.count_accuracy.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include <tessera/kit/rng.hpp>

namespace causal {

using Mat = Eigen::MatrixXd;
using CMatRef = Eigen::Ref<const Mat>;

// A topological order of the graph with edges {(i, j) : |A[i,j]| > tol} by Kahn's algorithm
// (a self-loop is a cycle); empty when the graph has a cycle.
inline std::vector<int64_t> topological_order(const CMatRef& A, double tol = 0.0) {
    const int64_t d = A.rows();
    std::vector<int64_t> indeg(static_cast<size_t>(d), 0), order;
    order.reserve(static_cast<size_t>(d));
    for (int64_t j = 0; j < d; ++j)
        for (int64_t i = 0; i < d; ++i) indeg[static_cast<size_t>(j)] += std::abs(A(i, j)) > tol ? 1 : 0;
    for (int64_t i = 0; i < d; ++i)
        if (indeg[static_cast<size_t>(i)] == 0) order.push_back(i);
    for (size_t head = 0; head < order.size(); ++head) {
        const int64_t i = order[head];
        for (int64_t j = 0; j < d; ++j)
            if (std::abs(A(i, j)) > tol && --indeg[static_cast<size_t>(j)] == 0) order.push_back(j);
    }
    if (static_cast<int64_t>(order.size()) != d) order.clear();
    return order;
}

inline bool is_dag(const CMatRef& A, double tol = 0.0) { return A.rows() == 0 || !topological_order(A, tol).empty(); }

using tsr::kit::random_permutation;  // kit/rng.hpp, shared with other plugins

// Erdős–Rényi DAG, binary. The undirected skeleton is G(d, m) with m = min(edges, d(d−1)/2)
// edges drawn uniformly without replacement (NOTEARS: igraph Erdos_Renyi(n=d, m=s0)) when
// `exact`, else G(d, p) with p = edges / (d(d−1)/2) (CoLiDE: networkx erdos_renyi_graph, so
// `edges` is the expected count). Each edge is oriented along a uniformly random order of the
// nodes (NOTEARS' random acyclic orientation; the node labels are thereby randomly permuted).
inline Mat erdos_renyi_dag(int64_t d, double edges, bool exact, tsr::kit::Rng& rng) {
    Mat B = Mat::Zero(d, d);
    const std::vector<int64_t> order = random_permutation(d, rng);  // order[a]: the node at rank a
    const int64_t pairs = d * (d - 1) / 2;
    if (pairs == 0) return B;
    auto add = [&](int64_t pair) {  // pair index → (a < b) ranks, edge order[a] → order[b]
        int64_t a = 0, rest = pair;
        while (rest >= d - 1 - a) rest -= d - 1 - a++;
        const int64_t b = a + 1 + rest;
        B(order[static_cast<size_t>(a)], order[static_cast<size_t>(b)]) = 1.0;
    };
    if (exact) {
        const int64_t m = std::min<int64_t>(static_cast<int64_t>(std::llround(edges)), pairs);
        // Floyd's algorithm: m distinct pair indices uniformly.
        std::vector<char> taken(static_cast<size_t>(pairs), 0);
        for (int64_t j = pairs - m; j < pairs; ++j) {
            int64_t t = static_cast<int64_t>(rng.below(static_cast<uint64_t>(j + 1)));
            if (taken[static_cast<size_t>(t)]) t = j;
            taken[static_cast<size_t>(t)] = 1;
            add(t);
        }
    } else {
        const double p = std::min(1.0, edges / static_cast<double>(pairs));
        for (int64_t t = 0; t < pairs; ++t)
            if (rng.bernoulli(p)) add(t);
    }
    return B;
}

// Scale-free DAG, binary (Barabási & Albert 1999; NOTEARS: igraph Barabasi(n=d, m, directed=True)):
// node t = 1..d−1 arrives and links to min(m, t) distinct earlier nodes, each drawn with
// probability ∝ in-degree + 1 (igraph's defaults power = 1, zero_appeal = 1); the edge goes from
// the newcomer to the earlier node. The labels are then permuted uniformly at random.
inline Mat barabasi_albert_dag(int64_t d, int64_t m, tsr::kit::Rng& rng) {
    Mat B = Mat::Zero(d, d);
    std::vector<double> weight(static_cast<size_t>(d), 1.0);  // in-degree + 1
    std::vector<int64_t> chosen;
    for (int64_t t = 1; t < d; ++t) {
        chosen.clear();
        const int64_t k = std::min(m, t);
        while (static_cast<int64_t>(chosen.size()) < k) {
            double total = 0.0;
            for (int64_t u = 0; u < t; ++u)
                if (std::find(chosen.begin(), chosen.end(), u) == chosen.end()) total += weight[static_cast<size_t>(u)];
            double r = rng.uniform() * total;
            int64_t pick = -1;
            for (int64_t u = 0; u < t; ++u) {
                if (std::find(chosen.begin(), chosen.end(), u) != chosen.end()) continue;
                pick = u;
                r -= weight[static_cast<size_t>(u)];
                if (r < 0.0) break;
            }
            chosen.push_back(pick);
        }
        for (int64_t u : chosen) {
            B(t, u) = 1.0;
            weight[static_cast<size_t>(u)] += 1.0;
        }
    }
    const std::vector<int64_t> p = random_permutation(d, rng);
    Mat P = Mat::Zero(d, d);
    for (int64_t i = 0; i < d; ++i)
        for (int64_t j = 0; j < d; ++j) P(p[static_cast<size_t>(i)], p[static_cast<size_t>(j)]) = B(i, j);
    return P;
}

// Structural accuracy of an estimated graph against the true one (both binary: nonzero = edge),
// as NOTEARS' utils.count_accuracy for a DAG estimate (github.com/xunzheng/notears, utils.py):
//   true positive  = predicted edge present in the truth with the same direction
//   reverse        = predicted edge absent from the truth but present reversed
//   false positive = predicted edge whose pair is not adjacent in the truth
//   fdr = (reverse + false pos) / max(predicted, 1)
//   tpr = true pos / max(true edges, 1)
//   fpr = (reverse + false pos) / max(d(d−1)/2 − true edges, 1)
//   shd = extra skeleton pairs + missing skeleton pairs + reverse
// Skeleton pairs are the nonzeros of tril(B + Bᵀ) — the diagonal included, so a self-loop of
// the estimate is an extra pair. A reversed edge counts once (same skeleton pair, reversed).
struct Accuracy {
    double shd = 0, tpr = 0, fdr = 0, fpr = 0, nnz = 0;
};

inline Accuracy count_accuracy(const CMatRef& truth, const CMatRef& est) {
    const int64_t d = truth.rows();
    int64_t cond = 0, pred = 0, true_pos = 0, false_pos = 0, reverse = 0, extra = 0, missing = 0;
    for (int64_t i = 0; i < d; ++i) {
        for (int64_t j = 0; j < d; ++j) {
            const bool t = truth(i, j) != 0.0, tr = truth(j, i) != 0.0, e = est(i, j) != 0.0;
            cond += t;
            pred += e;
            if (e && t) ++true_pos;
            if (e && !t && !tr) ++false_pos;
            if (e && !t && tr) ++reverse;
            if (j <= i) {  // the lower triangle with the diagonal: skeleton pairs
                const bool ps = e || est(j, i) != 0.0, cs = t || tr;
                extra += ps && !cs;
                missing += cs && !ps;
            }
        }
    }
    Accuracy a;
    const double cond_neg = 0.5 * static_cast<double>(d) * static_cast<double>(d - 1) - static_cast<double>(cond);
    a.fdr = static_cast<double>(reverse + false_pos) / static_cast<double>(std::max<int64_t>(pred, 1));
    a.tpr = static_cast<double>(true_pos) / static_cast<double>(std::max<int64_t>(cond, 1));
    a.fpr = static_cast<double>(reverse + false_pos) / std::max(cond_neg, 1.0);
    a.shd = static_cast<double>(extra + missing + reverse);
    a.nnz = static_cast<double>(pred);
    return a;
}

// W with the entries |w| <= threshold set to zero (NOTEARS and DAGMA drop |w| < threshold; the
// issue's metrics keep |w| > threshold — identical except at exact ties).
inline Mat thresholded(const CMatRef& W, double threshold) {
    return (W.array().abs() > threshold).select(W, 0.0);
}

}  // namespace causal
