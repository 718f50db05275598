// lower_solver.hpp — min_{y ∈ Y} h(y) = a·f(x, y) + c·g(x, y) at a fixed x, to high accuracy, for
// the metrics (not counted: they call the problem itself) and the tests. Spectral projected
// gradient (Birgin, Martínez & Raydan, SIAM J. Optim. 10(4), 2000, Alg. 2.1 "SPG2"):
//     d = Π_Y(y − λ ∇h(y)) − y,  λ = Barzilai–Borwein step sᵀs / sᵀu clamped to [1e-10, 1e10],
//     nonmonotone Armijo backtracking against the max of the last 10 values (Grippo–Lampariello–
//     Lucidi), stop when ‖Π_Y(y − ∇h) − y‖_∞ <= tol or after max_iter iterations.
// With (a, c) = (0, 1): the lower-level solution; (σ, 1): the penalized lower problem of ψ_σ.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>

#include "common.hpp"

namespace bilevel {

struct LowerSolve {
    double value = 0.0;
    double residual = 0.0;  // ‖Π_Y(y − ∇h) − y‖_∞ at the end
    int64_t iterations = 0;
};

class LowerSolver {
public:
    LowerSolver(int64_t dx, int64_t dy) : gx_(dx), gh_(dy), t_(dy), d_(dy), yt_(dy), gt_(dy) {}

    // Minimizes a f(x, ·) + c g(x, ·) over Y from y (updated in place).
    template <class B>
    LowerSolve solve(const B& b, const Vec& x, Vec& y, double a, double c, double tol, int64_t max_iter) {
        constexpr int kMemory = 10;
        constexpr double kGamma = 1e-4;
        std::array<double, kMemory> last{};
        LowerSolve out;
        b.project_y(y, y);
        double h = value_grad(b, x, y, a, c, gh_);
        last.fill(h);
        double lambda = 1.0;
        for (out.iterations = 0;; ++out.iterations) {
            t_ = y - gh_;
            b.project_y(t_, t_);
            out.residual = (t_ - y).cwiseAbs().maxCoeff();
            if (out.residual <= tol || out.iterations >= max_iter) break;
            d_ = y - lambda * gh_;
            b.project_y(d_, d_);
            d_ -= y;
            const double slope = gh_.dot(d_);
            const double ref = *std::max_element(last.begin(), last.end());
            double step = 1.0, ht = 0.0;
            for (int i = 0; i < 60; ++i, step *= 0.5) {
                yt_ = y + step * d_;
                ht = value_grad(b, x, yt_, a, c, gt_);
                if (ht <= ref + kGamma * step * slope) break;
            }
            // BB step from s = yt − y, u = ∇h(yt) − ∇h(y)
            const double ss = step * step * d_.squaredNorm();
            const double su = step * d_.dot(gt_ - gh_);
            lambda = su > 0.0 ? std::clamp(ss / su, 1e-10, 1e10) : 1e10;
            y.swap(yt_);
            gh_.swap(gt_);
            h = ht;
            last[static_cast<size_t>(out.iterations % kMemory)] = h;
        }
        out.value = h;
        return out;
    }

private:
    template <class B>
    double value_grad(const B& b, const Vec& x, const Vec& y, double a, double c, Vec& g) {
        double h = 0.0;
        g.setZero();
        if (a != 0.0) {
            h += a * b.upper(x, y, {}, nullptr, t2(g.size()).data());
            g += a * t2_;
        }
        if (c != 0.0) {
            h += c * b.lower(x, y, {}, nullptr, t2(g.size()).data());
            g += c * t2_;
        }
        return h;
    }
    Vec& t2(int64_t n) {
        if (t2_.size() != n) t2_.resize(n);
        return t2_;
    }

    Vec gx_, gh_, t_, d_, yt_, gt_, t2_;
};

}  // namespace bilevel
