// tests/host/iface_problems.hpp — one tiny problem per interface of iface/{operator,target,
// bilevel,coordinate}.h, small enough to check by hand, for the proxy, SDK and validate tests.
// Each has a `mode` parameter: "ok", or a way of being deliberately wrong that `tessera
// validate` must catch.
//
//   test.operator    F_i(u) = (i+1) u on R^2, n = 3 (F = 2u); G = normal cone of [-1, 1]^2
//   test.target      f_i(θ) = A_i θ ∈ R^2, θ ∈ R^3, n = 4; ℓ_i(z) = ½‖z − i·1‖²; λ = 0.1;
//                    also tsr.objective.v1 for L(θ)
//   test.bilevel     f_i(x, y) = ½‖y − c_i‖² + ½‖x‖², c_i = (i, −i), n_f = 2;
//                    g_j(x, y) = ½ (j+1) ‖y − x‖², n_g = 3 (g = ‖y − x‖²); X = [-5, 5]^2, Y = R^2
//   test.coordinate  f(x) = ½ xᵀQx − 1ᵀx, Q = tridiag(−1, 2, −1) on R^4, λ = 0.1, with the
//                    Hessian pattern; test.coordinate_dense: the same without a pattern
// and test.op_walk, test.target_walk, test.bilevel_walk, test.coord_walk: an algorithm for each,
// calling through tsr::Run until told to stop.
#pragma once

#include <array>
#include <cmath>
#include <span>
#include <string>

#include <tessera/sdk.hpp>

