// trace_schedule.hpp — when a bandit algorithm reports a trace point: at steps spaced
// geometrically (×1.1, for log-log regret curves and regret.slope) and at least every T/100 steps
// (for linear plots), and at the last step. About 150 points whatever T; the host adds the env.*
// columns (regret, switches, ...) at each.
#pragma once

#include <algorithm>
#include <cstdint>

#include <tessera/sdk.hpp>

namespace bandit_envs {

class TraceSchedule {
public:
    explicit TraceSchedule(int64_t horizon) : linear_(std::max<int64_t>(1, horizon / 100)) {}

    // True when a point is due after `steps` steps (steps ≥ 1); advances the schedule.
    bool due(int64_t steps, bool last) {
        if (steps < next_ && !last) return false;
        next_ = std::max(steps + 1, std::min(static_cast<int64_t>(steps * 1.1) + 1, steps + linear_));
        return true;
    }

private:
    int64_t linear_;
    int64_t next_ = 1;
};

// Reports the point for `steps` steps taken when due; true when the host asks the run to stop.
inline bool report_step(tsr::Run& r, TraceSchedule& schedule, int64_t steps, bool last) {
    if (!schedule.due(steps, last)) return r.should_stop();
    return r.report_values(steps, {});
}

}  // namespace bandit_envs
