// initial_order.hpp — TOPO's starting topological order from of a given weighted adjacency (another method's
// output, read from a CSV file) for post-processing.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include <tessera/kit/data_file.hpp>
#include <tessera/sdk/errors.hpp>

#include "order_fit.hpp"

namespace topo {

// An order consistent with the graph {i → j : |W[i,j]| > threshold}: repeatedly the smallest-index
// node with no incoming edge from the nodes not yet placed (Kahn's rule); when every remaining node
// has one (a cyclic input), the node with the least total |w| coming from the remaining nodes, i.e.
// the weakest cycle edges are the ones reversed.
inline std::vector<int64_t> order_of(const Mat& W, double threshold) {
    const int64_t d = W.rows();
    std::vector<char> placed(static_cast<size_t>(d), 0);
    std::vector<int64_t> order;
    order.reserve(static_cast<size_t>(d));
    while (static_cast<int64_t>(order.size()) < d) {
        int64_t best = -1;
        double best_in = INFINITY;
        for (int64_t j = 0; j < d && best_in > 0.0; ++j) {
            if (placed[static_cast<size_t>(j)]) continue;
            double in = 0.0;
            for (int64_t i = 0; i < d; ++i)
                if (!placed[static_cast<size_t>(i)] && i != j && std::abs(W(i, j)) > threshold) in += std::abs(W(i, j));
            if (in < best_in) best_in = in, best = j;
        }
        placed[static_cast<size_t>(best)] = 1;
        order.push_back(best);
    }
    return order;
}

// A d × d matrix from a CSV file without header (the format of sem.csv's `truth`).
inline Mat read_square_csv(const std::string& path, int64_t d) {
    tsr::kit::DenseData data = tsr::kit::read_csv(path, {.label_column = -1, .header = tsr::kit::HeaderMode::no});
    if (data.X.rows() != d || data.X.cols() + 1 != d)
        throw tsr::IoError(path + ": expected a " + std::to_string(d) + " x " + std::to_string(d) + " matrix, found " +
                           std::to_string(data.X.rows()) + " x " + std::to_string(data.X.cols() + 1));
    Mat W(d, d);
    W.leftCols(d - 1) = data.X;
    W.col(d - 1) = data.y;
    return W;
}

}  // namespace topo
