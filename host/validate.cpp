#include "validate.hpp"

#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>
#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

#include "errors.hpp"
#include "params.hpp"
#include "proxy.hpp"
#include "runner.hpp"
#include "text.hpp"
#include "validate_iface.hpp"

namespace tsr::host {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- a host-made problem that answers NaN to everything, to see algorithms survive it -------

struct PoisonProblem {
    static constexpr Info info{"validate.nan_problem", "1.0.0",
                               "every value and gradient is NaN (tessera validate)", nullptr};
    using provides = Provides<Objective, FiniteSum, Bounds, Operator, Target, Bilevel, Coordinate>;
    int64_t dim() const { return 5; }
    int64_t n_terms() const { return 10; }
    bool is_box() const { return true; }
    void initial_point(VecMap x) const { x.setZero(); }
    double value(CVecMap) { return kNaN; }
    double value_gradient(CVecMap, VecMap g) { return g.setConstant(kNaN), kNaN; }
    double batch_value(CVecMap, std::span<const int64_t>) { return kNaN; }
    double batch_value_gradient(CVecMap, std::span<const int64_t>, VecMap g) { return g.setConstant(kNaN), kNaN; }
    void bounds(VecMap lo, VecMap hi) { lo.setConstant(-1), hi.setConstant(1); }
    void project(CVecMap x, VecMap out) { out = x.cwiseMax(-1.0).cwiseMin(1.0); }
    // tsr.operator.v1 on the same box
    int64_t n_components() const { return 10; }
    tsr_operator_properties properties() const { return {static_cast<uint32_t>(sizeof(tsr_operator_properties)), 0, 1.0, 1.0}; }
    void value(CVecMap, VecMap Fu) { Fu.setConstant(kNaN); }
    void batch(CVecMap, std::span<const int64_t>, VecMap out) { out.setConstant(kNaN); }
    void resolvent(CVecMap u, double, VecMap out) { project(u, out); }
    // tsr.target.v1
    int64_t target_width() const { return 2; }
    double l2_weight() const { return 0.0; }
    void targets(CVecMap, std::span<const int64_t>, RowMatMap z) { z.setConstant(kNaN); }
    void target_vjp(CVecMap, std::span<const int64_t>, CRowMatMap, VecMap out) { out.setConstant(kNaN); }
    double loss_gradient(std::span<const int64_t>, CRowMatMap, RowMatMap gz) { return gz.setConstant(kNaN), kNaN; }
    // tsr.bilevel.v1, x and y in the box
    int64_t dim_x() const { return 5; }
    int64_t dim_y() const { return 5; }
    int64_t n_upper() const { return 10; }
    int64_t n_lower() const { return 10; }
    void initial_point(VecMap x, VecMap y) const { x.setZero(), y.setZero(); }
    double upper(CVecMap, CVecMap, std::span<const int64_t>, VecMap fx, VecMap fy) {
        return fx.setConstant(kNaN), fy.setConstant(kNaN), kNaN;
    }
    double lower(CVecMap x, CVecMap y, std::span<const int64_t> idx, VecMap gx, VecMap gy) { return upper(x, y, idx, gx, gy); }
    void lower_hvp(CVecMap, CVecMap, CVecMap, VecMap hyy, VecMap hxy) { hyy.setConstant(kNaN), hxy.setConstant(kNaN); }
    void project_x(CVecMap x, VecMap out) { project(x, out); }
    void project_y(CVecMap y, VecMap out) { project(y, out); }
    // tsr.coordinate.v1
    double l1_weight() const { return 0.0; }
    void gradient(CVecMap, VecMap g) { g.setConstant(kNaN); }
    void block_gradient(CVecMap, std::span<const int64_t>, VecMap gb) { gb.setConstant(kNaN); }
    void coordinate_lipschitz(VecMap L) { L.setOnes(); }
    void block_bound(std::span<const int64_t>, RowMatMap M) { M.setIdentity(); }
    void block_hessian(CVecMap, std::span<const int64_t>, RowMatMap H) { H.setConstant(kNaN); }
};

const tsr_plugin_desc* poison_plugin() {
    static const tsr_component_desc* components[] = {detail::describe<PoisonProblem>()};
    static const tsr_plugin_desc desc = {sizeof(tsr_plugin_desc), TSR_ABI_MAJOR, TSR_ABI_MINOR, 1,
                                         "validate", "1.0.0", "problems of tessera validate", components};
    return &desc;
}

// ---- helpers ----------------------------------------------------------------------------------

struct Obj {
    tsr_object* p = nullptr;
    Obj() = default;
    Obj(const Obj&) = delete;
    ~Obj() {
        if (p) p->destroy(p);
    }
};

std::string error_of(const tsr_object* o) { return object_error(o); }

// Creates with the given ABI params; returns status and message.
tsr_status create_raw(const Component& c, const std::vector<tsr_param>& params, uint64_t seed, Obj& out,
                      std::string& msg) {
    tsr_create_args a{};
    a.struct_size = sizeof a;
    a.n_params = static_cast<uint32_t>(params.size());
    a.params = params.data();
    a.seed = seed;
    char buf[1024] = "";
    tsr_status s = c.desc->create(c.desc, &a, &out.p, buf, sizeof buf);
    msg = buf;
    if (s != TSR_OK) out.p = nullptr;
    return s;
}

bool provides_all(const Component& problem, const std::vector<std::string>& needs) {
    auto prov = problem.provides();
    for (const auto& n : needs)
        if (std::find(prov.begin(), prov.end(), n) == prov.end()) return false;
    return true;
}

bool proxyable(const std::vector<std::string>& needs) {
    for (const auto& n : needs)
        if (!proxy_can_serve(n)) return false;
    return true;
}

// Problems that provide `needs`, those of `prefer` (the component's own library) first, then the
// others in registry order; never a built-in test problem. Whether one creates with its defaults is
// asked only of those tried (creates_with_defaults), not of all.
std::vector<const Component*> candidate_problems(const Registry& reg, const std::vector<std::string>& needs,
                                                 const Library* prefer) {
    std::vector<const Component*> out;
    for (int pass = 0; pass < 2; ++pass)
        for (const Component& c : reg.components()) {
            if (c.kind() != TSR_KIND_PROBLEM || c.library->builtin) continue;
            if ((pass == 0) == (c.library == prefer) && provides_all(c, needs)) out.push_back(&c);
        }
    return out;
}

bool creates_with_defaults(const Component& c) {
    ParamSet ps = ParamSet::resolve(c, {});
    Obj o;
    std::string msg;
    return create_raw(c, ps.abi(), 1, o, msg) == TSR_OK;
}

class Checker {
public:
    Checker(Registry& reg, std::vector<Check>& out) : reg_(reg), out_(out) {}

