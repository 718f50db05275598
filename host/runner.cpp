#include "runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <limits>
#include <memory>

#include <fmt/format.h>
#include <tessera/iface/metric_series.h>
#include <tessera/kit/rng.hpp>
#include <tessera/sdk/errors.hpp>

#include "errors.hpp"
#include "params.hpp"
#include "provenance.hpp"
#include "interaction_record.hpp"
#include "proxy.hpp"
#include "text.hpp"

namespace tsr::host {

// Roles of the seed derivation (DESIGN.md §3 rule 9). Never renumber: stored results depend on it.
constexpr uint64_t kRoleProblem = 1, kRoleAlgorithm = 2, kRoleMetric = 3;
uint64_t problem_seed(uint64_t master) { return kit::mix_seed(master, kRoleProblem); }
uint64_t algorithm_seed(uint64_t master) { return kit::mix_seed(master, kRoleAlgorithm); }
uint64_t metric_seed(uint64_t master) { return kit::mix_seed(master, kRoleMetric); }

std::pair<std::string, std::string> split_key_value(const std::string& text, const char* what) {
    const size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw UsageError(fmt::format("{} '{}' is not of the form name=value", what, text));
    return {text.substr(0, eq), text.substr(eq + 1)};
}

MetricRequest parse_metric_spec(const std::string& text) {
    MetricRequest m;
    const size_t colon = text.find(':');
    m.id = text.substr(0, colon);
    if (colon == std::string::npos) return m;
    std::string rest = text.substr(colon + 1);
    size_t start = 0;
    while (start < rest.size()) {
        size_t comma = rest.find(',', start);
        if (comma == std::string::npos) comma = rest.size();
        m.params.push_back(split_key_value(rest.substr(start, comma - start), "metric parameter"));
        start = comma + 1;
    }
    return m;
}

namespace {

std::atomic<bool> g_interrupted{false};

struct Resolved {
    const Component* algorithm;
    ParamSet algorithm_params;
    const Component* problem;
    ParamSet problem_params;
    std::vector<std::pair<const Component*, ParamSet>> metrics;
};

std::vector<std::string> providers_of(const Registry& reg, const std::string& iface) {
    std::vector<std::string> out;
    for (const Component& c : reg.components())
        if (c.kind() == TSR_KIND_PROBLEM)
            for (const auto& p : c.provides())
                if (p == iface) out.emplace_back(c.id());
    return out;
}

void check_needs(const Registry& reg, const Component& who, const Component& problem, bool through_proxy) {
    const auto provides = problem.provides();
    for (const std::string& need : who.needs()) {
        const bool provided = std::find(provides.begin(), provides.end(), need) != provides.end();
        if (!provided) {
            std::string msg = fmt::format("{} '{}' needs {}, which problem '{}' does not provide (it provides {})",
                                          kind_name(who.kind()), who.id(), need, problem.id(), join(provides, ", "));
            auto others = providers_of(reg, need);
            msg += others.empty() ? "; no installed problem provides it"
                                  : "; problems that do: " + join(others, ", ");
            throw UsageError(msg);
        }
        if (through_proxy && !proxy_can_serve(need))
            throw UsageError(fmt::format("algorithm '{}' needs {}, which this host ({}) cannot yet stand between "
                                         "(proxy); upgrade the host",
                                         who.id(), need, host_version()));
    }
}

Resolved resolve(const Registry& reg, const RunRequest& req) {
    Resolved r;
    r.algorithm = &reg.require(req.algorithm, TSR_KIND_ALGORITHM);
    r.problem = &reg.require(req.problem, TSR_KIND_PROBLEM);
    r.algorithm_params = ParamSet::resolve(*r.algorithm, req.algorithm_params);
    r.problem_params = ParamSet::resolve(*r.problem, req.problem_params);
    check_needs(reg, *r.algorithm, *r.problem, true);
    for (const MetricRequest& m : req.metrics) {
        const Component& c = reg.require(m.id, TSR_KIND_METRIC);
        check_needs(reg, c, *r.problem, false);
        r.metrics.emplace_back(&c, ParamSet::resolve(c, m.params));
    }
    if (req.budget.max_evals < 0 || req.budget.max_iterations < 0 || req.budget.max_seconds < 0 ||
        std::isnan(req.budget.max_seconds))
        throw UsageError("budgets must be >= 0 (0 means unlimited)");
    return r;
}

ComponentUse use_of(const Component& c, const ParamSet& p) {
    return {std::string(c.id()), c.desc->version, c.library->path, c.library->sha256(), p.text()};
}

// A created object, destroyed on scope exit.
struct ObjectPtr {
    tsr_object* p = nullptr;
    ~ObjectPtr() {
        if (p) p->destroy(p);
    }
};

std::string object_error(const tsr_object* o) {
    char buf[2048];
    const uint32_t n = o->copy_error(o, buf, sizeof buf);
    return n ? std::string(buf, std::min<uint32_t>(n, sizeof buf - 1)) : std::string();
}

// Creates a component; on failure returns the plugin's message.
tsr_status create(const Component& c, const ParamSet& params, uint64_t seed, ObjectPtr& out, std::string& err) {
    tsr_create_args args{};
    args.struct_size = sizeof args;
    args.n_params = static_cast<uint32_t>(params.abi().size());
    args.params = params.abi().data();
    args.seed = seed;
    char buf[2048] = "";
    const tsr_status s = c.desc->create(c.desc, &args, &out.p, buf, sizeof buf);
    if (s != TSR_OK || !out.p) {
        err = fmt::format("{} '{}' could not be created: {}", kind_name(c.kind()), c.id(),
                          buf[0] ? buf : "no message");
        out.p = nullptr;
        return s != TSR_OK ? s : TSR_ERR_RUNTIME;
    }
    return TSR_OK;
}

// Everything the run context's callbacks reach through ctx->host.
struct HostState {
    RunResult* result;
    Proxy* proxy;
    Budget budget;
    std::chrono::steady_clock::time_point start;
    std::chrono::steady_clock::time_point deadline;
    bool has_deadline = false;
    bool diverged = false;
    std::string stop_reason;
    std::vector<std::array<int64_t, kProxySlots>> unit_snapshots;
    std::vector<int64_t> env_steps_at_point;
    std::vector<int64_t> stream_steps_at_point;

