#include "proxy.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <limits>
#include <string_view>
#include <thread>

#include <fmt/format.h>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace tsr::host {

namespace {

inline uint64_t ticks() {
#if defined(__x86_64__) || defined(__i386__)
    return __rdtsc();
#else
    return static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
#endif
}

constexpr const char* kSlotNames[kProxySlots] = {
    "tsr.objective.v1/initial_point",       "tsr.objective.v1/value",
    "tsr.objective.v1/value_gradient",      "tsr.objective.v1/value_batch",
    "tsr.objective.v1/hessian_vector",      "tsr.finite_sum.v1/batch_value",
    "tsr.finite_sum.v1/batch_value_gradient", "tsr.bounds.v1/bounds",
    "tsr.bounds.v1/project",                "tsr.dataset.v1/get",
    "tsr.dataset.v1/find",
    "tsr.operator.v1/initial_point",        "tsr.operator.v1/value",
    "tsr.operator.v1/batch",                "tsr.operator.v1/resolvent",
    "tsr.target.v1/targets",                "tsr.target.v1/target_vjp",
    "tsr.target.v1/loss_gradient",
    "tsr.bilevel.v1/initial_point",         "tsr.bilevel.v1/upper",
    "tsr.bilevel.v1/lower",                 "tsr.bilevel.v1/lower_hvp",
    "tsr.bilevel.v1/project_x",             "tsr.bilevel.v1/project_y",
    "tsr.coordinate.v1/gradient",           "tsr.coordinate.v1/block_gradient",
    "tsr.coordinate.v1/block_hessian",      "tsr.coordinate.v1/coordinate_lipschitz",
    "tsr.coordinate.v1/block_bound",
    "tsr.env.v1/reset",                     "tsr.env.v1/step",
    "tsr.env.v1/observe",
    "tsr.set_function.v1/value",            "tsr.set_function.v1/gains",
    "tsr.stream.v1/next",                   "tsr.stream.v1/solution"};

// How a slot is charged: call-only slots are counted but cost no units; one-point slots cost one
// unit per call; batch slots cost the units the thunk names (m, n, ...).
enum class Charge { call_only, one_unit, units };

constexpr Charge charge_of(int slot) {
    switch (slot) {
        case kObjectiveInitialPoint:
        case kBoundsBounds:
        case kDatasetGet:
        case kDatasetFind:
        case kOperatorInitialPoint:
        case kOperatorResolvent:
        case kBilevelInitialPoint:
        case kBilevelProjectX:
        case kBilevelProjectY:
        case kCoordinateLipschitz:
        case kCoordinateBlockBound:
        case kEnvReset:
        case kStreamNext:
        case kStreamSolution:
            return Charge::call_only;
        case kObjectiveValueBatch:
        case kFiniteSumBatchValue:
        case kFiniteSumBatchValueGradient:
        case kOperatorValue:
        case kOperatorBatch:
        case kTargetTargets:
        case kTargetVjp:
        case kTargetLossGradient:
        case kBilevelUpper:
        case kBilevelLower:
        case kSetGains:
            return Charge::units;
        default:
            return Charge::one_unit;
    }
}

}  // namespace

const char* proxy_slot_name(int slot) { return kSlotNames[slot]; }

bool proxy_slot_is_oracle(int slot) { return charge_of(slot) != Charge::call_only; }

bool proxy_can_serve(const std::string& id) {
    return id == TSR_OBJECTIVE_V1 || id == TSR_FINITE_SUM_V1 || id == TSR_BOUNDS_V1 || id == TSR_DATASET_V1 ||
           id == TSR_OPERATOR_V1 || id == TSR_TARGET_V1 || id == TSR_BILEVEL_V1 || id == TSR_COORDINATE_V1 ||
           id == TSR_ENV_V1 || id == TSR_SET_FUNCTION_V1 || id == TSR_STREAM_V1;
}

double seconds_per_tick() {
#if defined(__x86_64__) || defined(__i386__)
    static const double value = [] {
        using clock = std::chrono::steady_clock;
        const auto t0 = clock::now();
        const uint64_t c0 = ticks();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const uint64_t c1 = ticks();
        const auto t1 = clock::now();
        return std::chrono::duration<double>(t1 - t0).count() / static_cast<double>(c1 - c0);
    }();
    return value;
#else
    return 1e-9 * std::chrono::steady_clock::period::num / std::chrono::steady_clock::period::den * 1e9;
#endif
}