    void add(const Component& c, const std::string& name, Check::Result r, std::string detail = {}) {
        out_.push_back({std::string(c.id()), name, r, std::move(detail)});
    }

    // Out-of-range and unknown parameters must come back as error statuses with a message.
    void check_bad_params(const Component& c) {
        ParamSet ps = ParamSet::resolve(c, {});
        std::vector<tsr_param> params = ps.abi();
        params.push_back(tsr_param{"no_such_parameter_xyz", tsr_value{TSR_PARAM_REAL, 0, 1.0, 0, nullptr}});
        Obj o;
        std::string msg;
        tsr_status s = create_raw(c, params, 1, o, msg);
        if (s == TSR_OK) add(c, "rejects unknown parameter", Check::fail, "create succeeded with an unknown parameter");
        else add(c, "rejects unknown parameter", msg.empty() ? Check::fail : Check::pass,
                 msg.empty() ? "error status without a message" : msg);
        for (uint32_t i = 0; i < c.desc->n_params; ++i) {
            const tsr_param_desc& p = c.param(i);
            if ((p.type != TSR_PARAM_REAL && p.type != TSR_PARAM_INT) || !std::isfinite(p.max)) continue;
            std::vector<tsr_param> bad = ps.abi();
            if (p.type == TSR_PARAM_REAL) bad[i].value.real = p.max + 1 + std::fabs(p.max);
            else if (p.max < 9e18) bad[i].value.integer = static_cast<int64_t>(p.max) + 1;
            else continue;
            Obj o2;
            tsr_status s2 = create_raw(c, bad, 1, o2, msg);
            add(c, fmt::format("rejects {} above its range", p.name), s2 != TSR_OK && !msg.empty() ? Check::pass : Check::fail,
                s2 == TSR_OK ? "create succeeded with an out-of-range value" : msg);
            break;  // one is enough
        }
    }