namespace hosttest {

struct ModeParams {
    std::string mode = "ok";
    static void schema(tsr::Schema<ModeParams>& s) { s.text("mode", &ModeParams::mode, "ok or how to be wrong"); }
};

class Op {
public:
    static constexpr tsr::Info info{"test.operator", "1.0.0", "F_i(u) = (i+1) u, box [-1, 1]^2"};
    using provides = tsr::Provides<tsr::Operator>;
    using Params = ModeParams;
    explicit Op(const Params& p) : mode_(p.mode) {}
    int64_t dim() const { return 2; }
    int64_t n_components() const { return 3; }
    tsr_operator_properties properties() const {
        tsr_operator_properties p{};
        p.cocoercive = 1;
        p.lipschitz = 2.0;
        p.mean_square_lipschitz = std::sqrt(14.0 / 3.0);
        if (mode_ == "nan_properties") p.lipschitz = std::nan("");
        if (mode_ == "low_lipschitz") p.lipschitz = 1.0;
        return p;
    }
    void initial_point(tsr::VecMap u0) const { u0 << 0.5, -0.25; }
    void value(tsr::CVecMap u, tsr::VecMap Fu) { Fu = sign() * 2.0 * u; }
    void batch(tsr::CVecMap u, std::span<const int64_t> idx, tsr::VecMap out) {
        double c = 0;
        for (int64_t i : idx) c += static_cast<double>(i + 1);
        if (mode_ == "bad_batch") c += 1.0;
        out = (sign() * c / static_cast<double>(idx.size())) * u;
    }
    void resolvent(tsr::CVecMap u, double, tsr::VecMap out) {
        if (mode_ == "bad_resolvent") out = 0.5 * u + tsr::Vec::Constant(2, 0.5);  // not idempotent
        else if (mode_ == "expansive_resolvent") out = 2.0 * u;
        else out = u.cwiseMax(-1.0).cwiseMin(1.0);
    }

private:
    double sign() const { return mode_ == "not_monotone" ? -1.0 : 1.0; }
    std::string mode_;
};

class TargetLin {
public:
    static constexpr tsr::Info info{"test.target", "1.0.0", "linear targets, squared loss"};
    using provides = tsr::Provides<tsr::Target, tsr::Objective>;
    using Params = ModeParams;
    static constexpr int64_t d = 3, k = 2, n = 4;
    explicit TargetLin(const Params& p) : mode_(p.mode) {}
    // A_i (k × d): entry (r, c) = 0.1 (i + 1) + 0.2 r − 0.3 c.
    static double a(int64_t i, int64_t r, int64_t c) { return 0.1 * (i + 1) + 0.2 * r - 0.3 * c; }
    int64_t dim() const { return d; }
    int64_t n_terms() const { return n; }
    int64_t target_width() const { return k; }
    double l2_weight() const { return 0.1; }
    void targets(tsr::CVecMap theta, std::span<const int64_t> idx, tsr::RowMatMap z) {
        for (size_t r = 0; r < idx.size(); ++r)
            for (int64_t j = 0; j < k; ++j) {
                double s = 0;
                for (int64_t c = 0; c < d; ++c) s += a(idx[r], j, c) * theta[c];
                z(static_cast<int64_t>(r), j) = s;
            }
    }
    void target_vjp(tsr::CVecMap, std::span<const int64_t> idx, tsr::CRowMatMap v, tsr::VecMap out) {
        out.setZero();
        for (size_t r = 0; r < idx.size(); ++r)
            for (int64_t j = 0; j < k; ++j)
                for (int64_t c = 0; c < d; ++c) out[c] += a(idx[r], j, c) * v(static_cast<int64_t>(r), j);
        out /= static_cast<double>(idx.size());
        if (mode_ == "bad_vjp") out[0] += 0.5;
    }
    double loss_gradient(std::span<const int64_t> idx, tsr::CRowMatMap z, tsr::RowMatMap gz) {
        double l = 0;
        for (size_t r = 0; r < idx.size(); ++r)
            for (int64_t j = 0; j < k; ++j) {
                const double e = z(static_cast<int64_t>(r), j) - static_cast<double>(idx[r]);
                l += 0.5 * e * e;
                if (gz.data()) gz(static_cast<int64_t>(r), j) = mode_ == "bad_loss_gradient" ? 2 * e : e;
            }
        return l / static_cast<double>(idx.size());
    }
    // tsr.objective.v1: L(θ) = (1/n) Σ ℓ_i(A_i θ) + (λ/2)‖θ‖².
    void initial_point(tsr::VecMap x0) const { x0 << 1.0, -1.0, 0.5; }
    double value(tsr::CVecMap theta) {
        static constexpr int64_t all[n] = {0, 1, 2, 3};
        tsr::RowMat z(n, k);
        targets(theta, all, tsr::RowMatMap(z.data(), n, k));
        const double l = loss_gradient(all, tsr::CRowMatMap(z.data(), n, k), tsr::RowMatMap(nullptr, 0, 0)) +
                         0.5 * l2_weight() * theta.squaredNorm();
        return mode_ == "bad_objective" ? l + 1.0 : l;
    }
    // ∇L(θ) = (1/n) Σ A_iᵀ ∇ℓ_i + λθ, through the target functions themselves.
    double value_gradient(tsr::CVecMap theta, tsr::VecMap g) {
        static constexpr int64_t all[n] = {0, 1, 2, 3};
        tsr::RowMat z(n, k), gz(n, k);
        targets(theta, all, tsr::RowMatMap(z.data(), n, k));
        loss_gradient(all, tsr::CRowMatMap(z.data(), n, k), tsr::RowMatMap(gz.data(), n, k));
        target_vjp(theta, all, tsr::CRowMatMap(gz.data(), n, k), g);
        g += l2_weight() * theta;
        if (mode_ == "bad_objective_gradient") g[0] += 0.1;
        return value(theta);
    }

private:
    std::string mode_;
};

class Bilev {
public:
    static constexpr tsr::Info info{"test.bilevel", "1.0.0", "quadratic bilevel problem"};
    using provides = tsr::Provides<tsr::Bilevel>;
    using Params = ModeParams;
    explicit Bilev(const Params& p) : mode_(p.mode) {}
    int64_t dim_x() const { return 2; }
    int64_t dim_y() const { return 2; }
    int64_t n_upper() const { return 2; }
    int64_t n_lower() const { return 3; }
    void initial_point(tsr::VecMap x0, tsr::VecMap y0) const {
        x0 << 1.0, 2.0;
        y0 << 0.0, 0.5;
    }
    double upper(tsr::CVecMap x, tsr::CVecMap y, std::span<const int64_t> idx, tsr::VecMap fx, tsr::VecMap fy) {
        static constexpr int64_t all[2] = {0, 1};
        if (idx.empty()) idx = all;
        double f = 0;
        tsr::Vec gy = tsr::Vec::Zero(2);
        for (int64_t i : idx) {
            const tsr::Vec e = y - Eigen::Vector2d(static_cast<double>(i), -static_cast<double>(i));
            f += 0.5 * e.squaredNorm();
            gy += e;
        }
        const double m = static_cast<double>(idx.size());
        if (fx.data()) fx = mode_ == "bad_upper_gradient" ? tsr::Vec(2.0 * x) : tsr::Vec(x);
        if (fy.data()) fy = gy / m;
        return f / m + 0.5 * x.squaredNorm();
    }
    double lower(tsr::CVecMap x, tsr::CVecMap y, std::span<const int64_t> idx, tsr::VecMap gx, tsr::VecMap gy) {
        double w = 0;
        if (idx.empty()) w = 2.0;
        else {
            for (int64_t j : idx) w += static_cast<double>(j + 1);
            w /= static_cast<double>(idx.size());
        }
        if (mode_ == "bad_lower_batch" && !idx.empty()) w += 1.0;
        if (gx.data()) gx = -w * (y - x);
        if (gy.data()) gy = w * (y - x);
        return 0.5 * w * (y - x).squaredNorm();
    }
    void lower_hvp(tsr::CVecMap, tsr::CVecMap, tsr::CVecMap v, tsr::VecMap hyy, tsr::VecMap hxy) {
        if (hyy.data()) hyy = (mode_ == "bad_hvp" ? 3.0 : 2.0) * v;
        if (hxy.data()) hxy = -2.0 * v;
    }
    void project_x(tsr::CVecMap x, tsr::VecMap out) {
        if (mode_ == "bad_project") out = 0.5 * x;
        else out = x.cwiseMax(-5.0).cwiseMin(5.0);
    }
    void project_y(tsr::CVecMap y, tsr::VecMap out) { out = y; }

private:
    std::string mode_;
};

template <bool Pattern>
class CoordQuad {
public:
    static constexpr tsr::Info info{Pattern ? "test.coordinate" : "test.coordinate_dense", "1.0.0",
                                    "tridiagonal quadratic plus L1"};
    using provides = tsr::Provides<tsr::Coordinate>;
    using Params = ModeParams;
    static constexpr int64_t d = 4;
    explicit CoordQuad(const Params& p) : mode_(p.mode) {}
    static double q(int64_t i, int64_t j) { return i == j ? 2.0 : (i - j == 1 || j - i == 1) ? -1.0 : 0.0; }
    int64_t dim() const { return d; }
    double l1_weight() const { return 0.1; }
    void gradient(tsr::CVecMap x, tsr::VecMap g) {
        for (int64_t i = 0; i < d; ++i) {
            double s = -1.0;
            for (int64_t j = 0; j < d; ++j) s += q(i, j) * x[j];
            g[i] = s;
        }
    }
    void block_gradient(tsr::CVecMap x, std::span<const int64_t> idx, tsr::VecMap gb) {
        tsr::Vec g(d);
        gradient(x, tsr::VecMap(g.data(), d));
        for (size_t r = 0; r < idx.size(); ++r) gb[static_cast<int64_t>(r)] = g[idx[r]];
        if (mode_ == "bad_block_gradient") gb[0] += 1.0;
    }
    void coordinate_lipschitz(tsr::VecMap L) { L.setConstant(mode_ == "low_lipschitz" ? 1.0 : 2.0); }
    void block_bound(std::span<const int64_t> idx, tsr::RowMatMap M) {
        block_hessian(tsr::CVecMap(nullptr, 0), idx, M);
        if (mode_ == "low_bound") M(0, 0) -= 1.5;
    }
    void block_hessian(tsr::CVecMap, std::span<const int64_t> idx, tsr::RowMatMap H) {
        const auto m = static_cast<int64_t>(idx.size());
        for (int64_t r = 0; r < m; ++r)
            for (int64_t c = 0; c < m; ++c) H(r, c) = q(idx[r], idx[c]);
        if (mode_ == "bad_block_hessian") H(0, 0) += 1.0;
    }
    std::span<const int64_t> hessian_pattern() const
        requires Pattern
    {
        static constexpr int64_t ok[6] = {0, 1, 1, 2, 2, 3};
        static constexpr int64_t bad[6] = {1, 0, 1, 2, 2, 4};  // j < i, and 4 out of range
        if (mode_ == "bad_pattern") return bad;
        if (mode_ == "missing_pattern_pair") return std::span<const int64_t>(ok).first(4);
        return ok;
    }

private:
    std::string mode_;
};

// ---- one small algorithm per interface, calling it through tsr::Run ----------------------------

class OpWalk {
public:
    static constexpr tsr::Info info{"test.op_walk", "1.0.0", "stochastic forward-backward steps"};
    static constexpr const char* needs[] = {TSR_OPERATOR_V1};
    void run(tsr::Run& r) {
        tsr::OperatorRef op = r.monotone_operator();
        tsr::Vec u = op.initial_point(), Fu(op.dim());
        for (int64_t k = 0; !r.should_stop(); ++k) {
            const int64_t i[1] = {k % op.n_components()};
            op.batch(u, i, Fu);
            u -= 0.1 * Fu;
            op.resolvent(u, 0.1, u);
            if (r.report(k, u.norm())) break;
        }
    }
};

class TargetWalk {
public:
    static constexpr tsr::Info info{"test.target_walk", "1.0.0", "gradient steps through targets"};
    static constexpr const char* needs[] = {TSR_TARGET_V1};
    void run(tsr::Run& r) {
        tsr::TargetRef t = r.target();
        const int64_t idx[2] = {0, 1};
        tsr::Vec theta = tsr::Vec::Zero(t.dim()), g(t.dim());
        tsr::RowMat z(2, t.target_width()), gz(2, t.target_width());
        for (int64_t k = 0; !r.should_stop(); ++k) {
            t.targets(theta, idx, z);
            const double l = t.loss_gradient(idx, z, gz);
            t.target_vjp(theta, idx, gz, g);
            theta -= 0.1 * (g + t.l2_weight() * theta);
            if (r.report(k, l)) break;
        }
    }
};

class BilevelWalk {
public:
    static constexpr tsr::Info info{"test.bilevel_walk", "1.0.0", "alternating steps on y and x"};
    static constexpr const char* needs[] = {TSR_BILEVEL_V1};
    void run(tsr::Run& r) {
        tsr::BilevelRef b = r.bilevel();
        tsr::Vec x(b.dim_x()), y(b.dim_y()), gy(b.dim_y()), fx(b.dim_x());
        b.initial_point(x, y);
        for (int64_t k = 0; !r.should_stop(); ++k) {
            b.lower(x, y, {}, nullptr, gy.data());
            y -= 0.1 * gy;
            b.project_y(y, y);
            const double f = b.upper(x, y, {}, fx.data(), nullptr);
            x -= 0.1 * fx;
            b.project_x(x, x);
            if (r.report(k, f)) break;
        }
    }
};

class CoordWalk {
public:
    static constexpr tsr::Info info{"test.coord_walk", "1.0.0", "cyclic coordinate descent"};
    static constexpr const char* needs[] = {TSR_COORDINATE_V1};
    void run(tsr::Run& r) {
        tsr::CoordinateRef c = r.coordinate();
        const tsr::Vec L = c.coordinate_lipschitz();
        tsr::Vec x = tsr::Vec::Zero(c.dim()), gb(1);
        for (int64_t k = 0; !r.should_stop(); ++k) {
            const int64_t j[1] = {k % c.dim()};
            c.block_gradient(x, j, gb);
            x[j[0]] -= gb[0] / L[j[0]];
            if (r.report(k, x.norm())) break;
        }
    }
};

// The plugin descriptor of the problems and algorithms above.
inline const tsr_plugin_desc* iface_plugin() {
    static const std::vector<const tsr_component_desc*> components = {
        tsr::detail::describe<Op>(), tsr::detail::describe<TargetLin>(), tsr::detail::describe<Bilev>(),
        tsr::detail::describe<CoordQuad<true>>(), tsr::detail::describe<CoordQuad<false>>(),
        tsr::detail::describe<OpWalk>(), tsr::detail::describe<TargetWalk>(), tsr::detail::describe<BilevelWalk>(),
        tsr::detail::describe<CoordWalk>()};
    static const tsr_plugin_desc desc = {sizeof(tsr_plugin_desc),
                                         TSR_ABI_MAJOR,
                                         TSR_ABI_MINOR,
                                         static_cast<uint32_t>(components.size()),
                                         "hosttest_iface",
                                         "0.0.1",
                                         "interface test problems",
                                         components.data()};
    return &desc;
}

}  // namespace hosttest
