// stream_record.hpp — reading the host's stream arrays of a finished run (tsr.stream.v1):
// "stream.updates" (I64, U × 2: kind, element), "stream.queries" (I64, U: oracle units spent when
// update i was pulled), "stream.solution_step" (I64, R), "stream.solution_offsets" (I64, R + 1),
// "stream.solution_elements" (I64), and replaying the active set to any step.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include <tessera/sdk.hpp>

#include "../active_list.hpp"

namespace setfn {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// An I64 run array as a flat span (empty when absent or of another type).
inline std::span<const int64_t> i64_array(const tsr::RunRecord& r, const char* name) {
    return r.int_array(name).value_or(std::span<const int64_t>());
}

// The active set after a prefix of the updates, advanced step by step.
class ActiveSet {
public:
    ActiveSet(int64_t n, std::span<const int64_t> updates) : updates_(updates), n_(n), set_(n) {}

    // Applies updates until `step` of them have been applied (step never decreases).
    void advance_to(int64_t step) {
        for (; applied_ < step && 2 * applied_ + 1 < static_cast<int64_t>(updates_.size()); ++applied_) {
            const int64_t kind = updates_[2 * applied_], e = updates_[2 * applied_ + 1];
            if (kind == TSR_UPDATE_INSERT && !set_.contains(e))
                set_.insert(e);
            else if (kind == TSR_UPDATE_DELETE && set_.contains(e))
                set_.erase(e);
        }
    }
    std::span<const int64_t> elements() const { return set_.elements(); }
    bool contains(int64_t e) const { return e >= 0 && e < n_ && set_.contains(e); }

private:
    std::span<const int64_t> updates_;
    int64_t n_;
    ActiveList set_;
    int64_t applied_ = 0;
};

}  // namespace setfn