    void check_problem(const Component& c, const std::vector<std::pair<std::string, std::string>>& given = {}) {
        ParamSet ps = ParamSet::resolve(c, given);
        Obj o;
        std::string msg;
        if (create_raw(c, ps.abi(), 1, o, msg) != TSR_OK) {
            // Problems reading a user's file have no working default (path is empty): fine if
            // they say so clearly.
            add(c, "creates with defaults", msg.empty() ? Check::fail : Check::skip,
                msg.empty() ? "error without a message" : "needs parameters: " + msg);
            check_bad_params(c);
            return;
        }
        add(c, "creates with defaults", Check::pass);
        for (const auto& id : c.provides())
            add(c, "serves " + id, o.p->get_interface(o.p, id.c_str()) ? Check::pass : Check::fail);
        add(c, "refuses unknown interface", o.p->get_interface(o.p, "tsr.no_such_interface.v1") ? Check::fail : Check::pass);
        if (auto* t = find_interface<tsr_objective_v1>(o.p, TSR_OBJECTIVE_V1)) check_objective(c, o.p, t, ps);
        if (auto* t = find_interface<tsr_finite_sum_v1>(o.p, TSR_FINITE_SUM_V1)) check_finite_sum(c, o.p, t);
        const AddCheck add_check = [&](const std::string& name, Check::Result r, const std::string& detail) {
            add(c, name, r, detail);
        };
        if (auto* t = find_interface<tsr_operator_v1>(o.p, TSR_OPERATOR_V1)) validate_operator(o.p, t, add_check);
        if (auto* t = find_interface<tsr_target_v1>(o.p, TSR_TARGET_V1)) validate_target(o.p, t, add_check);
        if (auto* t = find_interface<tsr_bilevel_v1>(o.p, TSR_BILEVEL_V1)) validate_bilevel(o.p, t, add_check);
        if (auto* t = find_interface<tsr_coordinate_v1>(o.p, TSR_COORDINATE_V1)) validate_coordinate(o.p, t, add_check);
        if (auto* t = find_interface<tsr_env_v1>(o.p, TSR_ENV_V1)) validate_env(o.p, t, add_check);
        auto* set_function = find_interface<tsr_set_function_v1>(o.p, TSR_SET_FUNCTION_V1);
        if (set_function) validate_set_function(o.p, set_function, add_check);
        if (auto* t = find_interface<tsr_stream_v1>(o.p, TSR_STREAM_V1)) validate_stream(o.p, t, set_function, add_check);
        check_bad_params(c);
    }

