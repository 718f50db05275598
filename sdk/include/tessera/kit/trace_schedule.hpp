// tessera/kit/trace_schedule.hpp — when a step-by-step (bandit / online) algorithm reports a
// trace point: at steps spaced geometrically (×1.1, for log-log regret curves and regret.slope),
// at least every T/100 steps (for linear plots), and at the last step. About 150 points whatever
// T; for an environment run the host adds the env.* columns (regret, switches, ...) at each.
//
//   tsr::kit::TraceSchedule schedule(spec.horizon);
//   for (int64_t t = 1; ; ++t) {
//       ... one step ...
//       if (tsr::kit::report_step(r, schedule, t, st.done != 0) || st.done) break;
//   }
//
// Used by bandit.exp3 / bandit.ucb1 / bandit.hedge_sd (plugins/bandit_envs) and sc.batched
// (plugins/switching_costs). Ownership: a value. Thread rule: the thread that runs the algorithm.
#pragma once

#include <algorithm>
#include <cstdint>

#include <tessera/sdk.hpp>
#include <tessera/sdk/run.hpp>

namespace tsr::kit {

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

}  // namespace tsr::kit