[[gnu::noinline, gnu::cold]] tsr_status Proxy::refuse(int slot, int64_t units) {
    return own_error(TSR_BUDGET_EXHAUSTED,
                     fmt::format("evaluation budget spent: {} of {} oracle units used, {} more asked by {}",
                                 total_units(), max_units_, units, kSlotNames[slot]));
}

[[gnu::noinline, gnu::cold]] tsr_status Proxy::own_error(tsr_status status, std::string message) {
    error_ = std::move(message);
    error_at_calls_ = forwarded_calls();
    return status;
}

int64_t Proxy::forwarded_calls() const {
    int64_t n = 0;
    for (const Slot& s : slots_) n += s.calls();
    return n;
}

// The generated forwarding functions. Each reads as: charge the budget, call, add the time.
struct ProxyThunks {
    static Proxy& of(tsr_object* o) { return *static_cast<Proxy*>(o->self); }

    static constexpr bool is_oracle(int slot) { return charge_of(slot) != Charge::call_only; }

    // Functions of one point charge one unit per call; batches charge their size.
    static constexpr bool is_batch(int slot) { return charge_of(slot) == Charge::units; }

    // Charge, then call. The hot path is a decrement, two increments, a flag and a tail jump to
    // the problem; the first 64 calls and then every 64th go through `timed` instead, kept out of
    // line so that the hot path needs no stack frame.
    template <int Slot, class Fn, class... A>
    [[gnu::always_inline]] static tsr_status forward(Proxy& p, int64_t units, Fn fn, A... args) {
        Proxy::Slot& s = p.slots_[Slot];
        if constexpr (is_batch(Slot)) {
            if (units > p.remaining_) [[unlikely]]
                return p.refuse(Slot, units);
            p.remaining_ -= units;
            s.batch_units += units;
        } else if constexpr (is_oracle(Slot)) {
            if (p.remaining_ <= 0) [[unlikely]]
                return p.refuse(Slot, 1);
            --p.remaining_;
        }
        if (--s.until_timed == 0) [[unlikely]]
            return timed(s, fn, p.inner_, args...);
        return fn(p.inner_, args...);
    }

    template <class Fn, class... A>
    [[gnu::noinline]] static tsr_status timed(Proxy::Slot& s, Fn fn, tsr_object* inner, A... args) {
        const uint64_t t0 = ticks();
        const tsr_status status = fn(inner, args...);
        const uint64_t dt = ticks() - t0;
        // This call stands for the `interval` calls since the previous timed one.
        s.ticks += static_cast<double>(dt) * static_cast<double>(s.interval);
        s.completed_calls += s.interval;
        s.timed_calls += 1;
        s.interval = s.timed_calls < Proxy::Slot::kExactCalls || dt > Proxy::Slot::kExpensiveTicks
                         ? 1
                         : Proxy::Slot::kSampleEvery;
        s.until_timed = s.interval;
        return status;
    }

    static tsr_status invalid(Proxy& p, const char* what) { return p.own_error(TSR_ERR_INVALID_ARGUMENT, what); }

    // tsr.objective.v1
    static int64_t obj_dim(tsr_object* o) { return of(o).objective_->dim(of(o).inner_); }
    static tsr_status obj_initial_point(tsr_object* o, double* x0) {
        Proxy& p = of(o);
        return forward<kObjectiveInitialPoint>(p, 0, p.objective_->initial_point, x0);
    }
    static tsr_status obj_value(tsr_object* o, const double* x, double* f) {
        Proxy& p = of(o);
        return forward<kObjectiveValue>(p, 1, p.objective_->value, x, f);
    }
    static tsr_status obj_value_gradient(tsr_object* o, const double* x, double* f, double* g) {
        Proxy& p = of(o);
        return forward<kObjectiveValueGradient>(p, 1, p.objective_->value_gradient, x, f, g);
    }
    static tsr_status obj_value_batch(tsr_object* o, int64_t m, const double* X, double* f) {
        Proxy& p = of(o);
        if (m < 0) [[unlikely]]
            return invalid(p, "value_batch: the number of points m is negative");
        return forward<kObjectiveValueBatch>(p, m, p.objective_->value_batch, m, X, f);
    }
    static tsr_status obj_hessian_vector(tsr_object* o, const double* x, const double* v, double* hv) {
        Proxy& p = of(o);
        return forward<kObjectiveHessianVector>(p, 1, p.objective_->hessian_vector, x, v, hv);
    }

