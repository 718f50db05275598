// graph.hpp — the dependency graph of the coordinates (an edge i–j when ∇²_ij f ≠ 0), read from
// tsr.coordinate.v1's hessian_pattern, in compressed adjacency form.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace bcd_greedy {

class Graph {
public:
    Graph() = default;
    // pairs: flattened (i, j), i < j, as hessian_pattern returns them.
    Graph(int64_t n, std::span<const int64_t> pairs) : start_(static_cast<size_t>(n) + 1, 0) {
        for (size_t k = 0; k + 1 < pairs.size(); k += 2) {
            ++start_[static_cast<size_t>(pairs[k]) + 1];
            ++start_[static_cast<size_t>(pairs[k + 1]) + 1];
        }
        for (size_t i = 1; i < start_.size(); ++i) start_[i] += start_[i - 1];
        adj_.resize(static_cast<size_t>(start_.back()));
        std::vector<int64_t> fill(start_.begin(), start_.end() - 1);
        for (size_t k = 0; k + 1 < pairs.size(); k += 2) {
            adj_[static_cast<size_t>(fill[static_cast<size_t>(pairs[k])]++)] = pairs[k + 1];
            adj_[static_cast<size_t>(fill[static_cast<size_t>(pairs[k + 1])]++)] = pairs[k];
        }
    }
    int64_t nodes() const { return start_.empty() ? 0 : static_cast<int64_t>(start_.size()) - 1; }
    int64_t edges() const { return static_cast<int64_t>(adj_.size()) / 2; }
    std::span<const int64_t> neighbors(int64_t i) const {
        return {adj_.data() + start_[static_cast<size_t>(i)],
                static_cast<size_t>(start_[static_cast<size_t>(i) + 1] - start_[static_cast<size_t>(i)])};
    }

private:
    std::vector<int64_t> start_, adj_;
};

}  // namespace bcd_greedy
