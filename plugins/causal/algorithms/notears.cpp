// dag.notears — linear NOTEARS (Zheng, Aragam, Ravikumar & Xing, "DAGs with NO TEARS: continuous
// optimization for structure learning", NeurIPS 2018), least-squares score.
//
//   min_W  Q(W) + λ₁‖W‖₁   s.t.  h(W) = tr(e^{W∘W}) − d = 0          (eq. 8, Thm. 1)
//
// by the augmented Lagrangian of Algorithm 1 / eq. (11), as the reference code notears/linear.py
// (github.com/xunzheng/notears) does it:
//   W = W⁺ − W⁻ with W⁺, W⁻ >= 0 (the ℓ₁ term becomes linear; diagonals fixed at 0), start 0,
//   ρ = 1, α = 0, h = ∞; for each dual step (at most max_iter):
//       repeat: w_new = argmin L_ρ(·, α) over the box from w (inner solver, warm start)
//               if h(w_new) > ¼ h: ρ ← 10ρ   else stop repeating     (while ρ < ρ_max)
//       w ← w_new, h ← h(w_new), α ← α + ρh
//       stop when h <= h_tol or ρ >= ρ_max
//   output W = W⁺ − W⁻ with |W[i,j]| < w_threshold set to 0.
// The inner solver is a projected L-BFGS (math/lbfgsb.hpp) standing in for scipy's L-BFGS-B with
// its default tolerances. Every evaluation works on Σ̂ (math/ls_score.hpp) and one d × d matrix
// exponential (math/expm.hpp), O(d³), without allocation.
// Trace, one point per dual step: objective Q(W) (unthresholded), h, ρ, α, inner iterations.
// Outputs: "W" (d × d, row-major, W[i,j]: i → j); scalars h_final, score_final, dual_steps.
#include "data.hpp"
#include "math/graph.hpp"
#include "math/lbfgsb.hpp"
#include "math/notears.hpp"

namespace causal {

class Notears {
public:
    static constexpr tsr::Info info{"dag.notears", "1.0.0",
                                    "linear NOTEARS: least squares + l1 under tr(exp(W*W)) = d, augmented Lagrangian",
                                    "Zheng, Aragam, Ravikumar & Xing, DAGs with NO TEARS: continuous optimization for "
                                    "structure learning, NeurIPS 2018"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params {
        double lambda1 = 0.1;
        int64_t max_iter = 100;
        double h_tol = 1e-8;
        double rho_max = 1e16;
        double w_threshold = 0.3;
        int64_t memory = 10;
        static void schema(tsr::Schema<Params>& s) {
            s.real("lambda1", &Params::lambda1, "l1 weight (NOTEARS linear.py example: 0.1)", {.min = 0.0});
            s.integer("max_iter", &Params::max_iter, "maximum number of dual ascent steps", {.min = 1});
            s.real("h_tol", &Params::h_tol, "stop when h(W) <= h_tol", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("rho_max", &Params::rho_max, "stop when the penalty rho reaches rho_max", {.min = 1.0},
                   TSR_PARAM_FLAG_LOG_SCALE);
            s.real("w_threshold", &Params::w_threshold, "output entries |w| < w_threshold are set to 0", {.min = 0.0});
            s.integer("memory", &Params::memory, "L-BFGS memory of the inner solver (scipy's maxcor: 10)", {.min = 1});
        }
    };

    explicit Notears(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        NotearsLagrangian L(data_covariance(r), p_.lambda1);
        const int64_t d = L.d(), nv = L.n_vars();
        Lbfgsb solver(nv, {.memory = static_cast<int>(p_.memory)});
        Eigen::VectorXd w = Eigen::VectorXd::Zero(nv), w_new(nv), lo = Eigen::VectorXd::Zero(nv),
                        hi = Eigen::VectorXd::Constant(nv, std::numeric_limits<double>::infinity());
        for (int64_t half = 0; half < 2; ++half)
            for (int64_t i = 0; i < d; ++i) hi[half * d * d + i * d + i] = 0.0;  // no self-loops
        Mat W(d, d);
        double rho = 1.0, alpha = 0.0, h = std::numeric_limits<double>::infinity();
        int64_t step = 0, steps = 0;
        auto fg = [&](const Eigen::VectorXd& x, Eigen::VectorXd& g) { return L.value_gradient(x, g); };
        for (; step < p_.max_iter; ++step) {
            double h_new = h;
            int64_t inner = 0;
            bool solved = false;
            while (rho < p_.rho_max) {
                L.rho = rho;
                L.alpha = alpha;
                w_new = w;
                inner += solver.minimize(fg, w_new, lo, hi, [&] { return r.should_stop(); }).iterations;
                solved = true;
                L.adjacency(w_new, W);
                h_new = L.h(W);
                if (h_new > 0.25 * h) rho *= 10.0;
                else break;
                if (r.should_stop()) break;
            }
            if (!solved) break;
            w = w_new;
            h = h_new;
            alpha += rho * h;
            ++steps;
            L.adjacency(w, W);
            const bool last = h <= p_.h_tol || rho >= p_.rho_max;
            if (r.report(step, L.score(W), {{"h", h}, {"rho", rho}, {"alpha", alpha}, {"inner_iter", double(inner)}}) ||
                last)
                break;
        }
        L.adjacency(w, W);
        r.put_scalar("h_final", L.h(W));
        r.put_scalar("score_final", L.score(W));
        r.put_scalar("dual_steps", static_cast<double>(steps));
        W = (W.array().abs() < p_.w_threshold).select(0.0, W);
        r.put_matrix("W", W);
    }

private:
    Params p_;
};

TSR_REGISTER(Notears);

}  // namespace causal
