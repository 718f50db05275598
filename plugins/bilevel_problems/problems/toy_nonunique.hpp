// bilevel.toy_nonunique — a bilevel problem whose lower level has a continuum of solutions, the
// classic counter-example for implicit (AID) and unrolled (ITD) hypergradients (the toy of Liu,
// Mu, Yuan, Zeng & Zhang, ICML 2020 "BDA", §5, in the form we recall; the BOME and V-PBGD papers
// use the same construction). With e = (1, …, 1) ∈ R^n, x ∈ R^n and y = (y1, y2) ∈ R^n × R^n:
//
//   f(x, y) = ½‖x − y2‖² + ½‖y1 − e‖²          g(x, y) = ½‖y1‖² − ⟨x, y1⟩
//
//   S(x) = argmin_y g(x, y) = {(x, t) : t ∈ R^n}        (g does not see y2: ∇²_yy g = diag(I, 0))
//   φ(x) = min_{y ∈ S(x)} f(x, y) = ½‖x − e‖²             (optimistic: y2 = x)
//   x* = e,  φ* = 0,  y* = (e, e).
//
// The lower-level gradient never moves y2, so a method that differentiates through the lower
// solver (ITD) or through the lower optimality condition (AID: ∇²_yy g is singular) keeps y2 at
// its start y2⁰ and minimizes ½‖x − y2⁰‖² + ½‖x − e‖² instead: it stops at x = (e + y2⁰)/2, with
// φ = ‖e − y2⁰‖²/8 > 0. The penalty reformulation σf + g − min_z g moves y2 with σ∇_{y2} f.
//
// Constraints: X = [−box, box]^n, Y = [−box, box]^{2n} (box = 10: inactive near the solution;
// served so that the projections are exercised). Initial point from the seed (tsr::kit::Rng
// stream mix_seed(seed, 1)): x⁰ = 0, y1⁰ = 0, y2⁰ ~ init_scale · N(0, I) − e·offset with offset = 1
// (so y2⁰ is away from e: AID/ITD's limit is far from x*). Deterministic: n_upper = n_lower = 1.
// Ground truth (tsr.ground_truth.v1): phi_star = 0, x_star = e, y_star = (e, e), lower_unique = 0.
#pragma once

#include "../common.hpp"

namespace bilevel {

class ToyNonunique {
public:
    static constexpr tsr::Info info{"bilevel.toy_nonunique", "1.0.0",
                                    "bilevel toy with a continuum of lower-level solutions (y2 free): AID/ITD "
                                    "stall at x = (e + y2_0)/2, the optimum is x = e",
                                    "Liu, Mu, Yuan, Zeng & Zhang, A generic first-order algorithmic framework "
                                    "for bi-level programming beyond lower-level singleton, ICML 2020"};
    using provides = tsr::Provides<tsr::Bilevel, tsr::GroundTruth>;
    struct Params {
        int64_t n = 10;
        double init_scale = 0.5;
        double box = 10.0;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n", &Params::n, "dimension of x, y1 and y2", {.min = 1});
            s.real("init_scale", &Params::init_scale, "y2_0 = init_scale * N(0, I) - e", {.min = 0.0});
            s.real("box", &Params::box, "X and Y are the boxes [-box, box]", {.min = 1.5});
        }
    };

    ToyNonunique(const Params& p, uint64_t seed)
        : n_(p.n), box_{-p.box, p.box}, y2_0_(p.n), e_(Vec::Ones(p.n)), y_star_(Vec::Ones(2 * p.n)) {
        tsr::kit::Rng rng(tsr::kit::mix_seed(seed, 1));
        for (double& v : y2_0_) v = p.init_scale * rng.normal() - 1.0;
    }

    int64_t dim_x() const { return n_; }
    int64_t dim_y() const { return 2 * n_; }
    int64_t n_upper() const { return 1; }
    int64_t n_lower() const { return 1; }
    void initial_point(tsr::VecMap x0, tsr::VecMap y0) const {
        x0.setZero();
        y0.head(n_).setZero();
        y0.tail(n_) = y2_0_;
    }

    double upper(tsr::CVecMap x, tsr::CVecMap y, std::span<const int64_t>, tsr::VecMap fx, tsr::VecMap fy) {
        const auto y1 = y.head(n_), y2 = y.tail(n_);
        if (fx.data()) fx = x - y2;
        if (fy.data()) {
            fy.head(n_) = y1 - e_;
            fy.tail(n_) = y2 - x;
        }
        return 0.5 * (x - y2).squaredNorm() + 0.5 * (y1 - e_).squaredNorm();
    }
    double lower(tsr::CVecMap x, tsr::CVecMap y, std::span<const int64_t>, tsr::VecMap gx, tsr::VecMap gy) {
        const auto y1 = y.head(n_);
        if (gx.data()) gx = -y1;
        if (gy.data()) {
            gy.head(n_) = y1 - x;
            gy.tail(n_).setZero();
        }
        return 0.5 * y1.squaredNorm() - x.dot(y1);
    }
    // ∇²_yy g v = (v1, 0);  ∇²_xy g v = ∂_x ⟨(y1 − x, 0), v⟩ = −v1.
    void lower_hvp(tsr::CVecMap, tsr::CVecMap, tsr::CVecMap v, tsr::VecMap hyy, tsr::VecMap hxy) {
        if (hyy.data()) {
            hyy.head(n_) = v.head(n_);
            hyy.tail(n_).setZero();
        }
        if (hxy.data()) hxy = -v.head(n_);
    }
    void project_x(tsr::CVecMap x, tsr::VecMap out) { box_.project(x, out); }
    void project_y(tsr::CVecMap y, tsr::VecMap out) { box_.project(y, out); }

    std::optional<double> truth_scalar(std::string_view name) const {
        if (name == "phi_star") return 0.0;
        if (name == "lower_unique") return 0.0;
        return std::nullopt;
    }
    std::optional<tsr_array> truth_array(std::string_view name) const {
        if (name == "x_star") return tsr::array_view(e_);
        if (name == "y_star") return tsr::array_view(y_star_);
        return std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const names[] = {"phi_star", "lower_unique", "x_star", "y_star", nullptr};
        return names;
    }

private:
    int64_t n_;
    Box box_;
    Vec y2_0_, e_, y_star_;  // borrowed by truth_array: never resized after creation
};


}  // namespace bilevel