    void check_objective(const Component& c, tsr_object* o, const tsr_objective_v1* t, const ParamSet& ps) {
        const int64_t d = t->dim(o);
        if (d <= 0) return add(c, "objective dimension", Check::fail, fmt::format("dim() = {}", d));
        Vec x(d), g(d), x2(d);
        double f = kNaN;
        if (t->initial_point(o, x.data()) != TSR_OK || !x.allFinite())
            return add(c, "objective initial point", Check::fail, error_of(o));
        if (t->value(o, x.data(), &f) != TSR_OK || !std::isfinite(f))
            return add(c, "objective value at x0", Check::fail, fmt::format("f(x0) = {} {}", f, error_of(o)));
        add(c, "objective value at x0", Check::pass, fmt::format("d = {}, f(x0) = {:.6g}", d, f));
        // Same seed, same instance.
        Obj o2;
        std::string msg;
        double f2 = kNaN;
        if (create_raw(c, ps.abi(), 1, o2, msg) == TSR_OK) {
            auto* t2 = find_interface<tsr_objective_v1>(o2.p, TSR_OBJECTIVE_V1);
            t2->initial_point(o2.p, x2.data());
            t2->value(o2.p, x2.data(), &f2);
            const bool same = x2 == x && std::memcmp(&f, &f2, sizeof f) == 0;
            add(c, "same seed, same instance", same ? Check::pass : Check::fail,
                same ? "" : fmt::format("f(x0) = {} then {}", f, f2));
        }
        // Gradient against central differences along a random direction, at a perturbed point.
        if (t->value_gradient) {
            kit::Rng rng(42);
            Vec v(d), xp(d);
            for (int64_t i = 0; i < d; ++i) {
                v[i] = rng.normal();
                xp[i] = x[i] + 0.1 * rng.normal();
            }
            v /= v.norm();
            double fx;
            t->value_gradient(o, xp.data(), &fx, g.data());
            const double h = 1e-6 * std::max(1.0, xp.norm());
            double fp, fm;
            Vec a = xp + h * v, b = xp - h * v;
            t->value(o, a.data(), &fp);
            t->value(o, b.data(), &fm);
            const double fd = (fp - fm) / (2 * h), an = g.dot(v);
            const double err = std::fabs(fd - an) / std::max({1.0, std::fabs(an), std::fabs(fd)});
            add(c, "gradient matches finite differences", err < 1e-4 ? Check::pass : Check::fail,
                fmt::format("directional derivative {:.8g} vs finite difference {:.8g} (rel. error {:.1e})", an, fd, err));
            if (t->hessian_vector) {
                Vec hv(d), ga(d), gb(d);
                t->hessian_vector(o, xp.data(), v.data(), hv.data());
                t->value_gradient(o, a.data(), nullptr, ga.data());
                t->value_gradient(o, b.data(), nullptr, gb.data());
                const Vec fdh = (ga - gb) / (2 * h);
                const double herr = (fdh - hv).norm() / std::max({1.0, hv.norm(), fdh.norm()});
                add(c, "Hessian-vector matches finite differences", herr < 1e-4 ? Check::pass : Check::fail,
                    fmt::format("rel. error {:.1e}", herr));
            }
        }
        // Batch of two points equals two single calls.
        RowMat X(2, d);
        X.row(0) = x.transpose();
        X.row(1) = (x.array() + 0.5).matrix().transpose();
        Vec fb(2);
        double f1;
        Vec x1 = X.row(1).transpose();
        if (t->value_batch(o, 2, X.data(), fb.data()) == TSR_OK && t->value(o, x1.data(), &f1) == TSR_OK)
            add(c, "value_batch equals value", fb[0] == f && fb[1] == f1 ? Check::pass : Check::fail,
                fmt::format("{} {} vs {} {}", fb[0], fb[1], f, f1));
        // NaN input: any status, no crash.
        Vec nanx = Vec::Constant(d, kNaN);
        double fn;
        t->value(o, nanx.data(), &fn);
        if (t->value_gradient) t->value_gradient(o, nanx.data(), &fn, g.data());
        add(c, "NaN point does not crash", Check::pass);
    }

