// tessera/sdk/run.hpp — what an algorithm's `run` receives: tsr::Run, a typed view of the
// tsr_run_context the host passes.
//
//     void run(tsr::Run& r) {
//         auto f = r.objective();                   // throws Unsupported if not served
//         tsr::Vec x = f.initial_point(), g(f.dim());
//         for (int64_t k = 0; !r.should_stop(); ++k) {
//             double fx = f.value_gradient(x, g);   // counted by the host proxy
//             r.report(k, fx, {{"grad_norm", g.norm()}});
//             x -= lr * g;
//         }
//         r.put_vector("x", x);
//     }
//
// Lifetime: valid during `run` only. Thread rule: [object] — call it from the thread that runs
// the algorithm (the algorithm may use OpenMP inside its own math, not around these calls).
#pragma once

#include <array>
#include <initializer_list>
#include <utility>

#include "oracles.hpp"

namespace tsr {

using Named = std::pair<const char*, double>;

class Run {
public:
    explicit Run(const tsr_run_context* ctx) : ctx_(ctx) {}

    uint64_t seed() const { return ctx_->seed; }
    int max_threads() const { return ctx_->max_threads > 0 ? ctx_->max_threads : 1; }
    const tsr_budget& budget() const { return ctx_->budget; }
    tsr_object* problem() const { return ctx_->problem; }

    // True when the host wants the run to end (budget, time, interrupt). Call every iteration.
    bool should_stop() const { return ctx_->should_stop(ctx_) != 0; }

    // Appends a trace point. Returns true when the run should stop (same as should_stop()).
    // A non-finite objective marks the run as diverged.
    bool report(int64_t iteration, double objective, std::initializer_list<Named> extra = {}) {
        return report_point(iteration, objective, 0u, extra);
    }
    // A trace point without an objective value (bandits, samplers): only the named scalars.
    bool report_values(int64_t iteration, std::initializer_list<Named> values) {
        return report_point(iteration, 0.0, TSR_TRACE_NO_OBJECTIVE, values);
    }

    bool report_point(int64_t iteration, double objective, uint32_t flags,
                      std::initializer_list<Named> extra) {
        constexpr size_t kMax = 16;
        std::array<const char*, kMax> names{};
        std::array<double, kMax> values{};
        size_t n = 0;
        for (const auto& [name, value] : extra) {
            if (n == kMax) break;
            names[n] = name;
            values[n++] = value;
        }
        tsr_trace_point p{};
        p.struct_size = sizeof p;
        p.flags = flags;
        p.n_values = static_cast<uint32_t>(n);
        p.iteration = iteration;
        p.objective = objective;
        p.names = names.data();
        p.values = values.data();
        return ctx_->report(ctx_, &p) == TSR_STOPPED;
    }

    // Solution output: the host copies during the call; a second put with a name replaces it.
    void put_vector(const char* name, CVecRef v) { put_raw(name, TSR_DTYPE_F64, 1, {v.size()}, v.data()); }
    void put_matrix(const char* name, const Mat& m) {
        RowMat r = m;  // the ABI's arrays are row-major
        put_raw(name, TSR_DTYPE_F64, 2, {m.rows(), m.cols()}, r.data());
    }
    void put_indices(const char* name, std::span<const int64_t> v) {
        put_raw(name, TSR_DTYPE_I64, 1, {static_cast<int64_t>(v.size())}, v.data());
    }
    void put_scalar(const char* name, double value) {
        check_host(ctx_->put_scalar(ctx_, name, value), "put_scalar");
    }
    void put_raw(const char* name, int32_t dtype, int32_t ndim, std::initializer_list<int64_t> shape,
                 const void* data) {
        tsr_array a{};
        a.struct_size = sizeof a;
        a.dtype = dtype;
        a.name = name;
        a.ndim = ndim;
        int i = 0;
        for (int64_t s : shape) a.shape[i++] = s;
        a.data = data;
        check_host(ctx_->put_array(ctx_, &a), "put_array");
    }

