#include "validate_iface.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>
#include <vector>

#include <Eigen/Eigenvalues>
#include <fmt/format.h>
#include <tessera/iface/objective.h>
#include <tessera/kit/rng.hpp>
#include <tessera/sdk/eigen.hpp>

namespace tsr::host {

std::string object_error(const tsr_object* o) {
    char buf[1024];
    const uint32_t n = o->copy_error(o, buf, sizeof buf);
    return std::string(buf, std::min<uint32_t>(n, sizeof buf - 1));
}

namespace {

// Central differences with step 1e-6·max(1, ‖x‖) leave a relative error near 1e-8 on smooth
// functions; 1e-4 tolerates badly scaled problems and still catches a wrong derivative.
constexpr double kFdTol = 1e-4;
// Quantities that must agree up to rounding (a mean computed two ways).
constexpr double kSameTol = 1e-9;

Check::Result verdict(bool ok) { return ok ? Check::pass : Check::fail; }

double rel(double a, double b) { return std::fabs(a - b) / std::max({1.0, std::fabs(a), std::fabs(b)}); }
template <class A, class B>
double rel(const A& a, const B& b) {
    return (a - b).norm() / std::max({1.0, a.norm(), b.norm()});
}

Vec randn(kit::Rng& rng, int64_t d) {
    Vec v(d);
    for (int64_t i = 0; i < d; ++i) v[i] = rng.normal();
    return v;
}
RowMat randn(kit::Rng& rng, int64_t rows, int64_t cols) {
    RowMat m(rows, cols);
    for (int64_t i = 0; i < m.size(); ++i) m.data()[i] = rng.normal();
    return m;
}
Vec unit(Vec v) {
    const double n = v.norm();
    return n > 0 ? Vec(v / n) : v;
}
double fd_step(const Vec& x) { return 1e-6 * std::max(1.0, x.norm()); }

std::vector<int64_t> iota(int64_t n) {
    std::vector<int64_t> v(static_cast<size_t>(n));
    std::iota(v.begin(), v.end(), int64_t{0});
    return v;
}
// m distinct indices in [0, n), m ≤ n (a partial Fisher-Yates shuffle).
std::vector<int64_t> distinct(kit::Rng& rng, int64_t n, int64_t m) {
    std::vector<int64_t> v = iota(n);
    for (int64_t i = 0; i < m; ++i) std::swap(v[static_cast<size_t>(i)], v[static_cast<size_t>(i + static_cast<int64_t>(rng.below(static_cast<uint64_t>(n - i))))]);
    v.resize(static_cast<size_t>(m));
    return v;
}

// The objective's initial point when the problem serves tsr.objective.v1 with that dimension,
// else zeros.
Vec start_point(tsr_object* o, int64_t d) {
    Vec x = Vec::Zero(d);
    auto* f = static_cast<const tsr_objective_v1*>(o->get_interface(o, TSR_OBJECTIVE_V1));
    if (f && f->dim(o) == d && f->initial_point(o, x.data()) == TSR_OK && x.allFinite()) return x;
    return Vec::Zero(d);
}

const tsr_objective_v1* objective_of(tsr_object* o, int64_t d) {
    auto* f = static_cast<const tsr_objective_v1*>(o->get_interface(o, TSR_OBJECTIVE_V1));
    return f && f->dim(o) == d ? f : nullptr;
}

// "rejects ..." checks: the call must fail with an error status.
void expect_refusal(const AddCheck& add, const std::string& name, tsr_object* o, tsr_status s) {
    add(name, verdict(s != TSR_OK), s != TSR_OK ? object_error(o) : "accepted");
}

}  // namespace

// ---- tsr.operator.v1 ---------------------------------------------------------------------------

void validate_operator(tsr_object* o, const tsr_operator_v1* t, const AddCheck& add) {
    const int64_t d = t->dim(o), n = t->n_components(o);
    if (d <= 0 || n <= 0) return add("operator sizes", Check::fail, fmt::format("dim {} n_components {}", d, n));
    tsr_operator_properties pr{};
    pr.struct_size = sizeof pr;
    t->properties(o, &pr);
    const double L = pr.lipschitz, Lms = pr.mean_square_lipschitz;
    const bool props_ok = std::isfinite(L) && L >= 0 && std::isfinite(Lms) && Lms >= 0 &&
                          (pr.cocoercive == 0 || pr.cocoercive == 1) && !(pr.cocoercive == 1 && L <= 0);
    add("operator properties are finite", verdict(props_ok),
        fmt::format("cocoercive {}, L = {}, mean-square L = {}", pr.cocoercive, L, Lms));

    Vec u0(d), Fu(d), r(d), Fb(d);
    if (t->initial_point(o, u0.data()) != TSR_OK || !u0.allFinite())
        return add("operator initial point", Check::fail, object_error(o));
    if (t->value(o, u0.data(), Fu.data()) != TSR_OK || !Fu.allFinite())
        return add("operator value at u0", Check::fail, object_error(o));
    add("operator value at u0", Check::pass, fmt::format("d = {}, n = {}, |F(u0)| = {:.6g}", d, n, Fu.norm()));
    if (t->resolvent(o, u0.data(), 1.0, r.data()) != TSR_OK) return add("resolvent", Check::fail, object_error(o));
    add("initial point is a fixed point of the resolvent", verdict(rel(r, u0) < kSameTol),
        fmt::format("|J(u0) - u0| = {:.3g}", (r - u0).norm()));
    const std::vector<int64_t> all = iota(n);
    if (t->batch(o, u0.data(), n, all.data(), Fb.data()) != TSR_OK) return add("operator batch", Check::fail, object_error(o));
    add("batch over all components equals value", verdict(rel(Fb, Fu) < kSameTol),
        fmt::format("rel. difference {:.1e}", rel(Fb, Fu)));

    // Resolvent: firmly nonexpansive (every resolvent of a maximal monotone G), computed in place
    // as out of place, and idempotent when G is a normal cone (J is then a projection).
    kit::Rng rng(42);
    double worst_firm = 0, worst_idem = 0, worst_alias = 0;
    for (double eta : {1.0, 0.1}) {
        for (int k = 0; k < 3; ++k) {
            const Vec p = u0 + randn(rng, d), q = u0 + randn(rng, d);
            Vec a(d), b(d), aa(d), inplace = p;
            t->resolvent(o, p.data(), eta, a.data());
            t->resolvent(o, q.data(), eta, b.data());
            t->resolvent(o, a.data(), eta, aa.data());
            t->resolvent(o, inplace.data(), eta, inplace.data());
            // ‖Ja − Jb‖² ≤ ⟨Ja − Jb, p − q⟩
            worst_firm = std::max(worst_firm, ((a - b).squaredNorm() - (a - b).dot(p - q)) / std::max(1.0, (p - q).squaredNorm()));
            worst_idem = std::max(worst_idem, rel(aa, a));
            worst_alias = std::max(worst_alias, rel(inplace, a));
        }
    }
    add("resolvent is firmly nonexpansive", verdict(worst_firm <= 1e-9),
        fmt::format("max (|Jp-Jq|^2 - <Jp-Jq, p-q>) / |p-q|^2 = {:.2g}", worst_firm));
    add("resolvent in place equals out of place", verdict(worst_alias < kSameTol), fmt::format("rel. difference {:.1e}", worst_alias));
    add("resolvent is idempotent (a projection)", worst_idem < kSameTol ? Check::pass : Check::skip,
        worst_idem < kSameTol ? "" : fmt::format("|J(J(p)) - J(p)| rel. {:.1e}: G is not a normal cone (allowed)", worst_idem));

    // F at feasible points: monotone, L-Lipschitz, (1/L)-cocoercive when it says so.
    double worst_mono = 0, worst_lip = 0, worst_coco = 0, worst_ms = 0;
    const bool check_ms = Lms > 0 && n <= 2000;
    for (int k = 0; k < 3; ++k) {
        Vec a = u0 + randn(rng, d), b = u0 + randn(rng, d), Fa(d), Fbb(d);
        t->resolvent(o, a.data(), 1.0, a.data());
        t->resolvent(o, b.data(), 1.0, b.data());
        t->value(o, a.data(), Fa.data());
        t->value(o, b.data(), Fbb.data());
        const double du = (a - b).norm(), dF = (Fa - Fbb).norm(), inner = (Fa - Fbb).dot(a - b);
        if (du == 0) continue;
        worst_mono = std::max(worst_mono, -inner / (du * std::max(dF, 1e-300)));
        if (L > 0) worst_lip = std::max(worst_lip, dF / (L * du) - 1);
        if (pr.cocoercive && L > 0) worst_coco = std::max(worst_coco, (dF * dF / L - inner) / std::max(1e-300, du * dF));
        if (check_ms) {
            double s = 0;
            Vec fa(d), fb(d);
            for (int64_t i = 0; i < n; ++i) {
                t->batch(o, a.data(), 1, &i, fa.data());
                t->batch(o, b.data(), 1, &i, fb.data());
                s += (fa - fb).squaredNorm();
            }
            worst_ms = std::max(worst_ms, std::sqrt(s / static_cast<double>(n)) / (Lms * du) - 1);
        }
    }
    add("operator is monotone at sampled points", verdict(worst_mono <= 1e-9),
        fmt::format("max -<Fu-Fv, u-v> / (|Fu-Fv||u-v|) = {:.2g}", worst_mono));
    if (L > 0)
        add("lipschitz bounds |Fu - Fv| / |u - v|", verdict(worst_lip <= 1e-6), fmt::format("max ratio / L - 1 = {:.2g}", worst_lip));
    if (pr.cocoercive && L > 0)
        add("operator is (1/L)-cocoercive at sampled points", verdict(worst_coco <= 1e-9), fmt::format("worst {:.2g}", worst_coco));
    if (check_ms)
        add("mean_square_lipschitz bounds the components", verdict(worst_ms <= 1e-6), fmt::format("max ratio / L - 1 = {:.2g}", worst_ms));

    const int64_t bad[1] = {n};
    expect_refusal(add, "rejects an out-of-range component index", o, t->batch(o, u0.data(), 1, bad, Fb.data()));
    expect_refusal(add, "rejects a non-positive resolvent step", o, t->resolvent(o, u0.data(), 0.0, r.data()));
}

// ---- tsr.target.v1 -----------------------------------------------------------------------------

void validate_target(tsr_object* o, const tsr_target_v1* t, const AddCheck& add) {
    const int64_t d = t->dim(o), n = t->n_terms(o), k = t->target_width(o);
    const double lambda = t->l2_weight(o);
    if (d <= 0 || n <= 0 || k <= 0 || !std::isfinite(lambda) || lambda < 0)
        return add("target sizes", Check::fail, fmt::format("dim {} n_terms {} target_width {} l2_weight {}", d, n, k, lambda));
    kit::Rng rng(42);
    const Vec theta = start_point(o, d) + 0.1 * randn(rng, d);
    const int64_t m = std::min<int64_t>(n, 6);
    std::vector<int64_t> idx(static_cast<size_t>(m));
    for (auto& i : idx) i = static_cast<int64_t>(rng.below(static_cast<uint64_t>(n)));
    if (m >= 2) idx.back() = idx.front();  // a repeat, as sampling with replacement makes

    RowMat Z(m, k), G(m, k), Zp(m, k), Zm(m, k);
    if (t->targets(o, theta.data(), m, idx.data(), Z.data()) != TSR_OK || !Z.allFinite())
        return add("targets", Check::fail, object_error(o));
    add("targets are finite", Check::pass, fmt::format("d = {}, n = {}, k = {}", d, n, k));

    // target_vjp: ⟨(1/m) Σ J_rᵀ v_r, e⟩ = (1/m) Σ v_r · (J_r e).
    const RowMat V = randn(rng, m, k);
    const Vec e = unit(randn(rng, d));
    Vec out(d);
    const double h = fd_step(theta);
    const Vec tp = theta + h * e, tm = theta - h * e;
    if (t->target_vjp(o, theta.data(), m, idx.data(), V.data(), out.data()) != TSR_OK ||
        t->targets(o, tp.data(), m, idx.data(), Zp.data()) != TSR_OK ||
        t->targets(o, tm.data(), m, idx.data(), Zm.data()) != TSR_OK)
        return add("target_vjp", Check::fail, object_error(o));
    const double fd_vjp = (V.array() * (Zp - Zm).array()).sum() / (2 * h * static_cast<double>(m)), an_vjp = out.dot(e);
    add("target_vjp matches finite differences of targets", verdict(rel(an_vjp, fd_vjp) < kFdTol),
        fmt::format("{:.8g} vs finite difference {:.8g} (rel. error {:.1e})", an_vjp, fd_vjp, rel(an_vjp, fd_vjp)));

    // loss_gradient: d/ds (1/m) Σ ℓ_r(z_r + s w_r) = (1/m) Σ ∇ℓ_r · w_r.
    double l = NAN, lp = NAN, lm = NAN, l_only = NAN;
    RowMat W = randn(rng, m, k);
    W /= W.norm();
    const double hz = 1e-6 * std::max(1.0, Z.norm());
    const RowMat ZWp = Z + hz * W, ZWm = Z - hz * W;
    if (t->loss_gradient(o, m, idx.data(), Z.data(), &l, G.data()) != TSR_OK ||
        t->loss_gradient(o, m, idx.data(), ZWp.data(), &lp, nullptr) != TSR_OK ||
        t->loss_gradient(o, m, idx.data(), ZWm.data(), &lm, nullptr) != TSR_OK ||
        t->loss_gradient(o, m, idx.data(), Z.data(), &l_only, nullptr) != TSR_OK)
        return add("loss_gradient", Check::fail, object_error(o));
    const double fd_l = (lp - lm) / (2 * hz), an_l = (G.array() * W.array()).sum() / static_cast<double>(m);
    add("loss_gradient matches finite differences of the loss", verdict(std::isfinite(l) && rel(an_l, fd_l) < kFdTol),
        fmt::format("{:.8g} vs finite difference {:.8g} (rel. error {:.1e})", an_l, fd_l, rel(an_l, fd_l)));
    add("loss without gz equals loss with gz", verdict(rel(l, l_only) < kSameTol), fmt::format("{:.12g} vs {:.12g}", l_only, l));

    // With tsr.objective.v1: L(θ) = (1/n) Σ ℓ_i(f_i(θ)) + (λ/2)‖θ‖², ∇L = vjp of ∇ℓ + λθ.
    if (const tsr_objective_v1* f = objective_of(o, d)) {
        const std::vector<int64_t> all = iota(n);
        RowMat Za(n, k), Ga(n, k);
        Vec ga(d), gobj(d);
        double la = NAN, fobj = NAN;
        if (t->targets(o, theta.data(), n, all.data(), Za.data()) != TSR_OK ||
            t->loss_gradient(o, n, all.data(), Za.data(), &la, Ga.data()) != TSR_OK ||
            t->target_vjp(o, theta.data(), n, all.data(), Ga.data(), ga.data()) != TSR_OK ||
            f->value(o, theta.data(), &fobj) != TSR_OK)
            return add("target and objective agree", Check::fail, object_error(o));
        const double L = la + 0.5 * lambda * theta.squaredNorm();
        add("mean loss over all terms + l2 term equals the objective", verdict(rel(L, fobj) < kSameTol),
            fmt::format("{:.12g} vs objective {:.12g}", L, fobj));
        if (f->value_gradient && f->value_gradient(o, theta.data(), nullptr, gobj.data()) == TSR_OK) {
            const Vec gt = ga + lambda * theta;
            add("objective gradient equals target_vjp of the loss gradient + l2 term", verdict(rel(gt, gobj) < 1e-8),
                fmt::format("rel. difference {:.1e}", rel(gt, gobj)));
        }
    }
    const int64_t bad[1] = {n};
    expect_refusal(add, "rejects an out-of-range term index", o, t->targets(o, theta.data(), 1, bad, Z.data()));
}

// ---- tsr.bilevel.v1 ----------------------------------------------------------------------------

namespace {

using LevelFn = tsr_status (*)(tsr_object*, const double*, const double*, int64_t, const int64_t*, double*, double*, double*);
using ProjectFn = tsr_status (*)(tsr_object*, const double*, double*);

// A projection: the initial point is feasible, P is idempotent and nonexpansive, in place = out
// of place, at random points around it.
void check_projection(const AddCheck& add, const char* name, tsr_object* o, ProjectFn P, const Vec& x0, kit::Rng& rng) {
    const int64_t d = x0.size();
    Vec p0(d);
    if (P(o, x0.data(), p0.data()) != TSR_OK) return add(std::string(name) + " runs", Check::fail, object_error(o));
    double worst_idem = 0, worst_exp = 0, worst_alias = 0;
    for (int k = 0; k < 3; ++k) {
        const Vec a = x0 + 2 * randn(rng, d), b = x0 + 2 * randn(rng, d);
        Vec Pa(d), Pb(d), PPa(d), in = a;
        P(o, a.data(), Pa.data());
        P(o, b.data(), Pb.data());
        P(o, Pa.data(), PPa.data());
        P(o, in.data(), in.data());
        worst_idem = std::max(worst_idem, rel(PPa, Pa));
        worst_alias = std::max(worst_alias, rel(in, Pa));
        worst_exp = std::max(worst_exp, (Pa - Pb).norm() / std::max(1e-300, (a - b).norm()) - 1);
    }
    const bool ok = rel(p0, x0) < kSameTol && worst_idem < kSameTol && worst_alias < kSameTol && worst_exp <= 1e-9;
    add(std::string(name) + " is a projection and the initial point is feasible", verdict(ok),
        fmt::format("|P(start) - start| = {:.2g}, idempotence {:.1e}, in place {:.1e}, expansion {:.2g}", (p0 - x0).norm(),
                    worst_idem, worst_alias, worst_exp));
}

// One level (f or g): gradients against finite differences, the mean over all terms against the
// full call, NULL outputs, bad indices.
void check_level(const AddCheck& add, const char* name, tsr_object* o, LevelFn fn, int64_t nterms, const Vec& x,
                 const Vec& y, kit::Rng& rng) {
    const int64_t dx = x.size(), dy = y.size();
    Vec gx(dx), gy(dy), bx(dx), by(dy);
    double f = NAN, fb = NAN, fnull = NAN, fp = NAN, fm = NAN;
    if (fn(o, x.data(), y.data(), 0, nullptr, &f, gx.data(), gy.data()) != TSR_OK || !std::isfinite(f) ||
        !gx.allFinite() || !gy.allFinite())
        return add(std::string(name) + " at the initial point", Check::fail, fmt::format("value {} {}", f, object_error(o)));
    Vec ex = randn(rng, dx), ey = randn(rng, dy);
    const double s = std::sqrt(ex.squaredNorm() + ey.squaredNorm());
    ex /= s;
    ey /= s;
    const double h = 1e-6 * std::max(1.0, std::sqrt(x.squaredNorm() + y.squaredNorm()));
    const Vec xp = x + h * ex, yp = y + h * ey, xm = x - h * ex, ym = y - h * ey;
    fn(o, xp.data(), yp.data(), 0, nullptr, &fp, nullptr, nullptr);
    fn(o, xm.data(), ym.data(), 0, nullptr, &fm, nullptr, nullptr);
    const double fd = (fp - fm) / (2 * h), an = gx.dot(ex) + gy.dot(ey);
    add(std::string(name) + " gradients match finite differences", verdict(rel(an, fd) < kFdTol),
        fmt::format("directional derivative {:.8g} vs finite difference {:.8g} (rel. error {:.1e})", an, fd, rel(an, fd)));
    const std::vector<int64_t> all = iota(nterms);
    if (fn(o, x.data(), y.data(), nterms, all.data(), &fb, bx.data(), by.data()) != TSR_OK)
        return add(std::string(name) + " over all terms", Check::fail, object_error(o));
    const double err = std::max({rel(fb, f), rel(bx, gx), rel(by, gy)});
    add(std::string(name) + ": mean over all terms equals the full call", verdict(err < kSameTol),
        fmt::format("{} terms, rel. difference {:.1e}", nterms, err));
    const tsr_status s0 = fn(o, x.data(), y.data(), 0, nullptr, nullptr, nullptr, nullptr);
    const tsr_status s1 = fn(o, x.data(), y.data(), 0, nullptr, &fnull, nullptr, nullptr);
    add(std::string(name) + " accepts NULL outputs", verdict(s0 == TSR_OK && s1 == TSR_OK && rel(fnull, f) < kSameTol),
        s0 == TSR_OK && s1 == TSR_OK ? fmt::format("{:.12g} vs {:.12g}", fnull, f) : object_error(o));
    const int64_t bad[1] = {nterms};
    expect_refusal(add, std::string(name) + " rejects an out-of-range term index", o,
                   fn(o, x.data(), y.data(), 1, bad, &fb, nullptr, nullptr));
}

}  // namespace

void validate_bilevel(tsr_object* o, const tsr_bilevel_v1* t, const AddCheck& add) {
    const int64_t dx = t->dim_x(o), dy = t->dim_y(o), nu = t->n_upper(o), nl = t->n_lower(o);
    if (dx <= 0 || dy <= 0 || nu <= 0 || nl <= 0)
        return add("bilevel sizes", Check::fail, fmt::format("dim_x {} dim_y {} n_upper {} n_lower {}", dx, dy, nu, nl));
    Vec x0(dx), y0(dy);
    if (t->initial_point(o, x0.data(), y0.data()) != TSR_OK || !x0.allFinite() || !y0.allFinite())
        return add("bilevel initial point", Check::fail, object_error(o));
    kit::Rng rng(42);
    check_projection(add, "project_x", o, t->project_x, x0, rng);
    check_projection(add, "project_y", o, t->project_y, y0, rng);
    Vec x = x0 + 0.1 * randn(rng, dx), y = y0 + 0.1 * randn(rng, dy);
    t->project_x(o, x.data(), x.data());
    t->project_y(o, y.data(), y.data());
    check_level(add, "upper", o, t->upper, nu, x, y, rng);
    check_level(add, "lower", o, t->lower, nl, x, y, rng);

    // lower_hvp: ∇²_yy g v = d/ds ∇_y g(x, y + s v), ∇²_xy g v = d/ds ∇_x g(x, y + s v).
    const Vec v = unit(randn(rng, dy));
    Vec hyy(dy), hxy(dx), gxp(dx), gxm(dx), gyp(dy), gym(dy);
    const double h = fd_step(y);
    const Vec yp = y + h * v, ym = y - h * v;
    if (t->lower_hvp(o, x.data(), y.data(), v.data(), hyy.data(), hxy.data()) != TSR_OK ||
        t->lower(o, x.data(), yp.data(), 0, nullptr, nullptr, gxp.data(), gyp.data()) != TSR_OK ||
        t->lower(o, x.data(), ym.data(), 0, nullptr, nullptr, gxm.data(), gym.data()) != TSR_OK)
        return add("lower_hvp", Check::fail, object_error(o));
    const Vec fyy = (gyp - gym) / (2 * h), fxy = (gxp - gxm) / (2 * h);
    const double err = std::max(rel(hyy, fyy), rel(hxy, fxy));
    add("lower_hvp matches finite differences of lower gradients", verdict(err < kFdTol),
        fmt::format("rel. error yy {:.1e}, xy {:.1e}", rel(hyy, fyy), rel(hxy, fxy)));
    const bool nulls = t->lower_hvp(o, x.data(), y.data(), v.data(), nullptr, nullptr) == TSR_OK;
    add("lower_hvp accepts NULL outputs", verdict(nulls), nulls ? "" : object_error(o));
    double g;
    expect_refusal(add, "rejects a negative minibatch size", o, t->lower(o, x.data(), y.data(), -1, nullptr, &g, nullptr, nullptr));
}

// ---- tsr.coordinate.v1 -------------------------------------------------------------------------

void validate_coordinate(tsr_object* o, const tsr_coordinate_v1* t, const AddCheck& add) {
    const int64_t d = t->dim(o);
    const double lambda = t->l1_weight(o);
    if (d <= 0 || !std::isfinite(lambda) || lambda < 0)
        return add("coordinate sizes", Check::fail, fmt::format("dim {} l1_weight {}", d, lambda));
    kit::Rng rng(42);
    const Vec x0 = start_point(o, d);
    const Vec x = x0 + 0.1 * randn(rng, d);
    Vec g(d), L(d);
    if (t->gradient(o, x.data(), g.data()) != TSR_OK || !g.allFinite())
        return add("coordinate gradient", Check::fail, object_error(o));
    if (t->coordinate_lipschitz(o, L.data()) != TSR_OK || !L.allFinite() || (L.array() < 0).any())
        return add("coordinate_lipschitz finite and nonnegative", Check::fail, object_error(o));
    add("coordinate gradient and Lipschitz constants", Check::pass, fmt::format("d = {}, max L = {:.6g}", d, L.maxCoeff()));

    // block_gradient = ∇f restricted; block_hessian against differences of the gradient.
    const int64_t m = std::min<int64_t>(d, 6);
    const std::vector<int64_t> b = distinct(rng, d, m);
    Vec gb(m);
    RowMat H(m, m), Hfd(m, m);
    if (t->block_gradient(o, x.data(), m, b.data(), gb.data()) != TSR_OK ||
        t->block_hessian(o, x.data(), m, b.data(), H.data()) != TSR_OK)
        return add("coordinate block oracles", Check::fail, object_error(o));
    Vec gr(m);
    for (int64_t r = 0; r < m; ++r) gr[r] = g[b[static_cast<size_t>(r)]];
    add("block_gradient equals the gradient restricted to the block", verdict(rel(gb, gr) < kSameTol),
        fmt::format("rel. difference {:.1e}", rel(gb, gr)));
    const double h = fd_step(x);
    for (int64_t c = 0; c < m; ++c) {
        Vec xp = x, xm = x, gp(m), gm(m);
        xp[b[static_cast<size_t>(c)]] += h;
        xm[b[static_cast<size_t>(c)]] -= h;
        t->block_gradient(o, xp.data(), m, b.data(), gp.data());
        t->block_gradient(o, xm.data(), m, b.data(), gm.data());
        Hfd.col(c) = (gp - gm) / (2 * h);
    }
    add("block_hessian matches finite differences of the gradient", verdict(rel(H, Hfd) < kFdTol),
        fmt::format("rel. error {:.1e}", rel(H, Hfd)));

    // Bounds at sampled points: L_j ≥ ∂²f/∂x_j², M_b − ∇²_bb f(x) ⪰ 0.
    double worst_diag = 0, worst_eig = 0;
    for (int k = 0; k < 3; ++k) {
        const Vec xs = x0 + randn(rng, d);
        const int64_t mb = std::min<int64_t>(d, 64), ms = std::min<int64_t>(d, 8);
        const std::vector<int64_t> big = distinct(rng, d, mb), small = distinct(rng, d, ms);
        RowMat Hb(mb, mb), Hs(ms, ms), M(ms, ms);
        if (t->block_hessian(o, xs.data(), mb, big.data(), Hb.data()) != TSR_OK ||
            t->block_hessian(o, xs.data(), ms, small.data(), Hs.data()) != TSR_OK ||
            t->block_bound(o, ms, small.data(), M.data()) != TSR_OK)
            return add("coordinate bounds", Check::fail, object_error(o));
        for (int64_t r = 0; r < mb; ++r) {
            const double Lj = L[big[static_cast<size_t>(r)]];
            worst_diag = std::max(worst_diag, (Hb(r, r) - Lj) / std::max(1.0, Lj));
        }
        const RowMat D = M - Hs;
        const Mat S = 0.5 * (D + D.transpose());
        const double lmin = Eigen::SelfAdjointEigenSolver<Mat>(S, Eigen::EigenvaluesOnly).eigenvalues().minCoeff();
        worst_eig = std::max(worst_eig, -lmin / std::max(1.0, M.norm()));
        worst_eig = std::max(worst_eig, rel(M, RowMat(M.transpose())));  // M must be symmetric
    }
    add("coordinate_lipschitz bounds the Hessian diagonal at sampled points", verdict(worst_diag <= 1e-9),
        fmt::format("max (H_jj - L_j) / max(1, L_j) = {:.2g}", worst_diag));
    add("block_bound - block_hessian is positive semidefinite at sampled points", verdict(worst_eig <= 1e-8),
        fmt::format("worst -lambda_min / |M| = {:.2g}", worst_eig));

    // The Hessian pattern: pairs in range with i < j, and the Hessian is zero off the pattern.
    if (t->hessian_pattern) {
        int64_t np = 0;
        const int64_t* pairs = nullptr;
        t->hessian_pattern(o, &np, &pairs);
        bool ok = np >= 0 && (np == 0 || pairs);
        std::unordered_set<int64_t> in_pattern;
        for (int64_t p = 0; ok && p < np; ++p) {
            const int64_t i = pairs[2 * p], j = pairs[2 * p + 1];
            ok = 0 <= i && i < j && j < d;
            in_pattern.insert(i * d + j);
        }
        add("hessian_pattern pairs are in range with i < j", verdict(ok), fmt::format("{} pairs", np));
        if (ok) {
            const int64_t mb = std::min<int64_t>(d, 32);
            std::vector<int64_t> blk = distinct(rng, d, mb);
            if (np > 0 && mb >= 2) {  // make sure a pattern pair is inside
                blk[0] = pairs[0];
                blk[1] = pairs[1];
                std::sort(blk.begin(), blk.end());
                blk.erase(std::unique(blk.begin(), blk.end()), blk.end());
            }
            const auto mm = static_cast<int64_t>(blk.size());
            RowMat Hb(mm, mm);
            t->block_hessian(o, x.data(), mm, blk.data(), Hb.data());
            double worst = 0;
            for (int64_t r = 0; r < mm; ++r)
                for (int64_t c = 0; c < mm; ++c) {
                    const int64_t i = std::min(blk[static_cast<size_t>(r)], blk[static_cast<size_t>(c)]);
                    const int64_t j = std::max(blk[static_cast<size_t>(r)], blk[static_cast<size_t>(c)]);
                    if (i != j && !in_pattern.count(i * d + j)) worst = std::max(worst, std::fabs(Hb(r, c)));
                }
            add("block Hessian is zero off the pattern", verdict(worst <= 1e-12 * std::max(1.0, Hb.norm())),
                fmt::format("largest off-pattern entry {:.2g}", worst));
        }
    }

    // With tsr.objective.v1: its value is f + λ‖x‖₁.
    if (const tsr_objective_v1* f = objective_of(o, d)) {
        const Vec v = unit(randn(rng, d));
        const Vec xp = x + h * v, xm = x - h * v;
        double fp = NAN, fm = NAN;
        f->value(o, xp.data(), &fp);
        f->value(o, xm.data(), &fm);
        const double fd = (fp - lambda * xp.lpNorm<1>() - fm + lambda * xm.lpNorm<1>()) / (2 * h), an = g.dot(v);
        add("gradient matches finite differences of the objective minus l1 term", verdict(rel(an, fd) < kFdTol),
            fmt::format("{:.8g} vs finite difference {:.8g} (rel. error {:.1e})", an, fd, rel(an, fd)));
    }
    std::vector<int64_t> rep = {0, 0};
    Vec out(2);
    if (d >= 1)
        expect_refusal(add, "rejects a repeated coordinate in a block", o, t->block_gradient(o, x.data(), 2, rep.data(), out.data()));
    rep = {d};
    expect_refusal(add, "rejects an out-of-range coordinate", o, t->block_gradient(o, x.data(), 1, rep.data(), out.data()));
}

}  // namespace tsr::host