    double elapsed() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    bool should_stop() {
        if (diverged) return true;
        if (proxy->exhausted()) return note("evaluation budget of " + std::to_string(budget.max_evals) + " spent");
        if (budget.max_iterations > 0 && static_cast<int64_t>(result->trace.size()) >= budget.max_iterations)
            return note("iteration budget of " + std::to_string(budget.max_iterations) + " reached");
        if (has_deadline && std::chrono::steady_clock::now() >= deadline)
            return note("time budget of " + format_double(budget.max_seconds) + " s reached");
        if (g_interrupted.load(std::memory_order_relaxed)) return note("interrupted");
        return false;
    }
    bool note(std::string why) {
        if (stop_reason.empty()) stop_reason = std::move(why);
        return true;
    }
};

HostState& state(const tsr_run_context* ctx) { return *static_cast<HostState*>(ctx->host); }

// The callbacks are called from plugin code (C frames): nothing may unwind out of them.
template <class F>
tsr_status no_throw(F&& f) noexcept {
    try {
        return f();
    } catch (const std::bad_alloc&) {
        return TSR_ERR_OUT_OF_MEMORY;
    } catch (...) {
        return TSR_ERR_RUNTIME;
    }
}

tsr_status report_point(const tsr_run_context* ctx, const tsr_trace_point* p) {
    if (!p) return TSR_ERR_INVALID_ARGUMENT;
    HostState& h = state(ctx);
    Trace& t = h.result->trace;
    const size_t row = t.size();
    const bool has_objective = !(p->flags & TSR_TRACE_NO_OBJECTIVE);
    const double f = has_objective ? p->objective : std::numeric_limits<double>::quiet_NaN();
    t.iteration.push_back(p->iteration);
    t.evals.push_back(h.proxy->total_units());
    t.seconds.push_back(h.elapsed());
    t.objective.push_back(f);
    for (uint32_t i = 0; i < p->n_values; ++i) {
        if (!p->names || !p->names[i]) continue;
        size_t c = 0;
        while (c < t.columns.size() && t.columns[c] != p->names[i]) ++c;
        if (c == t.columns.size()) {
            t.columns.emplace_back(p->names[i]);
            t.values.emplace_back(row, std::numeric_limits<double>::quiet_NaN());
        }
        t.values[c].resize(row + 1, std::numeric_limits<double>::quiet_NaN());
        t.values[c][row] = p->values[i];
    }
    for (auto& col : t.values) col.resize(row + 1, std::numeric_limits<double>::quiet_NaN());
    h.proxy->units_snapshot(h.unit_snapshots.emplace_back().data());
    if (h.proxy->env_log()) h.env_steps_at_point.push_back(h.proxy->env_steps());
    if (const StreamLog* log = h.proxy->stream_log()) h.stream_steps_at_point.push_back(static_cast<int64_t>(log->queries.size()));
    if (has_objective && !std::isfinite(f)) h.diverged = true;
    return h.should_stop() ? TSR_STOPPED : TSR_OK;
}

tsr_status cb_report(const tsr_run_context* ctx, const tsr_trace_point* p) {
    return no_throw([&] { return report_point(ctx, p); });
}

int32_t cb_should_stop(const tsr_run_context* ctx) {
    try {
        return state(ctx).should_stop() ? 1 : 0;
    } catch (...) {
        return 1;
    }
}

tsr_status put_array(const tsr_run_context* ctx, const tsr_array* a) {
    if (!a || !a->name || a->ndim < 0 || a->ndim > TSR_MAX_NDIM) return TSR_ERR_INVALID_ARGUMENT;
    size_t elem;
    switch (a->dtype) {
        case TSR_DTYPE_F64: case TSR_DTYPE_I64: elem = 8; break;
        case TSR_DTYPE_I32: elem = 4; break;
        case TSR_DTYPE_U8: elem = 1; break;
        default: return TSR_ERR_INVALID_ARGUMENT;
    }
    Array out;
    out.name = a->name;
    out.dtype = a->dtype;
    // Element count, refusing shapes whose byte size overflows (a corrupt or hostile shape).
    constexpr int64_t kMaxBytes = int64_t{1} << 40;
    int64_t n = 1;
    for (int32_t k = 0; k < a->ndim; ++k) {
        if (a->shape[k] < 0) return TSR_ERR_INVALID_ARGUMENT;
        if (a->shape[k] > 0 && n > kMaxBytes / static_cast<int64_t>(elem) / a->shape[k]) return TSR_ERR_INVALID_ARGUMENT;
        out.shape.push_back(a->shape[k]);
        n *= a->shape[k];
    }
    if (n > 0 && !a->data) return TSR_ERR_INVALID_ARGUMENT;
    const auto* bytes = static_cast<const unsigned char*>(a->data);
    out.bytes.assign(bytes, bytes + static_cast<size_t>(n) * elem);
    auto& arrays = state(ctx).result->arrays;
    for (auto& existing : arrays)
        if (existing.name == out.name) return existing = std::move(out), TSR_OK;
    arrays.push_back(std::move(out));
    return TSR_OK;
}

tsr_status cb_put_array(const tsr_run_context* ctx, const tsr_array* a) {
    return no_throw([&] { return put_array(ctx, a); });
}

tsr_status put_scalar(const tsr_run_context* ctx, const char* name, double value) {
    if (!name) return TSR_ERR_INVALID_ARGUMENT;
    auto& scalars = state(ctx).result->scalars;
    for (auto& s : scalars)
        if (s.name == name) return s.value = value, TSR_OK;
    scalars.push_back({name, value});
    return TSR_OK;
}

tsr_status cb_put_scalar(const tsr_run_context* ctx, const char* name, double value) {
    return no_throw([&] { return put_scalar(ctx, name, value); });
}

void cb_log(const tsr_run_context*, int32_t level, const char* message) {
    try {
        if (level >= 2 && message) fmt::print(stderr, "warning: {}\n", message);
    } catch (...) {
    }
}

// Trace columns with each oracle counter's units at every point ("units:tsr.finite_sum.v1/...").
void add_unit_columns(HostState& h) {
    Trace& t = h.result->trace;
    for (int s = 0; s < kProxySlots; ++s) {
        if (!proxy_slot_is_oracle(s)) continue;
        bool used = false;
        for (const auto& snap : h.unit_snapshots) used = used || snap[s] > 0;
        if (!used) continue;
        t.columns.push_back(std::string("units:") + proxy_slot_name(s));
        auto& col = t.values.emplace_back();
        for (const auto& snap : h.unit_snapshots) col.push_back(static_cast<double>(snap[s]));
    }
}

// The finished run, as the ABI's metric input. Views into `r`; valid while r is unchanged.
// An array of the run seen through the ABI (valid while `a` lives).
tsr_array array_view(const Array& a) {
    tsr_array v{};
    v.struct_size = sizeof v;
    v.dtype = a.dtype;
    v.name = a.name.c_str();
    v.ndim = static_cast<int32_t>(std::min<size_t>(a.shape.size(), TSR_MAX_NDIM));
    for (int32_t k = 0; k < v.ndim; ++k) v.shape[k] = a.shape[static_cast<size_t>(k)];
    v.data = a.bytes.data();
    return v;
}

struct MetricInputStorage {
    std::vector<const char*> column_names;
    std::vector<const double*> columns;
    std::vector<tsr_array> arrays;
    std::vector<const char*> scalar_names;
    std::vector<double> scalar_values;
    std::vector<tsr_counter> counters;
    tsr_metric_input in{};

