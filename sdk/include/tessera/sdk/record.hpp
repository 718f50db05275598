// tessera/sdk/record.hpp — what a metric's `evaluate` receives: tsr::RunRecord, a typed view of
// tsr_metric_input (the finished run: trace, solution, counters; and the problem itself).
//
// Lifetime: valid during `evaluate` only. Thread rule: [object].
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "oracles.hpp"

namespace tsr {

class RunRecord {
public:
    explicit RunRecord(const tsr_metric_input* in) : in_(in) {}

    tsr_status status() const { return in_->run_status; }
    int64_t trace_size() const { return in_->n_trace; }
    std::span<const int64_t> trace_iteration() const { return {in_->trace_iteration, n()}; }
    std::span<const int64_t> trace_evals() const { return {in_->trace_evals, n()}; }
    std::span<const double> trace_seconds() const { return {in_->trace_seconds, n()}; }
    std::span<const double> trace_objective() const { return {in_->trace_objective, n()}; }
    std::optional<std::span<const double>> trace_column(std::string_view name) const {
        for (uint32_t i = 0; i < in_->n_trace_columns; ++i)
            if (name == in_->trace_column_names[i]) return std::span<const double>(in_->trace_columns[i], n());
        return std::nullopt;
    }

    const tsr_array* array(std::string_view name) const {
        for (uint32_t i = 0; i < in_->n_arrays; ++i) {
            const tsr_array* a = TSR_ELEM(tsr_array, in_->arrays, i);  // stride: writer's size
            if (name == a->name) return a;
        }
        return nullptr;
    }
    // A float64 solution array seen as a vector (all its elements, row-major), if present.
    std::optional<CVecMap> vector(std::string_view name) const {
        const tsr_array* a = array(name);
        if (!a || a->dtype != TSR_DTYPE_F64) return std::nullopt;
        int64_t size = 1;
        for (int32_t k = 0; k < a->ndim; ++k) size *= a->shape[k];
        return CVecMap(static_cast<const double*>(a->data), size);
    }
    // An int64 array (host-recorded "env.actions", "stream.updates", ...) seen flat, if present.
    std::optional<std::span<const int64_t>> int_array(std::string_view name) const {
        const tsr_array* a = array(name);
        if (!a || a->dtype != TSR_DTYPE_I64) return std::nullopt;
        int64_t size = 1;
        for (int32_t k = 0; k < a->ndim; ++k) size *= a->shape[k];
        return std::span<const int64_t>(static_cast<const int64_t*>(a->data), static_cast<size_t>(size));
    }
    std::optional<double> scalar(std::string_view name) const {
        for (uint32_t i = 0; i < in_->n_scalars; ++i)
            if (name == in_->scalar_names[i]) return in_->scalar_values[i];
        return std::nullopt;
    }
    std::span<const tsr_counter> counters() const { return {in_->counters, in_->n_counters}; }
    double wall_seconds() const { return in_->wall_seconds; }
    int64_t total_evals() const { return in_->total_evals; }

    // The problem itself, not proxied: calls are neither counted nor limited.
    tsr_object* problem() const { return in_->problem; }
    std::optional<ObjectiveRef> objective() const {
        return try_ref<ObjectiveRef, tsr_objective_v1>(in_->problem, TSR_OBJECTIVE_V1);
    }
    std::optional<OperatorRef> monotone_operator() const {
        return try_ref<OperatorRef, tsr_operator_v1>(in_->problem, TSR_OPERATOR_V1);
    }
    std::optional<TargetRef> target() const { return try_ref<TargetRef, tsr_target_v1>(in_->problem, TSR_TARGET_V1); }
    std::optional<BilevelRef> bilevel() const {
        return try_ref<BilevelRef, tsr_bilevel_v1>(in_->problem, TSR_BILEVEL_V1);
    }
    std::optional<CoordinateRef> coordinate() const {
        return try_ref<CoordinateRef, tsr_coordinate_v1>(in_->problem, TSR_COORDINATE_V1);
    }
    std::optional<SetFunctionRef> set_function() const {
        return try_ref<SetFunctionRef, tsr_set_function_v1>(in_->problem, TSR_SET_FUNCTION_V1);
    }
    std::optional<EnvRef> env() const { return try_ref<EnvRef, tsr_env_v1>(in_->problem, TSR_ENV_V1); }
    std::optional<GroundTruthRef> ground_truth() const {
        return try_ref<GroundTruthRef, tsr_ground_truth_v1>(in_->problem, TSR_GROUND_TRUTH_V1);
    }

private:
    size_t n() const { return static_cast<size_t>(in_->n_trace); }
    const tsr_metric_input* in_;
};

}  // namespace tsr