    void log(int32_t level, const std::string& message) const {
        if (ctx_->log) ctx_->log(ctx_, level, message.c_str());
    }

    // Interfaces of the problem. The required ones throw Unsupported when absent (the host
    // checks needs before the run, so this only fires for undeclared needs).
    ObjectiveRef objective() const { return need<ObjectiveRef, tsr_objective_v1>(TSR_OBJECTIVE_V1); }
    FiniteSumRef finite_sum() const { return need<FiniteSumRef, tsr_finite_sum_v1>(TSR_FINITE_SUM_V1); }
    BoundsRef bounds() const { return need<BoundsRef, tsr_bounds_v1>(TSR_BOUNDS_V1); }
    DatasetRef dataset() const { return need<DatasetRef, tsr_dataset_v1>(TSR_DATASET_V1); }
    // The problem's monotone operator (tsr.operator.v1); named so as not to read like C++'s `operator`.
    OperatorRef monotone_operator() const { return need<OperatorRef, tsr_operator_v1>(TSR_OPERATOR_V1); }
    TargetRef target() const { return need<TargetRef, tsr_target_v1>(TSR_TARGET_V1); }
    BilevelRef bilevel() const { return need<BilevelRef, tsr_bilevel_v1>(TSR_BILEVEL_V1); }
    CoordinateRef coordinate() const { return need<CoordinateRef, tsr_coordinate_v1>(TSR_COORDINATE_V1); }
    EnvRef env() const { return need<EnvRef, tsr_env_v1>(TSR_ENV_V1); }
    SetFunctionRef set_function() const { return need<SetFunctionRef, tsr_set_function_v1>(TSR_SET_FUNCTION_V1); }
    StreamRef stream() const { return need<StreamRef, tsr_stream_v1>(TSR_STREAM_V1); }
    std::optional<OperatorRef> maybe_monotone_operator() const {
        return try_ref<OperatorRef, tsr_operator_v1>(ctx_->problem, TSR_OPERATOR_V1);
    }
    std::optional<TargetRef> maybe_target() const {
        return try_ref<TargetRef, tsr_target_v1>(ctx_->problem, TSR_TARGET_V1);
    }
    std::optional<BilevelRef> maybe_bilevel() const {
        return try_ref<BilevelRef, tsr_bilevel_v1>(ctx_->problem, TSR_BILEVEL_V1);
    }
    std::optional<CoordinateRef> maybe_coordinate() const {
        return try_ref<CoordinateRef, tsr_coordinate_v1>(ctx_->problem, TSR_COORDINATE_V1);
    }
    std::optional<EnvRef> maybe_env() const { return try_ref<EnvRef, tsr_env_v1>(ctx_->problem, TSR_ENV_V1); }
    std::optional<SetFunctionRef> maybe_set_function() const {
        return try_ref<SetFunctionRef, tsr_set_function_v1>(ctx_->problem, TSR_SET_FUNCTION_V1);
    }
    std::optional<StreamRef> maybe_stream() const {
        return try_ref<StreamRef, tsr_stream_v1>(ctx_->problem, TSR_STREAM_V1);
    }
    std::optional<BoundsRef> maybe_bounds() const {
        return try_ref<BoundsRef, tsr_bounds_v1>(ctx_->problem, TSR_BOUNDS_V1);
    }
    std::optional<FiniteSumRef> maybe_finite_sum() const {
        return try_ref<FiniteSumRef, tsr_finite_sum_v1>(ctx_->problem, TSR_FINITE_SUM_V1);
    }
    bool has(const char* interface_id) const {
        return ctx_->problem->get_interface(ctx_->problem, interface_id) != nullptr;
    }

private:
    template <class RefT, class Table>
    RefT need(const char* id) const {
        if (auto r = try_ref<RefT, Table>(ctx_->problem, id)) return *r;
        throw Unsupported(std::string("the problem does not provide ") + id);
    }
    static void check_host(tsr_status s, const char* what) {
        if (s != TSR_OK) throw Error(s, std::string("host refused ") + what);
    }

    const tsr_run_context* ctx_;
};

}  // namespace tsr
