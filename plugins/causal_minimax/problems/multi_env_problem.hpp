// multi_env_problem.hpp — what scm.multi_env and scm.csv serve.
//
// tsr.dataset.v1 (training environments only; float64, row-major):
//   "X"        n × d   covariates of the pooled training environments
//   "y"        n × 1   the target
//   "env"      n × 1   environment id of each row
//   "mutable"  1 × d   1 for the covariates whose mechanism changes across environments (the set
//                      M the paper takes as known), when known
//   "graph"    (d+1) × (d+1)  the causal DAG over X_1..X_d and Y (index d), 1 at [i, j] for
//                      i → j (the paper takes it as known or learned by CD-NOD), when known
// tsr.ground_truth.v1 (metrics only; the held-out test environments):
//   arrays "X_test" (m × d), "y_test" (m), "env_test" (m), "W_true" ((d+1) × (d+1), weights;
//   synthetic only); scalars "test_envs" (their number) and "condition_holds" (1 when the
//   graphical condition holds, when graph and mutable set are known).
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <vector>

#include <tessera/sdk.hpp>

#include "math/training_data.hpp"

namespace minimax {

using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct MultiEnvData {
    RowMat X, y, env;                    // training
    std::optional<RowMat> mutables, graph;
    RowMat X_test;
    Vec y_test, env_test;
    std::optional<RowMat> W_true;
};

class MultiEnvProblem {
public:
    using provides = tsr::Provides<tsr::Dataset, tsr::GroundTruth>;

    explicit MultiEnvProblem(MultiEnvData data) : data_(std::move(data)) {
        add("X", data_.X);
        add("y", data_.y);
        add("env", data_.env);
        if (data_.mutables) add("mutable", *data_.mutables);
        if (data_.graph) add("graph", *data_.graph);
        if (data_.graph && data_.mutables) {
            const TrainingData t = make_training_data(data_.X, data_.y, data_.env, data_.mutables, data_.graph);
            condition_ = Components(*t.graph, t.y(), *t.mutables).condition_holds ? 1.0 : 0.0;
        }
        std::vector<double> ids(data_.env_test.data(), data_.env_test.data() + data_.env_test.size());
        std::sort(ids.begin(), ids.end());
        test_envs_ = static_cast<double>(std::unique(ids.begin(), ids.end()) - ids.begin());
    }
    MultiEnvProblem(const MultiEnvProblem&) = delete;  // the dataset views point into data_
    MultiEnvProblem& operator=(const MultiEnvProblem&) = delete;

    std::span<const tsr_matrix> matrices() const { return {matrices_.data(), matrices_.size()}; }

    std::optional<double> truth_scalar(std::string_view name) const {
        if (name == "test_envs") return test_envs_;
        if (name == "condition_holds" && condition_) return condition_;
        return std::nullopt;
    }
    std::optional<tsr_array> truth_array(std::string_view name) const {
        if (name == "X_test") return tsr::array_view(data_.X_test);
        if (name == "y_test") return tsr::array_view(data_.y_test);
        if (name == "env_test") return tsr::array_view(data_.env_test);
        if (name == "W_true" && data_.W_true) return tsr::array_view(*data_.W_true);
        return std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const all[] = {"X_test", "y_test", "env_test", "W_true", "test_envs", "condition_holds",
                                          nullptr};
        static const char* const graph[] = {"X_test", "y_test", "env_test", "test_envs", "condition_holds", nullptr};
        static const char* const data[] = {"X_test", "y_test", "env_test", "test_envs", nullptr};
        return data_.W_true ? all : condition_ ? graph : data;
    }

private:
    void add(const char* name, const RowMat& m) {
        matrices_.push_back(tsr::matrix_view(name, m.data(), m.rows(), m.cols()));
    }

    MultiEnvData data_;
    std::vector<tsr_matrix> matrices_;
    std::optional<double> condition_;
    double test_envs_ = 0.0;
};

}  // namespace minimax