    void check_finite_sum(const Component& c, tsr_object* o, const tsr_finite_sum_v1* t) {
        const int64_t d = t->dim(o), n = t->n_terms(o);
        if (d <= 0 || n <= 0) return add(c, "finite sum sizes", Check::fail, fmt::format("dim {} n_terms {}", d, n));
        Vec x = Vec::Zero(d), g(d);
        if (auto* obj = find_interface<tsr_objective_v1>(o, TSR_OBJECTIVE_V1)) obj->initial_point(o, x.data());
        std::vector<int64_t> all(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) all[static_cast<size_t>(i)] = i;
        double fs = kNaN;
        if (t->batch_value_gradient(o, x.data(), n, all.data(), &fs, g.data()) != TSR_OK)
            return add(c, "finite sum full batch", Check::fail, error_of(o));
        if (auto* obj = find_interface<tsr_objective_v1>(o, TSR_OBJECTIVE_V1)) {
            double f = kNaN;
            obj->value(o, x.data(), &f);
            const double err = std::fabs(f - fs) / std::max(1.0, std::fabs(f));
            add(c, "mean of all terms equals the objective", err < 1e-9 ? Check::pass : Check::fail,
                fmt::format("{:.12g} vs {:.12g}", fs, f));
        }
        int64_t bad[1] = {n};
        double fb;
        const tsr_status s = t->batch_value(o, x.data(), 1, bad, &fb);
        add(c, "rejects an out-of-range term index", s != TSR_OK ? Check::pass : Check::fail,
            s != TSR_OK ? error_of(o) : "index n accepted");
    }

    void check_algorithm(const Component& c) {
        ParamSet ps = ParamSet::resolve(c, {});
        Obj o;
        std::string msg;
        if (create_raw(c, ps.abi(), 1, o, msg) != TSR_OK)
            return add(c, "creates with defaults", Check::fail, msg);
        add(c, "creates with defaults", Check::pass);
        check_bad_params(c);
        const auto needs = c.needs();
        if (!proxyable(needs)) return add(c, "runs", Check::skip, "needs an interface this host cannot proxy yet");
        // An interface says what a problem serves, not that it suits every algorithm needing it (a
        // dataset of rankings is no SEM, a bandit no market): the algorithm runs on the first
        // candidate it does not refuse with an error, its own library's problems first.
        RunRequest req;
        req.algorithm = std::string(c.id());
        req.seed = 7;
        req.budget.max_evals = 20000;
        req.budget.max_iterations = 200;
        RunResult a;
        std::vector<std::string> refused;
        for (const Component* p : candidate_problems(reg_, needs, c.library)) {
            if (!creates_with_defaults(*p)) continue;
            req.problem = std::string(p->id());
            a = run_one(reg_, req);
            if (a.status != RunStatus::error) break;
            refused.push_back(req.problem);
        }
        if (req.problem.empty()) return add(c, "runs", Check::skip, "no installed problem provides " + join(needs, ", "));
        if (a.status == RunStatus::error && refused.size() > 1)
            a.error += fmt::format(" (also refused: {})", join(std::vector<std::string>(refused.begin(), refused.end() - 1), ", "));
        RunResult b = run_one(reg_, req);
        const std::string on = " on " + req.problem;
        add(c, "runs" + on, a.status == RunStatus::error ? Check::fail : Check::pass,
            fmt::format("{} after {} trace points, {} oracle units{}", run_status_name(a.status), a.trace.size(),
                        a.total_evals, a.error.empty() ? "" : " — " + a.error));
        const bool same = a.status == b.status && a.trace.iteration == b.trace.iteration &&
                          a.trace.evals == b.trace.evals && a.trace.objective.size() == b.trace.objective.size() &&
                          std::memcmp(a.trace.objective.data(), b.trace.objective.data(),
                                      a.trace.objective.size() * sizeof(double)) == 0 &&
                          a.arrays.size() == b.arrays.size() &&
                          [&] {
                              for (size_t i = 0; i < a.arrays.size(); ++i)
                                  if (a.arrays[i].bytes != b.arrays[i].bytes) return false;
                              return true;
                          }();
        add(c, "same seed, same result", same ? Check::pass : Check::fail,
            same ? fmt::format("{} trace points, {} arrays identical", a.trace.size(), a.arrays.size())
                 : "two runs with seed 7 differ (trace or solution)");
        // Stops when asked: 5 trace points allowed, at most one more tolerated.
        req.budget.max_iterations = 5;
        RunResult s = run_one(reg_, req);
        add(c, "stops when should_stop says so", s.trace.size() <= 6 ? Check::pass : Check::fail,
            fmt::format("{} trace points reported with an iteration budget of 5", s.trace.size()));
        req.budget.max_iterations = 0;
        req.budget.max_evals = 50;
        RunResult e = run_one(reg_, req);
        add(c, "respects the evaluation budget", e.total_evals <= 50 && e.status != RunStatus::error ? Check::pass : Check::fail,
            fmt::format("{} with {} of 50 oracle units{}", run_status_name(e.status), e.total_evals,
                        e.error.empty() ? "" : " — " + e.error));
        // NaN problem: must not crash.
        if (const Component* nanp = reg_.find(PoisonProblem::info.id); nanp && provides_all(*nanp, needs)) {
            req.problem = PoisonProblem::info.id;
            req.budget = {1000, 100, 0};
            RunResult n = run_one(reg_, req);
            add(c, "survives NaN values", Check::pass, fmt::format("ended {}", run_status_name(n.status)));
        }
    }

