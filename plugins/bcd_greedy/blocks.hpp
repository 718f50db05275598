// blocks.hpp — how coordinates are grouped into blocks (Nutini, Laradji & Schmidt 2022, §3.1, §5.2).
//
// Fixed partitions of size τ (the last block may be smaller when τ does not divide d):
//   order   — contiguous: {0..τ−1}, {τ..2τ−1}, ...                      (reference "Order")
//   sorted  — by coordinate Lipschitz constant, ascending, then contiguous (reference "Sort",
//             the paper's recommended fixed partition: similar L_j in a block make L_b small)
//   random  — a random permutation, then contiguous
// Graph partitions (from the Hessian's sparsity; the size is the graph's, not τ):
//   tree_partition — forests: nodes in order of decreasing L_j each join the first forest in
//                    which they close no cycle, else open a new one (reference
//                    get_tp_general_graph, the paper's "tree partitions", §5.2)
//   red_black      — greedy colouring: each node takes, among the colours none of its neighbours
//                    has, the least used one, else a new colour; a colour class has no internal
//                    edge, so its block Hessian is diagonal (reference get_rb_general_graph)
// Variable blocks are chosen each iteration by the selection rule (rules.hpp); `grow_forest`
// builds the greedy-tree block: a maximal forest grown in a given order (reference get_tree_slow,
// the paper's "greedy tree", §5.2).
#pragma once

#include <algorithm>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

#include "graph.hpp"

namespace bcd_greedy {

using Partition = std::vector<std::vector<int64_t>>;

inline Partition contiguous_blocks(const std::vector<int64_t>& order, int64_t tau) {
    Partition p;
    for (size_t s = 0; s < order.size(); s += static_cast<size_t>(tau))
        p.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(s),
                       order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), s + static_cast<size_t>(tau))));
    for (auto& b : p) std::sort(b.begin(), b.end());
    return p;
}

inline std::vector<int64_t> identity_order(int64_t d) {
    std::vector<int64_t> o(static_cast<size_t>(d));
    std::iota(o.begin(), o.end(), int64_t{0});
    return o;
}

// Coordinates by decreasing L (ties by index), the order in which graph partitions place nodes.
inline std::vector<int64_t> decreasing_lipschitz(const tsr::Vec& L) {
    std::vector<int64_t> o = identity_order(L.size());
    std::stable_sort(o.begin(), o.end(), [&](int64_t a, int64_t b) { return L[a] > L[b]; });
    return o;
}

inline Partition fixed_partition(const std::string& kind, const tsr::Vec& L, int64_t tau, tsr::kit::Rng& rng) {
    std::vector<int64_t> o = identity_order(L.size());
    if (kind == "sorted") {
        std::stable_sort(o.begin(), o.end(), [&](int64_t a, int64_t b) { return L[a] < L[b]; });
    } else if (kind == "random") {
        for (size_t i = o.size(); i > 1; --i) std::swap(o[i - 1], o[rng.below(i)]);
    } else if (kind != "order") {
        throw tsr::InvalidArgument("unknown fixed partition '" + kind + "'");
    }
    return contiguous_blocks(o, tau);
}

// Union-find over the nodes, for cycle tests while forests grow.
class Forests {
public:
    explicit Forests(int64_t n) : parent_(static_cast<size_t>(n)) { std::iota(parent_.begin(), parent_.end(), int64_t{0}); }
    int64_t root(int64_t i) {
        while (parent_[static_cast<size_t>(i)] != i) {
            parent_[static_cast<size_t>(i)] = parent_[static_cast<size_t>(parent_[static_cast<size_t>(i)])];
            i = parent_[static_cast<size_t>(i)];
        }
        return i;
    }
    void join(int64_t a, int64_t b) { parent_[static_cast<size_t>(root(a))] = root(b); }
    void reset(int64_t i) { parent_[static_cast<size_t>(i)] = i; }

private:
    std::vector<int64_t> parent_;
};

inline Partition tree_partition(const Graph& g, const std::vector<int64_t>& order) {
    const int64_t n = g.nodes();
    std::vector<int64_t> forest_of(static_cast<size_t>(n), -1);
    Forests uf(n);
    Partition forests;
    std::vector<std::pair<int64_t, int64_t>> seen;  // (forest, tree root) of the node's placed neighbours
    std::vector<char> blocked;
    for (int64_t i : order) {
        seen.clear();
        for (int64_t j : g.neighbors(i))
            if (forest_of[static_cast<size_t>(j)] >= 0) seen.emplace_back(forest_of[static_cast<size_t>(j)], uf.root(j));
        std::sort(seen.begin(), seen.end());
        blocked.assign(forests.size(), 0);
        for (size_t k = 1; k < seen.size(); ++k)  // two neighbours in one tree: joining closes a cycle
            if (seen[k] == seen[k - 1]) blocked[static_cast<size_t>(seen[k].first)] = 1;
        size_t f = 0;
        while (f < forests.size() && blocked[f]) ++f;
        if (f == forests.size()) forests.emplace_back();
        forests[f].push_back(i);
        forest_of[static_cast<size_t>(i)] = static_cast<int64_t>(f);
        for (const auto& [ff, r] : seen)
            if (ff == static_cast<int64_t>(f)) uf.join(i, r);
    }
    for (auto& b : forests) std::sort(b.begin(), b.end());
    return forests;
}

inline Partition red_black_partition(const Graph& g, const std::vector<int64_t>& order) {
    const int64_t n = g.nodes();
    std::vector<int64_t> color(static_cast<size_t>(n), -1);
    Partition classes;
    std::vector<char> used;
    for (int64_t i : order) {
        used.assign(classes.size(), 0);
        for (int64_t j : g.neighbors(i))
            if (color[static_cast<size_t>(j)] >= 0) used[static_cast<size_t>(color[static_cast<size_t>(j)])] = 1;
        int64_t best = -1;
        for (size_t c = 0; c < classes.size(); ++c)
            if (!used[c] && (best < 0 || classes[c].size() < classes[static_cast<size_t>(best)].size()))
                best = static_cast<int64_t>(c);
        if (best < 0) {
            best = static_cast<int64_t>(classes.size());
            classes.emplace_back();
        }
        classes[static_cast<size_t>(best)].push_back(i);
        color[static_cast<size_t>(i)] = best;
    }
    for (auto& b : classes) std::sort(b.begin(), b.end());
    return classes;
}

// The greedy-tree block: nodes in `order` join the block unless two of their neighbours already in
// it lie in one tree (a cycle); the result is a maximal forest. `uf` and `in_block` are caller
// scratch (reset here), so that no allocation happens per iteration.
inline void grow_forest(const Graph& g, std::span<const int64_t> order, std::vector<int64_t>& block,
                        std::vector<char>& in_block, std::vector<int64_t>& roots, Forests& uf) {
    block.clear();
    for (int64_t i : order) {
        roots.clear();
        for (int64_t j : g.neighbors(i))
            if (in_block[static_cast<size_t>(j)]) roots.push_back(uf.root(j));
        std::sort(roots.begin(), roots.end());
        if (std::adjacent_find(roots.begin(), roots.end()) != roots.end()) continue;
        block.push_back(i);
        in_block[static_cast<size_t>(i)] = 1;
        for (int64_t r : roots) uf.join(i, r);
    }
    for (int64_t i : block) {
        in_block[static_cast<size_t>(i)] = 0;
        uf.reset(i);
    }
    std::sort(block.begin(), block.end());
}

}  // namespace bcd_greedy