    // tsr.finite_sum.v1
    static int64_t fs_dim(tsr_object* o) { return of(o).finite_sum_->dim(of(o).inner_); }
    static int64_t fs_n_terms(tsr_object* o) { return of(o).finite_sum_->n_terms(of(o).inner_); }
    static tsr_status fs_batch_value(tsr_object* o, const double* x, int64_t m, const int64_t* idx, double* f) {
        Proxy& p = of(o);
        return forward<kFiniteSumBatchValue>(p, m > 0 ? m : 0, p.finite_sum_->batch_value, x, m, idx, f);
    }
    static tsr_status fs_batch_value_gradient(tsr_object* o, const double* x, int64_t m, const int64_t* idx,
                                              double* f, double* g) {
        Proxy& p = of(o);
        return forward<kFiniteSumBatchValueGradient>(p, m > 0 ? m : 0, p.finite_sum_->batch_value_gradient, x, m, idx, f, g);
    }

    // tsr.bounds.v1
    static int64_t b_dim(tsr_object* o) { return of(o).bounds_->dim(of(o).inner_); }
    static int32_t b_set_kind(tsr_object* o) { return of(o).bounds_->set_kind(of(o).inner_); }
    static tsr_status b_bounds(tsr_object* o, double* lo, double* hi) {
        Proxy& p = of(o);
        return forward<kBoundsBounds>(p, 0, p.bounds_->bounds, lo, hi);
    }
    static tsr_status b_project(tsr_object* o, const double* x, double* out) {
        Proxy& p = of(o);
        return forward<kBoundsProject>(p, 1, p.bounds_->project, x, out);
    }

    // tsr.dataset.v1
    static int32_t ds_count(tsr_object* o) { return of(o).dataset_->count(of(o).inner_); }
    static tsr_status ds_get(tsr_object* o, int32_t i, tsr_matrix* out) {
        Proxy& p = of(o);
        return forward<kDatasetGet>(p, 0, p.dataset_->get, i, out);
    }
    static tsr_status ds_find(tsr_object* o, const char* name, tsr_matrix* out) {
        Proxy& p = of(o);
        return forward<kDatasetFind>(p, 0, p.dataset_->find, name, out);
    }

    // tsr.operator.v1
    static int64_t op_dim(tsr_object* o) { return of(o).operator_->dim(of(o).inner_); }
    static int64_t op_n_components(tsr_object* o) { return of(o).operator_n_; }
    static void op_properties(tsr_object* o, tsr_operator_properties* out) {
        of(o).operator_->properties(of(o).inner_, out);
    }
    static tsr_status op_initial_point(tsr_object* o, double* u0) {
        Proxy& p = of(o);
        return forward<kOperatorInitialPoint>(p, 0, p.operator_->initial_point, u0);
    }
    static tsr_status op_value(tsr_object* o, const double* u, double* Fu) {
        Proxy& p = of(o);
        return forward<kOperatorValue>(p, p.operator_n_, p.operator_->value, u, Fu);
    }
    static tsr_status op_batch(tsr_object* o, const double* u, int64_t m, const int64_t* idx, double* out) {
        Proxy& p = of(o);
        return forward<kOperatorBatch>(p, m > 0 ? m : 0, p.operator_->batch, u, m, idx, out);
    }
    static tsr_status op_resolvent(tsr_object* o, const double* u, double eta, double* out) {
        Proxy& p = of(o);
        return forward<kOperatorResolvent>(p, 0, p.operator_->resolvent, u, eta, out);
    }

