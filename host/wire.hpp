// host/wire.hpp — RunResult as bytes, to move it between processes (worker pool, MPI ranks).
//
// A plain length-prefixed binary encoding in host byte order: both ends are the same tessera
// binary on machines of one cluster, so no portability layer is needed. decode_result throws
// std::runtime_error on truncated or malformed input (a worker that died mid-write).
#pragma once

#include <string>
#include <string_view>

#include "run_result.hpp"

namespace tsr::host {

std::string encode_result(const RunResult& r);
RunResult decode_result(std::string_view bytes);

}  // namespace tsr::host
