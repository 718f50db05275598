// lbfgsb.hpp — a compact bound-constrained limited-memory quasi-Newton method, the inner solver
// of NOTEARS (which calls scipy's L-BFGS-B; Byrd, Lu, Nocedal & Zhu, SIAM J. Sci. Comput. 16(5),
// 1995). Not L-BFGS-B's generalized Cauchy point and subspace minimization: a projected L-BFGS
// in the two-metric form (Bertsekas 1982; Kim, Sra & Dhillon, "Tackling box-constrained
// optimization via a new projected quasi-Newton approach", SIAM J. Sci. Comput. 32(6), 2010):
//
//   A_k = {i : x_i at a bound and the gradient pushes outward} ∪ {fixed variables}
//   d_k = −M H_k M g_k           (M zeroes A_k; H_k the L-BFGS inverse Hessian, two-loop recursion)
//   x_{k+1} = P(x_k + t d_k),    t = 1 (the first iteration: 1/‖d‖), halved until the Armijo
//                                condition along the projection arc f(x⁺) <= f + c₁ gᵀ(x⁺ − x)
//   (s, y) kept when sᵀy > ε yᵀy
//
// Stopping as scipy's L-BFGS-B defaults: ‖P(x − g) − x‖∞ <= pgtol (1e-5), relative reduction
// (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) <= ftol (factr 1e7 × machine ε = 2.2e-9),
// maxiter = maxfun = 15000, memory m = 10, at most 20 line-search steps.
// All vectors are allocated once per solver; a solve does not allocate.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace causal {

struct LbfgsbOptions {
    int memory = 10;
    int max_iter = 15000;
    int max_fun = 15000;
    int max_ls = 20;
    double pgtol = 1e-5;
    double ftol = 1e7 * std::numeric_limits<double>::epsilon();
    double c1 = 1e-4;
};

struct LbfgsbResult {
    double f = 0;
    int iterations = 0;
    int evaluations = 0;
    bool converged = false;
};

class Lbfgsb {
public:
    using Vec = Eigen::VectorXd;

    Lbfgsb(int64_t n, LbfgsbOptions opt = {})
        : opt_(opt), g_(n), d_(n), xn_(n), gn_(n), q_(n), free_(n), alpha_(static_cast<size_t>(opt.memory)),
          rho_(static_cast<size_t>(opt.memory)) {
        for (int k = 0; k < opt.memory; ++k) {
            S_.emplace_back(n);
            Y_.emplace_back(n);
        }
    }

    // Minimizes fg (double fg(const Vec& x, Vec& g)) over lo <= x <= hi from x (projected first).
    // `stop()` is asked before every iteration; true ends the solve where it is (a host's budget).
    template <class FG, class Stop = bool (*)()>
    LbfgsbResult minimize(FG&& fg, Vec& x, const Vec& lo, const Vec& hi, Stop stop = [] { return false; }) {
        LbfgsbResult r;
        x = x.cwiseMax(lo).cwiseMin(hi);
        double f = fg(x, g_);
        r.evaluations = 1;
        stored_ = 0;
        head_ = 0;
        for (r.iterations = 0; r.iterations < opt_.max_iter && !stop(); ++r.iterations) {
            // Projected gradient, and the free variables.
            double pg = 0.0;
            for (int64_t i = 0; i < x.size(); ++i) {
                const double p = std::clamp(x[i] - g_[i], lo[i], hi[i]) - x[i];
                pg = std::max(pg, std::abs(p));
                const bool pinned = lo[i] == hi[i] || (x[i] <= lo[i] && g_[i] > 0) || (x[i] >= hi[i] && g_[i] < 0);
                free_[i] = pinned ? 0.0 : 1.0;
            }
            if (pg <= opt_.pgtol) {
                r.converged = true;
                break;
            }
            direction();
            double slope = g_.dot(d_);
            if (!(slope < 0)) {  // not a descent direction (rounding): steepest descent on the free set
                d_ = -free_.cwiseProduct(g_);
                slope = g_.dot(d_);
                stored_ = 0;
            }
            double t = r.iterations == 0 && stored_ == 0 ? std::min(1.0, 1.0 / d_.norm()) : 1.0;
            double fn = f;
            bool accepted = false;
            for (int ls = 0; ls < opt_.max_ls && r.evaluations < opt_.max_fun; ++ls, t *= 0.5) {
                xn_ = (x + t * d_).cwiseMax(lo).cwiseMin(hi);
                fn = fg(xn_, gn_);
                ++r.evaluations;
                if (fn <= f + opt_.c1 * g_.dot(xn_ - x)) {
                    accepted = true;
                    break;
                }
            }
            if (!accepted) break;  // no decrease along the arc: stationary to rounding
            // Curvature pair.
            Vec& s = S_[static_cast<size_t>(head_)];
            Vec& y = Y_[static_cast<size_t>(head_)];
            s = xn_ - x;
            y = gn_ - g_;
            const double sy = s.dot(y), yy = y.squaredNorm();
            if (sy > std::numeric_limits<double>::epsilon() * yy) {
                rho_[static_cast<size_t>(head_)] = 1.0 / sy;
                gamma_ = sy / yy;
                head_ = (head_ + 1) % opt_.memory;
                stored_ = std::min(stored_ + 1, opt_.memory);
            }
            x.swap(xn_);
            g_.swap(gn_);
            const double reduction = (f - fn) / std::max({std::abs(f), std::abs(fn), 1.0});
            f = fn;
            if (reduction <= opt_.ftol) {
                r.converged = true;
                ++r.iterations;
                break;
            }
            if (r.evaluations >= opt_.max_fun) break;
        }
        r.f = f;
        return r;
    }

private:
    // d = −M H M g by the two-loop recursion (Nocedal & Wright 2006, Alg. 7.4), H₀ = γ I.
    void direction() {
        q_ = free_.cwiseProduct(g_);
        for (int k = 0; k < stored_; ++k) {
            const int i = (head_ - 1 - k + opt_.memory) % opt_.memory;
            alpha_[static_cast<size_t>(i)] = rho_[static_cast<size_t>(i)] * S_[static_cast<size_t>(i)].dot(q_);
            q_ -= alpha_[static_cast<size_t>(i)] * Y_[static_cast<size_t>(i)];
        }
        if (stored_ > 0) q_ *= gamma_;
        for (int k = stored_ - 1; k >= 0; --k) {
            const int i = (head_ - 1 - k + opt_.memory) % opt_.memory;
            const double beta = rho_[static_cast<size_t>(i)] * Y_[static_cast<size_t>(i)].dot(q_);
            q_ += (alpha_[static_cast<size_t>(i)] - beta) * S_[static_cast<size_t>(i)];
        }
        d_ = -free_.cwiseProduct(q_);
    }

    LbfgsbOptions opt_;
    Vec g_, d_, xn_, gn_, q_, free_;
    std::vector<Vec> S_, Y_;
    std::vector<double> alpha_, rho_;
    double gamma_ = 1.0;
    int stored_ = 0, head_ = 0;
};

}  // namespace causal