    // tsr.target.v1
    static int64_t t_dim(tsr_object* o) { return of(o).target_->dim(of(o).inner_); }
    static int64_t t_n_terms(tsr_object* o) { return of(o).target_->n_terms(of(o).inner_); }
    static int64_t t_target_width(tsr_object* o) { return of(o).target_->target_width(of(o).inner_); }
    static double t_l2_weight(tsr_object* o) { return of(o).target_->l2_weight(of(o).inner_); }
    static tsr_status t_targets(tsr_object* o, const double* theta, int64_t m, const int64_t* idx, double* z) {
        Proxy& p = of(o);
        return forward<kTargetTargets>(p, m > 0 ? m : 0, p.target_->targets, theta, m, idx, z);
    }
    static tsr_status t_target_vjp(tsr_object* o, const double* theta, int64_t m, const int64_t* idx,
                                   const double* v, double* out) {
        Proxy& p = of(o);
        return forward<kTargetVjp>(p, m > 0 ? m : 0, p.target_->target_vjp, theta, m, idx, v, out);
    }
    static tsr_status t_loss_gradient(tsr_object* o, int64_t m, const int64_t* idx, const double* z, double* loss,
                                      double* gz) {
        Proxy& p = of(o);
        return forward<kTargetLossGradient>(p, m > 0 ? m : 0, p.target_->loss_gradient, m, idx, z, loss, gz);
    }

    // tsr.bilevel.v1. m == 0 is a full call (n_upper / n_lower units); m < 0 is refused here,
    // since it would otherwise pass as a free call.
    static int64_t bl_dim_x(tsr_object* o) { return of(o).bilevel_->dim_x(of(o).inner_); }
    static int64_t bl_dim_y(tsr_object* o) { return of(o).bilevel_->dim_y(of(o).inner_); }
    static int64_t bl_n_upper(tsr_object* o) { return of(o).bilevel_n_upper_; }
    static int64_t bl_n_lower(tsr_object* o) { return of(o).bilevel_n_lower_; }
    static tsr_status bl_initial_point(tsr_object* o, double* x0, double* y0) {
        Proxy& p = of(o);
        return forward<kBilevelInitialPoint>(p, 0, p.bilevel_->initial_point, x0, y0);
    }
    static tsr_status bl_upper(tsr_object* o, const double* x, const double* y, int64_t m, const int64_t* idx,
                               double* f, double* fx, double* fy) {
        Proxy& p = of(o);
        if (m < 0) [[unlikely]]
            return invalid(p, "upper: the number of terms m is negative");
        return forward<kBilevelUpper>(p, m > 0 ? m : p.bilevel_n_upper_, p.bilevel_->upper, x, y, m, idx, f, fx, fy);
    }
    static tsr_status bl_lower(tsr_object* o, const double* x, const double* y, int64_t m, const int64_t* idx,
                               double* g, double* gx, double* gy) {
        Proxy& p = of(o);
        if (m < 0) [[unlikely]]
            return invalid(p, "lower: the number of terms m is negative");
        return forward<kBilevelLower>(p, m > 0 ? m : p.bilevel_n_lower_, p.bilevel_->lower, x, y, m, idx, g, gx, gy);
    }
    static tsr_status bl_lower_hvp(tsr_object* o, const double* x, const double* y, const double* v, double* hyy,
                                   double* hxy) {
        Proxy& p = of(o);
        return forward<kBilevelLowerHvp>(p, 1, p.bilevel_->lower_hvp, x, y, v, hyy, hxy);
    }
    static tsr_status bl_project_x(tsr_object* o, const double* x, double* out) {
        Proxy& p = of(o);
        return forward<kBilevelProjectX>(p, 0, p.bilevel_->project_x, x, out);
    }
    static tsr_status bl_project_y(tsr_object* o, const double* y, double* out) {
        Proxy& p = of(o);
        return forward<kBilevelProjectY>(p, 0, p.bilevel_->project_y, y, out);
    }

