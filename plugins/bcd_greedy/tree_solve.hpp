// tree_solve.hpp — exact solve of H d = r when the block's dependency graph is a forest, by
// message passing (Nutini, Laradji & Schmidt 2022, §5, message passing for tree-structured blocks;
// equivalently Gaussian elimination in a leaves-to-root order, which creates no fill-in):
//
//   upward pass (leaves first):  for i with parent p:  H_pp ← H_pp − H_pi²/H_ii,  r_p ← r_p − (H_pi/H_ii) r_i
//   downward pass (roots first): d_i = (r_i − H_ip d_p) / H_ii
//
// O(m) arithmetic for an m-node forest (O(m + edges) to order it), against O(m³) for a dense
// factorization. Only H's diagonal and its entries on forest edges are read.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <tessera/sdk.hpp>

#include "graph.hpp"

namespace bcd_greedy {

class ForestSolver {
public:
    // Orders the block `idx` (global coordinates) for elimination, with edges from `g`. Returns
    // false when the block's induced graph has a cycle (then solve() must not be used).
    bool prepare(std::span<const int64_t> idx, const Graph& g) {
        const int64_t m = static_cast<int64_t>(idx.size());
        if (static_cast<int64_t>(local_.size()) < g.nodes()) local_.assign(static_cast<size_t>(g.nodes()), -1);
        for (int64_t p = 0; p < m; ++p) local_[static_cast<size_t>(idx[p])] = p;
        order_.clear();
        parent_.assign(static_cast<size_t>(m), -2);  // −2: not reached yet
        bool forest = true;
        for (int64_t root = 0; root < m && forest; ++root) {
            if (parent_[static_cast<size_t>(root)] != -2) continue;
            parent_[static_cast<size_t>(root)] = -1;
            const size_t start = order_.size();
            order_.push_back(root);
            for (size_t k = start; k < order_.size() && forest; ++k) {  // breadth first
                const int64_t i = order_[k];
                for (int64_t j_global : g.neighbors(idx[i])) {
                    const int64_t j = local_[static_cast<size_t>(j_global)];
                    if (j < 0 || j == parent_[static_cast<size_t>(i)]) continue;
                    if (parent_[static_cast<size_t>(j)] != -2) {  // reached twice: a cycle
                        forest = false;
                        break;
                    }
                    parent_[static_cast<size_t>(j)] = i;
                    order_.push_back(j);
                }
            }
        }
        for (int64_t p = 0; p < m; ++p) local_[static_cast<size_t>(idx[p])] = -1;
        return forest;
    }

    // d = H⁻¹ r for the prepared block (H: m × m, symmetric positive definite on the forest).
    template <class MatrixH>
    void solve(const MatrixH& H, const tsr::Vec& r, tsr::Vec& d) {
        const int64_t m = static_cast<int64_t>(order_.size());
        diag_ = H.diagonal();
        rhs_ = r;
        d.resize(m);
        for (int64_t k = m - 1; k >= 0; --k) {  // upward: messages from children to parents
            const int64_t i = order_[static_cast<size_t>(k)], p = parent_[static_cast<size_t>(i)];
            if (p < 0) continue;
            const double c = H(p, i) / diag_[i];
            diag_[p] -= c * H(p, i);
            rhs_[p] -= c * rhs_[i];
        }
        for (int64_t k = 0; k < m; ++k) {  // downward: back substitution from the roots
            const int64_t i = order_[static_cast<size_t>(k)], p = parent_[static_cast<size_t>(i)];
            d[i] = (rhs_[i] - (p >= 0 ? H(i, p) * d[p] : 0.0)) / diag_[i];
        }
    }

private:
    std::vector<int64_t> local_;           // global → position in the block (−1 elsewhere)
    std::vector<int64_t> order_, parent_;  // breadth-first order; parent position (−1: a root)
    tsr::Vec diag_, rhs_;
};

}  // namespace bcd_greedy
