// sem_problem.hpp — what sem.linear and sem.csv serve: the data matrix "X" (n × d, row-major,
// float64) through tsr.dataset.v1, and what is known of the generating SEM through
// tsr.ground_truth.v1: "W_true" (d × d weighted adjacency, W[i,j] != 0 meaning i → j),
// "noise_var" (d, the per-node noise variances) and the scalar "n_edges" — each only when known.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <tessera/sdk.hpp>

#include "math/graph.hpp"
#include "math/sem.hpp"

namespace causal {

class SemProblem {
public:
    using provides = tsr::Provides<tsr::Dataset, tsr::GroundTruth>;

    SemProblem(RowMat X, std::optional<RowMat> W_true, std::optional<Eigen::VectorXd> noise_var)
        : X_(std::move(X)), W_true_(std::move(W_true)), noise_var_(std::move(noise_var)) {
        matrices_[0] = tsr::matrix_view("X", X_.data(), X_.rows(), X_.cols());
    }
    SemProblem(const SemProblem&) = delete;  // the dataset view points into X_
    SemProblem& operator=(const SemProblem&) = delete;

    std::span<const tsr_matrix> matrices() const { return {matrices_, 1}; }

    std::optional<double> truth_scalar(std::string_view name) const {
        if (name == "n_edges" && W_true_) return static_cast<double>((W_true_->array() != 0.0).count());
        return std::nullopt;
    }
    std::optional<tsr_array> truth_array(std::string_view name) const {
        if (name == "W_true" && W_true_) return tsr::array_view(*W_true_);
        if (name == "noise_var" && noise_var_) return tsr::array_view(*noise_var_);
        return std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const all[] = {"W_true", "noise_var", "n_edges", nullptr};
        static const char* const graph[] = {"W_true", "n_edges", nullptr};
        static const char* const none[] = {nullptr};
        return noise_var_ ? all : W_true_ ? graph : none;
    }

private:
    RowMat X_;
    std::optional<RowMat> W_true_;
    std::optional<Eigen::VectorXd> noise_var_;
    tsr_matrix matrices_[1];
};

}  // namespace causal