    // tsr.coordinate.v1
    static int64_t c_dim(tsr_object* o) { return of(o).coordinate_->dim(of(o).inner_); }
    static double c_l1_weight(tsr_object* o) { return of(o).coordinate_->l1_weight(of(o).inner_); }
    static tsr_status c_gradient(tsr_object* o, const double* x, double* g) {
        Proxy& p = of(o);
        return forward<kCoordinateGradient>(p, 1, p.coordinate_->gradient, x, g);
    }
    static tsr_status c_block_gradient(tsr_object* o, const double* x, int64_t m, const int64_t* idx, double* gb) {
        Proxy& p = of(o);
        return forward<kCoordinateBlockGradient>(p, 1, p.coordinate_->block_gradient, x, m, idx, gb);
    }
    static tsr_status c_coordinate_lipschitz(tsr_object* o, double* L) {
        Proxy& p = of(o);
        return forward<kCoordinateLipschitz>(p, 0, p.coordinate_->coordinate_lipschitz, L);
    }
    static tsr_status c_block_bound(tsr_object* o, int64_t m, const int64_t* idx, double* M) {
        Proxy& p = of(o);
        return forward<kCoordinateBlockBound>(p, 0, p.coordinate_->block_bound, m, idx, M);
    }
    static tsr_status c_block_hessian(tsr_object* o, const double* x, int64_t m, const int64_t* idx, double* H) {
        Proxy& p = of(o);
        return forward<kCoordinateBlockHessian>(p, 1, p.coordinate_->block_hessian, x, m, idx, H);
    }
    static void c_hessian_pattern(tsr_object* o, int64_t* n_pairs, const int64_t** pairs) {
        of(o).coordinate_->hessian_pattern(of(o).inner_, n_pairs, pairs);
    }

    // tsr.env.v1: what was played is logged after the problem accepted the step.
    static void e_spec(tsr_object* o, tsr_env_spec* out) { of(o).env_->spec(of(o).inner_, out); }
    static tsr_status e_reset(tsr_object* o, uint64_t seed, double* observation) {
        Proxy& p = of(o);
        const tsr_status s = forward<kEnvReset>(p, 0, p.env_->reset, seed, observation);
        if (s == TSR_OK) p.env_log_.episode_starts.push_back(static_cast<int64_t>(p.env_log_.actions.size()));
        return s;
    }
    static tsr_status e_step(tsr_object* o, int64_t arm, const double* action, double* observation, double* outcome,
                             tsr_env_step* out) {
        Proxy& p = of(o);
        const tsr_status s = forward<kEnvStep>(p, 1, p.env_->step, arm, action, observation, outcome, out);
        if (s == TSR_OK && out && TSR_HAS_FIELD(out, tsr_env_step, reward)) {
            p.env_log_.actions.push_back(p.env_log_.discrete ? arm : -1);
            p.env_log_.rewards.push_back(out->reward);
        }
        return s;
    }
    static tsr_status e_observe(tsr_object* o, int64_t arm, double* reward) {
        Proxy& p = of(o);
        return forward<kEnvObserve>(p, 1, p.env_->observe, arm, reward);
    }

    // tsr.set_function.v1
    static int64_t sf_ground_size(tsr_object* o) { return of(o).set_function_->ground_size(of(o).inner_); }
    static void sf_properties(tsr_object* o, tsr_set_function_properties* out) {
        of(o).set_function_->properties(of(o).inner_, out);
    }
    static tsr_status sf_value(tsr_object* o, int64_t m, const int64_t* set, double* out) {
        Proxy& p = of(o);
        return forward<kSetValue>(p, 1, p.set_function_->value, m, set, out);
    }
    static tsr_status sf_gains(tsr_object* o, int64_t m, const int64_t* set, int64_t k, const int64_t* cand,
                               double* out) {
        Proxy& p = of(o);
        return forward<kSetGains>(p, k > 0 ? k : 0, p.set_function_->gains, m, set, k, cand, out);
    }

    // tsr.stream.v1: updates and solutions are logged once the problem accepted them.
    static int64_t st_length(tsr_object* o) { return of(o).stream_->length(of(o).inner_); }
    static tsr_status st_next(tsr_object* o, tsr_stream_update* out) {
        Proxy& p = of(o);
        const int64_t units = p.total_units();
        const tsr_status s = forward<kStreamNext>(p, 0, p.stream_->next, out);
        if (s == TSR_OK && out && TSR_HAS_FIELD(out, tsr_stream_update, element) && out->kind != TSR_UPDATE_END) {
            StreamLog& log = p.stream_log_;
            log.updates.push_back(out->kind);
            log.updates.push_back(out->element);
            log.queries.push_back(units);
        }
        return s;
    }
    static tsr_status st_solution(tsr_object* o, int64_t m, const int64_t* set) {
        Proxy& p = of(o);
        const tsr_status s = forward<kStreamSolution>(p, 0, p.stream_->solution, m, set);
        if (s == TSR_OK) {
            StreamLog& log = p.stream_log_;
            log.solution_step.push_back(static_cast<int64_t>(log.queries.size()));
            if (m > 0) log.solution_elements.insert(log.solution_elements.end(), set, set + m);
            log.solution_offsets.push_back(static_cast<int64_t>(log.solution_elements.size()));
        }
        return s;
    }

