// training_data.hpp — the dataset matrices of multi_env_problem.hpp as a TrainingData, checked:
// shapes agree, the graph is a 0/1-pattern DAG over d+1 nodes, the mutable set a mask over d.
#pragma once

#include <optional>
#include <string>

#include <tessera/sdk/errors.hpp>

#include "minimax.hpp"

namespace minimax {

template <class MX, class MY, class ME, class MM = Mat, class MG = Mat>
TrainingData make_training_data(const MX& X, const MY& y, const ME& env, const std::optional<MM>& mutables,
                                const std::optional<MG>& graph) {
    const int64_t n = X.rows(), d = X.cols();
    if (n < 2 || d < 1) throw tsr::InvalidArgument("dataset 'X' needs at least 2 rows and 1 column");
    if (d > 62) throw tsr::InvalidArgument("at most 62 covariates (node sets are 64-bit masks)");
    if (y.rows() != n || y.cols() != 1) throw tsr::InvalidArgument("dataset 'y' must be n x 1 with n = rows of 'X'");
    if (env.rows() != n || env.cols() != 1)
        throw tsr::InvalidArgument("dataset 'env' must be n x 1 with n = rows of 'X'");
    TrainingData t;
    t.d = static_cast<int>(d);
    t.V.resize(n, d + 1);
    t.V.leftCols(d) = X;
    t.V.col(d) = y.col(0);
    t.env = env.col(0);
    if (mutables) {
        if (mutables->size() != d) throw tsr::InvalidArgument("dataset 'mutable' must have d = " + std::to_string(d) + " entries");
        NodeSet m = 0;
        for (int64_t i = 0; i < d; ++i)
            if ((*mutables)(i) != 0.0) m |= bit(static_cast<int>(i));
        t.mutables = m;
    }
    if (graph) {
        if (graph->rows() != d + 1 || graph->cols() != d + 1)
            throw tsr::InvalidArgument("dataset 'graph' must be (d+1) x (d+1) = " + std::to_string(d + 1) + " x " +
                                       std::to_string(d + 1) + " (the covariates, then Y)");
        Dag g(static_cast<int>(d + 1));
        for (int64_t i = 0; i <= d; ++i)
            for (int64_t j = 0; j <= d; ++j)
                if ((*graph)(i, j) != 0.0) {
                    if (i == j) throw tsr::InvalidArgument("dataset 'graph' has a self-loop at node " + std::to_string(i));
                    g.add_edge(static_cast<int>(i), static_cast<int>(j));
                }
        if (static_cast<int64_t>(g.topological_order().size()) != d + 1)
            throw tsr::InvalidArgument("dataset 'graph' has a directed cycle");
        t.graph = std::move(g);
    }
    return t;
}

}  // namespace minimax