    MetricInputStorage(const RunResult& r, tsr_object* problem, tsr_status run_status) {
        for (size_t c = 0; c < r.trace.columns.size(); ++c) {
            column_names.push_back(r.trace.columns[c].c_str());
            columns.push_back(r.trace.values[c].data());
        }
        for (const Array& a : r.arrays) arrays.push_back(array_view(a));
        for (const Scalar& s : r.scalars) {
            scalar_names.push_back(s.name.c_str());
            scalar_values.push_back(s.value);
        }
        for (const Counter& c : r.counters) counters.push_back({c.name.c_str(), c.calls, c.units, c.seconds});
        in.struct_size = sizeof in;
        in.run_status = run_status;
        in.problem = problem;
        in.n_trace = static_cast<int64_t>(r.trace.size());
        in.trace_iteration = r.trace.iteration.data();
        in.trace_evals = r.trace.evals.data();
        in.trace_seconds = r.trace.seconds.data();
        in.trace_objective = r.trace.objective.data();
        in.n_trace_columns = static_cast<uint32_t>(columns.size());
        in.trace_column_names = column_names.data();
        in.trace_columns = columns.data();
        in.n_arrays = static_cast<uint32_t>(arrays.size());
        in.arrays = arrays.data();
        in.n_scalars = static_cast<uint32_t>(scalar_names.size());
        in.scalar_names = scalar_names.data();
        in.scalar_values = scalar_values.data();
        in.n_counters = static_cast<uint32_t>(counters.size());
        in.counters = counters.data();
        in.wall_seconds = r.wall_seconds;
        in.total_evals = r.total_evals;
    }
};

// A metric's series (tsr.metric_series.v1), as trace columns "<metric id>/<series name>".
void evaluate_series(const tsr_metric_series_v1& table, tsr_object* metric, const std::string& id,
                     const tsr_metric_input& in, std::vector<std::pair<std::string, std::vector<double>>>& columns,
                     std::vector<std::string>& failures) {
    if (!TSR_HAS_FIELD(&table, tsr_metric_series_v1, evaluate_series) || !table.evaluate_series || in.n_trace <= 0) return;
    const auto n = static_cast<size_t>(in.n_trace);
    std::vector<double> out(table.n_series * n, std::numeric_limits<double>::quiet_NaN());
    if (table.evaluate_series(metric, &in, out.data()) != TSR_OK) {
        failures.push_back(fmt::format("metric '{}' failed on its series: {}", id, object_error(metric)));
        return;
    }
    for (uint32_t j = 0; j < table.n_series; ++j) {
        const tsr_metric_output* o = TSR_ELEM(tsr_metric_output, table.series, j);
        columns.emplace_back(id + "/" + (o->name ? o->name : "series"),
                             std::vector<double>(out.begin() + j * n, out.begin() + (j + 1) * n));
    }
}

void evaluate_metrics(const Resolved& res, RunResult& r, tsr_object* problem, tsr_status run_status,
                      uint64_t seed) {
    MetricInputStorage input(r, problem, run_status);
    std::vector<MetricValue> values;
    std::vector<std::string> failures;
    // Series become trace columns once every metric has run: the input points into r.trace.
    std::vector<std::pair<std::string, std::vector<double>>> series_columns;
    for (const auto& [metric, params] : res.metrics) {
        const uint32_t n = metric->desc->n_outputs;
        std::vector<double> out(n, std::numeric_limits<double>::quiet_NaN());
        ObjectPtr m;
        std::string err;
        if (create(*metric, params, seed, m, err) == TSR_OK) {
            auto* table = static_cast<const tsr_metric_v1*>(m.p->get_interface(m.p, TSR_METRIC_V1));
            if (!table) {
                failures.push_back(fmt::format("metric '{}' does not serve {}", metric->id(), TSR_METRIC_V1));
            } else if (table->evaluate(m.p, &input.in, out.data()) != TSR_OK) {
                std::fill(out.begin(), out.end(), std::numeric_limits<double>::quiet_NaN());
                failures.push_back(fmt::format("metric '{}' failed: {}", metric->id(), object_error(m.p)));
            } else if (auto* st = static_cast<const tsr_metric_series_v1*>(m.p->get_interface(m.p, TSR_METRIC_SERIES_V1))) {
                evaluate_series(*st, m.p, std::string(metric->id()), input.in, series_columns, failures);
            }
        } else {
            failures.push_back(err);
        }
        for (uint32_t i = 0; i < n; ++i) {
            const tsr_metric_output& o = metric->output(i);
            values.push_back({std::string(metric->id()), o.name, o.direction, out[i]});
        }
    }
    r.metric_values = std::move(values);
    for (auto& [name, column] : series_columns) {
        r.trace.columns.push_back(std::move(name));
        r.trace.values.push_back(std::move(column));
    }
    if (!failures.empty()) r.error += (r.error.empty() ? "" : "; ") + join(failures, "; ");
}

}  // namespace

void check_request(const Registry& registry, const RunRequest& request) { (void)resolve(registry, request); }

RunResult run_one(const Registry& registry, const RunRequest& req) {
    const Resolved res = resolve(registry, req);

    RunResult r;
    r.algorithm = use_of(*res.algorithm, res.algorithm_params);
    r.problem = use_of(*res.problem, res.problem_params);
    for (const auto& [m, p] : res.metrics) r.metrics.push_back(use_of(*m, p));
    r.seed = req.seed;
    r.budget = req.budget;
    r.max_threads = req.max_threads;
    r.host_version = host_version();
    r.machine = machine_description();
    r.started_at = utc_now_iso8601();
    const double cpu0 = process_cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    auto finish = [&] {
        r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        r.cpu_seconds = process_cpu_seconds() - cpu0;
        r.peak_rss_kb = peak_rss_kb();
        r.finished_at = utc_now_iso8601();
    };

    ObjectPtr problem, algorithm;
    if (create(*res.problem, res.problem_params, problem_seed(req.seed), problem, r.error) != TSR_OK ||
        create(*res.algorithm, res.algorithm_params, algorithm_seed(req.seed), algorithm, r.error) != TSR_OK) {
        r.status = RunStatus::error;
        finish();
        return r;
    }
    auto* run_table = static_cast<const tsr_algorithm_v1*>(algorithm.p->get_interface(algorithm.p, TSR_ALGORITHM_V1));
    if (!run_table) {
        r.status = RunStatus::error;
        r.error = fmt::format("algorithm '{}' does not serve {}", res.algorithm->id(), TSR_ALGORITHM_V1);
        finish();
        return r;
    }

    Proxy proxy(problem.p, req.budget.max_evals);
    HostState h{&r, &proxy, req.budget, std::chrono::steady_clock::now(), {}, false, false, {}, {}, {}, {}};
    if (req.budget.max_seconds > 0) {
        h.has_deadline = true;
        h.deadline = h.start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                   std::chrono::duration<double>(req.budget.max_seconds));
    }
    tsr_run_context ctx{};
    ctx.struct_size = sizeof ctx;
    ctx.max_threads = req.max_threads;
    ctx.seed = algorithm_seed(req.seed);
    ctx.budget = {sizeof(tsr_budget), 0, req.budget.max_evals, req.budget.max_iterations, req.budget.max_seconds};
    ctx.problem = proxy.object();
    ctx.host = &h;
    ctx.report = &cb_report;
    ctx.should_stop = &cb_should_stop;
    ctx.put_array = &cb_put_array;
    ctx.put_scalar = &cb_put_scalar;
    ctx.log = &cb_log;
    std::vector<tsr_array> inputs;
    for (const Array& a : req.inputs) inputs.push_back(array_view(a));
    ctx.n_inputs = static_cast<uint32_t>(inputs.size());
    ctx.inputs = inputs.empty() ? nullptr : inputs.data();