    // tsr_object
    static void destroy(tsr_object*) {}  // owned by the runner, never by the algorithm
    static const void* get_interface(tsr_object* o, const char* id) {
        Proxy& p = of(o);
        if (!id) return nullptr;
        const std::string_view s(id);
        if (s == TSR_OBJECTIVE_V1) return p.objective_ ? &p.objective_table_ : nullptr;
        if (s == TSR_FINITE_SUM_V1) return p.finite_sum_ ? &p.finite_sum_table_ : nullptr;
        if (s == TSR_BOUNDS_V1) return p.bounds_ ? &p.bounds_table_ : nullptr;
        if (s == TSR_DATASET_V1) return p.dataset_ ? &p.dataset_table_ : nullptr;
        if (s == TSR_OPERATOR_V1) return p.operator_ ? &p.operator_table_ : nullptr;
        if (s == TSR_TARGET_V1) return p.target_ ? &p.target_table_ : nullptr;
        if (s == TSR_BILEVEL_V1) return p.bilevel_ ? &p.bilevel_table_ : nullptr;
        if (s == TSR_COORDINATE_V1) return p.coordinate_ ? &p.coordinate_table_ : nullptr;
        if (s == TSR_ENV_V1) return p.env_ ? &p.env_table_ : nullptr;
        if (s == TSR_SET_FUNCTION_V1) return p.set_function_ ? &p.set_function_table_ : nullptr;
        if (s == TSR_STREAM_V1) return p.stream_ ? &p.stream_table_ : nullptr;
        return nullptr;
    }
    static uint32_t copy_error(const tsr_object* o, char* buf, uint32_t cap) {
        const Proxy& p = *static_cast<const Proxy*>(o->self);
        if (p.error_at_calls_ != p.forwarded_calls()) return p.inner_->copy_error(p.inner_, buf, cap);
        if (buf && cap) {
            const size_t n = std::min<size_t>(p.error_.size(), cap - 1);
            std::memcpy(buf, p.error_.data(), n);
            buf[n] = '\0';
        }
        return static_cast<uint32_t>(p.error_.size());
    }
};

