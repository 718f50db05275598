// data.hpp — what the structure-learning algorithms read from the problem: the sufficient
// statistic Σ̂ = XcᵀXc / n of the dataset "X" (n × d, centered column-wise), computed once per run.
#pragma once

#include <tessera/sdk.hpp>

#include "math/ls_score.hpp"

namespace causal {

inline Mat data_covariance(tsr::Run& r) {
    const tsr::MatrixView X = r.dataset().matrix("X");
    if (X.rows() < 1 || X.cols() < 1) throw tsr::InvalidArgument("dataset 'X' is empty");
    return covariance(X, true);
}

}  // namespace causal
