// host/run_status.cpp — names of run statuses; sizes and names of solution arrays' dtypes.
#include <array>
#include <utility>

#include "run_result.hpp"
#include "tessera/abi.h"

namespace tsr::host {

namespace {

// One table serves both directions, so a new status cannot be named but not parsed.
constexpr std::array<std::pair<RunStatus, const char*>, 8> status_names{{
    {RunStatus::ok, "ok"},
    {RunStatus::stopped, "stopped"},
    {RunStatus::budget_exhausted, "budget_exhausted"},
    {RunStatus::diverged, "diverged"},
    {RunStatus::error, "error"},
    {RunStatus::timeout, "timeout"},
    {RunStatus::crashed, "crashed"},
    {RunStatus::out_of_memory, "out_of_memory"},
}};

}  // namespace

const char* run_status_name(RunStatus s) {
    for (const auto& [status, name] : status_names)
        if (status == s) return name;
    return "unknown";
}

std::optional<RunStatus> parse_run_status(const std::string& text) {
    for (const auto& [status, name] : status_names)
        if (text == name) return status;
    return std::nullopt;
}

// The number of elements: the product of the shape, 1 for a scalar (ndim 0).
int64_t Array::size() const {
    int64_t n = 1;
    for (int64_t extent : shape) n *= extent;
    return n;
}

int64_t dtype_size(int32_t dtype) {
    switch (dtype) {
        case TSR_DTYPE_F64:
        case TSR_DTYPE_I64: return 8;
        case TSR_DTYPE_I32: return 4;
        case TSR_DTYPE_U8: return 1;
        default: return 0;
    }
}

const char* dtype_name(int32_t dtype) {
    switch (dtype) {
        case TSR_DTYPE_F64: return "f64";
        case TSR_DTYPE_I64: return "i64";
        case TSR_DTYPE_I32: return "i32";
        case TSR_DTYPE_U8: return "u8";
        default: return "unknown";
    }
}

}  // namespace tsr::host
