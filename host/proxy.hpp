// host/proxy.hpp — the object the host puts between an algorithm and its problem.
//
// The proxy serves the same interfaces as the problem (except tsr.ground_truth.v1, which only
// metrics may see) and forwards every call, while it
//   - counts calls and oracle units per function ("tsr.objective.v1/value_gradient"),
//   - times them: each of the first 64 calls of a function, then every call that costs more
//     than ~1 µs (the timer's cost is then negligible), and one call in 64 of the cheap ones
//     (TSC ticks; each timed call stands for the untimed calls before it). Reading the TSC costs
//     ~25 ns on a virtual machine, more than a cheap oracle: sampling keeps the estimate and
//     drops the cost, while expensive calls and one slow first call (a cache built lazily) are
//     measured, not extrapolated,
//   - enforces the evaluation budget: a call that would exceed it is refused with
//     TSR_BUDGET_EXHAUSTED before it reaches the problem.
// Oracle counts therefore do not depend on plugins counting honestly.
//
// Cost per forwarded call: a budget compare, three adds, a sampling test and a tail jump to the
// problem — no allocation, no atomic, no dimension check (dimensions are read once, when the
// proxy is made). See tests/bench/abi_overhead for the measured figures.
//
// Only interfaces the host knows can be proxied; a problem's other interfaces are not served
// through the proxy (the registry refuses to pair an algorithm needing one).
//
// Thread rule: [object] like any object — one algorithm thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <tessera/iface/bilevel.h>
#include <tessera/iface/bounds.h>
#include <tessera/iface/coordinate.h>
#include <tessera/iface/dataset.h>
#include <tessera/iface/env.h>
#include <tessera/iface/finite_sum.h>
#include <tessera/iface/objective.h>
#include <tessera/iface/operator.h>
#include <tessera/iface/set_function.h>
#include <tessera/iface/stream.h>
#include <tessera/iface/target.h>

#include "run_result.hpp"

namespace tsr::host {

// Every function the proxy counts.
enum ProxySlot : int {
    kObjectiveInitialPoint,
    kObjectiveValue,
    kObjectiveValueGradient,
    kObjectiveValueBatch,
    kObjectiveHessianVector,
    kFiniteSumBatchValue,
    kFiniteSumBatchValueGradient,
    kBoundsBounds,
    kBoundsProject,
    kDatasetGet,
    kDatasetFind,
    // tsr.operator.v1: value counts n units (one per component), batch m; resolvent calls only
    kOperatorInitialPoint,
    kOperatorValue,
    kOperatorBatch,
    kOperatorResolvent,
    // tsr.target.v1: m units per call, each function apart
    kTargetTargets,
    kTargetVjp,
    kTargetLossGradient,
    // tsr.bilevel.v1: upper/lower m units (n_upper / n_lower for a full call), lower_hvp 1;
    // projections calls only
    kBilevelInitialPoint,
    kBilevelUpper,
    kBilevelLower,
    kBilevelLowerHvp,
    kBilevelProjectX,
    kBilevelProjectY,
    // tsr.coordinate.v1: gradient, block_gradient, block_hessian 1 unit; the x-free
    // coordinate_lipschitz and block_bound calls only
    kCoordinateGradient,
    kCoordinateBlockGradient,
    kCoordinateBlockHessian,
    kCoordinateLipschitz,
    kCoordinateBlockBound,
    // tsr.env.v1: a step and an extra observation are one unit each; reset is a call
    kEnvReset,
    kEnvStep,
    kEnvObserve,
    // tsr.set_function.v1: a value query is one unit, gains one unit per candidate
    kSetValue,
    kSetGains,
    // tsr.stream.v1: calls only
    kStreamNext,
    kStreamSolution,
    kProxySlots
};
const char* proxy_slot_name(int slot);
// Which slots count as oracle units toward the evaluation budget (initial points, bounds,
// dataset access, resolvents, bilevel projections and the coordinate constants do not: they
// are counted as calls only).
bool proxy_slot_is_oracle(int slot);

// Interface ids the proxy can serve.
bool proxy_can_serve(const std::string& interface_id);

// What the proxy saw of an environment: every step's action and reward, so that the host (not the
// algorithm) records what was played. `episode_starts` holds the step index of each reset.
struct EnvLog {
    bool discrete = false;
    std::vector<int64_t> actions;  // the arm, or -1 for a vector action
    std::vector<double> rewards;
    std::vector<int64_t> episode_starts;
};

// What the proxy saw of an update stream: the updates delivered, the oracle units spent when each
// was pulled, and the solutions handed over (CSR: solution r is
// elements[offsets[r] .. offsets[r+1]), given after solution_step[r] updates).
struct StreamLog {
    std::vector<int64_t> updates;  // (kind, element) pairs
    std::vector<int64_t> queries;
    std::vector<int64_t> solution_step;
    std::vector<int64_t> solution_offsets{0};
    std::vector<int64_t> solution_elements;
};

class Proxy {
public:
    // `problem` stays owned by the caller and must outlive the proxy. max_evals 0: unlimited.
    Proxy(tsr_object* problem, int64_t max_evals);
    Proxy(const Proxy&) = delete;
    Proxy& operator=(const Proxy&) = delete;

