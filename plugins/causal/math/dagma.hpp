// dagma.hpp — the log-det acyclicity h^s(W) = −log det(sI − W∘W) + d log s of DAGMA now lives in
// <tessera/kit/dag/dagma.hpp> (shared with the colide plugin); these names keep it in causal::.
#pragma once

#include "kernels.hpp"
#include "ls_score.hpp"
#include <tessera/kit/dag/dagma.hpp>

namespace causal {
using tsr::kit::dag::LogDetAcyclicity;
}  // namespace causal