Proxy::Proxy(tsr_object* problem, int64_t max_evals)
    : inner_(problem),
      max_units_(max_evals > 0 ? max_evals : std::numeric_limits<int64_t>::max()),
      remaining_(max_units_) {
    using T = ProxyThunks;
    obj_.struct_size = sizeof obj_;
    obj_.self = this;
    obj_.destroy = &T::destroy;
    obj_.get_interface = &T::get_interface;
    obj_.copy_error = &T::copy_error;
    // Tables copy the problem's optional NULLs, so "has a gradient" reads the same through us.
    objective_ = static_cast<const tsr_objective_v1*>(problem->get_interface(problem, TSR_OBJECTIVE_V1));
    if (objective_)
        objective_table_ = {&T::obj_dim,
                            &T::obj_initial_point,
                            &T::obj_value,
                            objective_->value_gradient ? &T::obj_value_gradient : nullptr,
                            &T::obj_value_batch,
                            objective_->hessian_vector ? &T::obj_hessian_vector : nullptr};
    finite_sum_ = static_cast<const tsr_finite_sum_v1*>(problem->get_interface(problem, TSR_FINITE_SUM_V1));
    if (finite_sum_)
        finite_sum_table_ = {&T::fs_dim, &T::fs_n_terms, &T::fs_batch_value, &T::fs_batch_value_gradient};
    bounds_ = static_cast<const tsr_bounds_v1*>(problem->get_interface(problem, TSR_BOUNDS_V1));
    if (bounds_) bounds_table_ = {&T::b_dim, &T::b_set_kind, &T::b_bounds, &T::b_project};
    dataset_ = static_cast<const tsr_dataset_v1*>(problem->get_interface(problem, TSR_DATASET_V1));
    if (dataset_) dataset_table_ = {&T::ds_count, &T::ds_get, &T::ds_find};
    operator_ = static_cast<const tsr_operator_v1*>(problem->get_interface(problem, TSR_OPERATOR_V1));
    if (operator_) {
        operator_n_ = operator_->n_components(problem);
        operator_table_ = {&T::op_dim,   &T::op_n_components, &T::op_properties, &T::op_initial_point,
                           &T::op_value, &T::op_batch,        &T::op_resolvent};
    }
    target_ = static_cast<const tsr_target_v1*>(problem->get_interface(problem, TSR_TARGET_V1));
    if (target_)
        target_table_ = {&T::t_dim,     &T::t_n_terms,    &T::t_target_width,  &T::t_l2_weight,
                         &T::t_targets, &T::t_target_vjp, &T::t_loss_gradient};
    bilevel_ = static_cast<const tsr_bilevel_v1*>(problem->get_interface(problem, TSR_BILEVEL_V1));
    if (bilevel_) {
        bilevel_n_upper_ = bilevel_->n_upper(problem);
        bilevel_n_lower_ = bilevel_->n_lower(problem);
        bilevel_table_ = {&T::bl_dim_x,    &T::bl_dim_y,        &T::bl_n_upper,     &T::bl_n_lower,
                          &T::bl_initial_point, &T::bl_upper,   &T::bl_lower,       &T::bl_lower_hvp,
                          &T::bl_project_x, &T::bl_project_y};
    }
    coordinate_ = static_cast<const tsr_coordinate_v1*>(problem->get_interface(problem, TSR_COORDINATE_V1));
    if (coordinate_)
        coordinate_table_ = {&T::c_dim,
                             &T::c_l1_weight,
                             &T::c_gradient,
                             &T::c_block_gradient,
                             &T::c_coordinate_lipschitz,
                             &T::c_block_bound,
                             &T::c_block_hessian,
                             coordinate_->hessian_pattern ? &T::c_hessian_pattern : nullptr};
    env_ = static_cast<const tsr_env_v1*>(problem->get_interface(problem, TSR_ENV_V1));
    if (env_) {
        env_table_ = {&T::e_spec, &T::e_reset, &T::e_step, &T::e_observe};
        tsr_env_spec spec{};
        spec.struct_size = sizeof spec;
        env_->spec(problem, &spec);
        env_log_.discrete = spec.n_arms > 0;
        // One entry per step: reserved up front, so logging a step never reallocates mid-run
        // (capped: a horizon is a promise of the problem, not a bound on memory).
        const auto expected = static_cast<size_t>(std::clamp<int64_t>(spec.horizon, 0, int64_t{1} << 24));
        env_log_.actions.reserve(expected);
        env_log_.rewards.reserve(expected);
    }
    set_function_ = static_cast<const tsr_set_function_v1*>(problem->get_interface(problem, TSR_SET_FUNCTION_V1));
    if (set_function_) set_function_table_ = {&T::sf_ground_size, &T::sf_properties, &T::sf_value, &T::sf_gains};
    stream_ = static_cast<const tsr_stream_v1*>(problem->get_interface(problem, TSR_STREAM_V1));
    if (stream_) stream_table_ = {&T::st_length, &T::st_next, &T::st_solution};
}

int64_t Proxy::slot_units(int slot) const {
    if (ProxyThunks::is_batch(slot)) return slots_[slot].batch_units;
    return ProxyThunks::is_oracle(slot) ? slots_[slot].calls() : 0;
}

double Proxy::Slot::seconds(double spt) const {
    if (completed_calls == 0) return 0.0;
    // Calls after the last timed one cost the mean so far.
    const double trailing = static_cast<double>(calls() - completed_calls);
    return (ticks + ticks / static_cast<double>(completed_calls) * trailing) * spt;
}

std::vector<Counter> Proxy::counters() const {
    std::vector<Counter> out;
    const double spt = seconds_per_tick();
    for (int i = 0; i < kProxySlots; ++i)
        if (slots_[i].calls() > 0) out.push_back({kSlotNames[i], slots_[i].calls(), slot_units(i), slots_[i].seconds(spt)});
    return out;
}

}  // namespace tsr::host
