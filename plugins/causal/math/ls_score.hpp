// ls_score.hpp — the least-squares score Q(W) = ½ tr((I − W)ᵀ Σ̂ (I − W)) now lives in
// <tessera/kit/dag/ls_score.hpp> (shared with the colide plugin); these names keep it in causal::.
#pragma once

#include <tessera/kit/dag/ls_score.hpp>

namespace causal {
using tsr::kit::dag::covariance;
using tsr::kit::dag::LeastSquares;
using tsr::kit::dag::Mat;
}  // namespace causal
