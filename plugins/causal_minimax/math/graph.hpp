// graph.hpp — the graph side of the causal minimax method (Liu, Zheng, Sun, Fang & Wang, ICML
// 2023): node sets as bit masks over the variables X_0..X_{d−1} and Y (index d), descendants,
// d-separation, adjacency in the maximal ancestral graph (MAG) of a DAG with latent and selected
// nodes, and Alg. 2: the search of the equivalence classes of stable subsets.
//
// Equivalence classes (Alg. 2, the reference's eqcls_search/eqcls_search.py): on the stable
// graph G_S (the DAG over Y and the stable variables; mutable nodes removed), recursively: take
// the neighbours N of Y in the MAG of G_S that marginalizes the nodes decided "out" (latent L) and
// conditions on those decided "in" (selected C); if N is empty every subset of the undecided
// nodes joins C in one class (Y is separated from them given C, so f_{C ∪ T} = f_C); otherwise
// branch on each T ⊆ N (T in, N \ T out). Each leaf is one class; its smallest member, C, is the
// subset whose worst-case risk is estimated. The reference builds each MAG with R's ggm
// (DAG.to.MAG); here two nodes are adjacent in the MAG iff no set separates them, which for a
// DAG is iff they are d-connected given (An({a, b} ∪ C) ∩ O) \ {a, b} ∪ C, O the observed nodes
// (Richardson & Spirtes 2002: adjacent iff joined by an inducing path iff not separable; the
// ancestral separating set is checked against brute force in tests/causal_minimax).
#pragma once

#include <bit>
#include <cstdint>
#include <set>
#include <vector>

namespace minimax {

using NodeSet = uint64_t;  // bit i: node i (at most 63 nodes)

inline NodeSet bit(int i) { return NodeSet{1} << i; }
inline bool has(NodeSet s, int i) { return (s >> i) & 1u; }

struct Dag {
    int n = 0;
    std::vector<NodeSet> pa, ch;

    explicit Dag(int nodes = 0) : n(nodes), pa(nodes, 0), ch(nodes, 0) {}
    void add_edge(int from, int to) {
        pa[to] |= bit(from);
        ch[from] |= bit(to);
    }
    bool edge(int from, int to) const { return has(ch[from], to); }

    // Nodes reachable from `from` by directed paths of length >= 1.
    NodeSet descendants(NodeSet from) const { return reach(from, ch); }
    // `of` and every node with a directed path into `of`.
    NodeSet ancestors(NodeSet of) const { return of | reach(of, pa); }
    // The graph with every edge into `targets` removed (G_{do(targets)}).
    Dag without_edges_into(NodeSet targets) const {
        Dag g(n);
        for (int j = 0; j < n; ++j)
            if (!has(targets, j))
                for (int i = 0; i < n; ++i)
                    if (has(pa[j], i)) g.add_edge(i, j);
        return g;
    }
    // The induced subgraph on `keep` (other nodes keep their index and lose their edges).
    Dag induced(NodeSet keep) const {
        Dag g(n);
        for (int j = 0; j < n; ++j)
            if (has(keep, j))
                for (int i = 0; i < n; ++i)
                    if (has(keep, i) && has(pa[j], i)) g.add_edge(i, j);
        return g;
    }
    // Nodes in a topological order (parents first); throws nothing: the input is acyclic.
    std::vector<int> topological_order() const {
        std::vector<int> order;
        NodeSet placed = 0;
        while (static_cast<int>(order.size()) < n) {
            bool progress = false;
            for (int i = 0; i < n; ++i)
                if (!has(placed, i) && (pa[i] & ~placed) == 0) {
                    order.push_back(i);
                    placed |= bit(i);
                    progress = true;
                }
            if (!progress) break;  // a cycle: the caller checks the size
        }
        return order;
    }

private:
    // Nodes reached from `start` by one or more steps along `next` (ch: descendants, pa: ancestors).
    NodeSet reach(NodeSet start, const std::vector<NodeSet>& next) const {
        NodeSet seen = 0, frontier = 0;
        for (int i = 0; i < n; ++i)
            if (has(start, i)) frontier |= next[i];
        while (frontier) {
            const int i = std::countr_zero(frontier);
            frontier &= frontier - 1;
            if (has(seen, i)) continue;
            seen |= bit(i);
            frontier |= next[i] & ~seen;
        }
        return seen;
    }
};

// d-separation of the node sets a and b given Z in g (moral graph of the ancestral set,
// Lauritzen).
inline bool d_separated(const Dag& g, NodeSet a, NodeSet b, NodeSet Z) {
    const NodeSet A = g.ancestors(a | b | Z);
    std::vector<NodeSet> adj(g.n, 0);
    for (int j = 0; j < g.n; ++j) {
        if (!has(A, j)) continue;
        const NodeSet p = g.pa[j] & A;
        for (int i = 0; i < g.n; ++i)
            if (has(p, i)) {
                adj[i] |= bit(j) | (p & ~bit(i));  // child edge and marriage of the parents
                adj[j] |= bit(i);
            }
    }
    NodeSet seen = a, frontier = 0;
    for (int i = 0; i < g.n; ++i)
        if (has(a, i)) frontier |= adj[i] & ~Z;
    while (frontier) {
        const int i = std::countr_zero(frontier);
        frontier &= frontier - 1;
        if (has(b, i)) return false;
        if (has(seen, i)) continue;
        seen |= bit(i);
        frontier |= adj[i] & ~Z & ~seen;
    }
    return true;
}

// Adjacency of a and b in the MAG of g over `observed` (the others latent), conditioned on
// `selected` (disjoint from observed).
inline bool mag_adjacent(const Dag& g, int a, int b, NodeSet observed, NodeSet selected) {
    const NodeSet sep = ((g.ancestors(bit(a) | bit(b) | selected) & observed) & ~(bit(a) | bit(b))) | selected;
    return !d_separated(g, bit(a), bit(b), sep);
}

// Alg. 2: the smallest subset of each equivalence class of subsets of `stable` (bit masks), on
// the stable graph g (nodes outside stable ∪ {y} are ignored as absent).
class EquivalenceSearch {
public:
    EquivalenceSearch(const Dag& stable_graph, int y, NodeSet stable) : g_(stable_graph), y_(y), stable_(stable) {}

    std::vector<NodeSet> representatives() {
        out_.clear();
        recurse(0, 0);
        return {out_.begin(), out_.end()};
    }

private:
    void recurse(NodeSet latent, NodeSet selected) {
        const NodeSet observed = stable_ & ~latent & ~selected;
        NodeSet neigh = 0;
        for (int x = 0; x < g_.n; ++x)
            if (has(observed, x) && mag_adjacent(g_, y_, x, observed | bit(y_), selected)) neigh |= bit(x);
        if (neigh == 0) {
            out_.insert(selected);
            return;
        }
        // every T ⊆ N, enumerated as sub-masks of neigh
        for (NodeSet t = neigh;; t = (t - 1) & neigh) {
            recurse(latent | (neigh & ~t), selected | t);
            if (t == 0) break;
        }
    }

    const Dag& g_;
    int y_;
    NodeSet stable_;
    std::set<NodeSet> out_;
};

}  // namespace minimax