    tsr_object* object() { return &obj_; }
    int64_t total_units() const { return max_units_ - remaining_; }
    bool exhausted() const { return remaining_ <= 0; }
    // Units per slot, for trace snapshots.
    void units_snapshot(int64_t* out) const {
        for (int i = 0; i < kProxySlots; ++i) out[i] = slot_units(i);
    }
    // Counters of the slots that were called, with times in seconds.
    std::vector<Counter> counters() const;
    // The environment's and the stream's logs; null when the problem serves no such interface.
    const EnvLog* env_log() const { return env_ ? &env_log_ : nullptr; }
    const StreamLog* stream_log() const { return stream_ ? &stream_log_ : nullptr; }
    int64_t env_steps() const { return static_cast<int64_t>(env_log_.actions.size()); }

    // No call counter: the sampling countdown already knows how many calls were forwarded
    // (calls()), which saves the hot path an increment.
    struct Slot {
        int64_t batch_units = 0;  // batch functions only; one-point functions: units == calls,
                                  // call-only functions: no units
        int64_t until_timed = 1;  // calls left before the next timed one
        int64_t interval = 1;     // calls from one timed call to the next, as last decided
        int64_t timed_calls = 0;
        int64_t completed_calls = 0;  // calls up to and including the last timed one
        double ticks = 0;         // estimated TSC ticks of those calls
        int64_t calls() const { return completed_calls + (interval - until_timed); }
        double seconds(double seconds_per_tick) const;
        // Policy: every call is timed while timed_calls < kExactCalls or when the last timed
        // call took more than kExpensiveTicks; else one in kSampleEvery.
        static constexpr int64_t kExactCalls = 64;
        static constexpr int64_t kSampleEvery = 64;
        static constexpr uint64_t kExpensiveTicks = 2000;
    };

private:
    friend struct ProxyThunks;

    tsr_status refuse(int slot, int64_t units);
    tsr_status own_error(tsr_status status, std::string message);
    int64_t slot_units(int slot) const;
    int64_t forwarded_calls() const;

    tsr_object obj_{};
    tsr_object* inner_;
    // The budget counts down: one decrement and a sign test per call.
    int64_t max_units_;
    int64_t remaining_;
    std::array<Slot, kProxySlots> slots_{};

    const tsr_objective_v1* objective_ = nullptr;
    const tsr_finite_sum_v1* finite_sum_ = nullptr;
    const tsr_bounds_v1* bounds_ = nullptr;
    const tsr_dataset_v1* dataset_ = nullptr;
    const tsr_operator_v1* operator_ = nullptr;
    const tsr_target_v1* target_ = nullptr;
    const tsr_bilevel_v1* bilevel_ = nullptr;
    const tsr_coordinate_v1* coordinate_ = nullptr;
    const tsr_env_v1* env_ = nullptr;
    const tsr_set_function_v1* set_function_ = nullptr;
    const tsr_stream_v1* stream_ = nullptr;
    tsr_objective_v1 objective_table_{};
    tsr_finite_sum_v1 finite_sum_table_{};
    tsr_bounds_v1 bounds_table_{};
    tsr_dataset_v1 dataset_table_{};
    tsr_operator_v1 operator_table_{};
    tsr_target_v1 target_table_{};
    tsr_bilevel_v1 bilevel_table_{};
    tsr_coordinate_v1 coordinate_table_{};
    tsr_env_v1 env_table_{};
    tsr_set_function_v1 set_function_table_{};
    tsr_stream_v1 stream_table_{};
    EnvLog env_log_;
    StreamLog stream_log_;
    // Units of the calls that count a constant (read once, at creation): operator value counts
    // n_components; full bilevel calls count n_upper / n_lower.
    int64_t operator_n_ = 0;
    int64_t bilevel_n_upper_ = 0;
    int64_t bilevel_n_lower_ = 0;

    // The proxy's own last error (a refusal) and the number of forwarded calls when it happened:
    // the error is the proxy's as long as no call has been forwarded since, the problem's after.
    // (Deciding it at copy_error time keeps a store out of the hot path.)
    std::string error_;
    int64_t error_at_calls_ = -1;
};

// Seconds per TSC tick on this machine (calibrated once per process against steady_clock).
double seconds_per_tick();

}  // namespace tsr::host