    void check_metric(const Component& c) {
        ParamSet ps = ParamSet::resolve(c, {});
        Obj o;
        std::string msg;
        if (create_raw(c, ps.abi(), 1, o, msg) != TSR_OK) return add(c, "creates with defaults", Check::fail, msg);
        add(c, "creates with defaults", Check::pass);
        check_bad_params(c);
        // Find a problem it accepts and an algorithm that runs on that problem (not one that refuses
        // it with an error: a portfolio strategy on a bandit), its own library's problems first.
        bool any_problem = false;
        for (const Component* p : candidate_problems(reg_, c.needs(), c.library)) {
            if (!creates_with_defaults(*p)) continue;
            any_problem = true;
            for (const Component& a : reg_.components()) {
                if (a.kind() != TSR_KIND_ALGORITHM || !provides_all(*p, a.needs()) || !proxyable(a.needs())) continue;
                RunRequest req;
                req.algorithm = std::string(a.id());
                req.problem = std::string(p->id());
                req.metrics.push_back({std::string(c.id()), {}});
                req.budget.max_evals = 2000;
                req.budget.max_iterations = 100;
                RunResult r = run_one(reg_, req);
                const bool failed = r.error.find("metric '" + std::string(c.id()) + "'") != std::string::npos;
                if (r.status == RunStatus::error && !failed) continue;  // the algorithm refused the problem
                std::vector<std::string> vals;
                for (const auto& m : r.metric_values)
                    if (m.metric_id == c.id()) vals.push_back(m.name + "=" + fmt::format("{:.4g}", m.value));
                return add(c, "evaluates a run of " + req.algorithm + " on " + req.problem, failed ? Check::fail : Check::pass,
                           failed ? r.error : join(vals, " "));
            }
        }
        if (!any_problem)
            return add(c, "evaluates a run", Check::skip, "no installed problem provides " + join(c.needs(), ", "));
        add(c, "evaluates a run", Check::skip, "no installed algorithm runs without error on a problem it accepts");
    }

private:
    Registry& reg_;
    std::vector<Check>& out_;
};

}  // namespace

std::vector<Check> validate_library(Registry& reg, const std::string& library_path) {
    std::vector<Check> out;
    reg.add_builtin(poison_plugin(), "(tessera validate)");
    Checker checker(reg, out);
    std::vector<const Component*> mine;
    for (const Component& c : reg.components())
        if (c.library->path == library_path) mine.push_back(&c);
    for (const Component* c : mine) {
        switch (c->kind()) {
            case TSR_KIND_PROBLEM: checker.check_problem(*c); break;
            case TSR_KIND_ALGORITHM: checker.check_algorithm(*c); break;
            case TSR_KIND_METRIC: checker.check_metric(*c); break;
        }
    }
    return out;
}

std::vector<Check> validate_problem(Registry& reg, const Component& problem,
                                    const std::vector<std::pair<std::string, std::string>>& params) {
    std::vector<Check> out;
    Checker(reg, out).check_problem(problem, params);
    return out;
}

}  // namespace tsr::host
