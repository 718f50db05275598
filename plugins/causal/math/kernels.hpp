// kernels.hpp — DAGMA's inner loops now live in <tessera/kit/dag/kernels.hpp> (shared with the
// colide plugin); this alias keeps them as causal::kernels.
#pragma once

#include <tessera/kit/dag/kernels.hpp>

namespace causal {
namespace kernels = tsr::kit::dag::kernels;
}  // namespace causal