    const tsr_status s = run_table->run(algorithm.p, &ctx);
    finish();
    r.counters = proxy.counters();
    r.total_evals = proxy.total_units();
    add_unit_columns(h);
    // Names under "env." and "stream." are the host's record of the interaction, not the algorithm's.
    std::erase_if(r.arrays, [](const Array& a) { return a.name.starts_with("env.") || a.name.starts_with("stream."); });
    if (const EnvLog* log = proxy.env_log()) record_env(*log, h.env_steps_at_point, problem.p, r);
    if (const StreamLog* log = proxy.stream_log()) record_stream(*log, h.stream_steps_at_point, r);

    if (h.diverged) {
        r.status = RunStatus::diverged;
        r.error = "a reported objective was not finite";
    } else if (s == TSR_BUDGET_EXHAUSTED) {
        r.status = RunStatus::budget_exhausted;
        r.error = object_error(algorithm.p);
    } else if (s == TSR_OK || s == TSR_STOPPED) {
        // Stopped by the host (budget, time, interrupt) or finished by its own criterion.
        r.status = h.stop_reason.empty() ? RunStatus::ok
                   : h.stop_reason == "interrupted" ? RunStatus::stopped
                                                    : RunStatus::budget_exhausted;
        r.error = h.stop_reason;
    } else {
        r.status = s == TSR_ERR_OUT_OF_MEMORY ? RunStatus::out_of_memory : RunStatus::error;
        const std::string msg = object_error(algorithm.p);
        r.error = fmt::format("algorithm '{}' failed ({}): {}", res.algorithm->id(), tsr::status_name(s),
                              msg.empty() ? "no message" : msg);
    }
    evaluate_metrics(res, r, problem.p, s, metric_seed(req.seed));
    return r;
}

void install_interrupt_handler() {
    std::signal(SIGINT, [](int) {
        if (g_interrupted.exchange(true)) std::_Exit(130);  // second Ctrl-C: leave now
    });
}

}  // namespace tsr::host
