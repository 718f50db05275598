// vrh.halpern_vr — Halpern iteration with variance reduction for a finite sum of (on average)
// cocoercive operators: Algorithm 1 of
//
// @inproceedings{cai2024vrhalpern, author = {Cai, Xufeng and Alacaoglu, Ahmet and Diakonikolas,
//   Jelena}, title = {Variance Reduced {H}alpern Iteration for Finite-Sum Monotone Inclusions},
//   booktitle = {ICLR}, year = {2024}, note = {arXiv:2310.02987}}
//
// A constrained one-step Halpern iteration driven by the PAGE-type estimator F̃ (page_estimator.hpp):
//
//   u_{k+1} = J_{ηG}( λ_k u_0 + (1 − λ_k) u_k − η F̃_k ),    λ_k = 2/(k+4),
//   p_k = 1 (k ≤ 1),  4/(k+4) (2 ≤ k ≤ √n + 1),  4/(√n + 5) afterwards;   b = ⌊√n⌋,
//
// the schedule of λ_k, p_k and b as in the authors' code (github.com/zephyr-cai/
// Finite-Sum-Halpern-Iteration, matrix_game.py): p_k ≈ 4/√n and b ≈ √n give O(√n) expected
// component calls per iteration, hence Õ(n + √n L/ε) in total. η = step_scale / L̂ with L̂ the
// mean-square Lipschitz constant the problem states, default step_scale = 2 as op.halpern's 2/L
// (see README: the paper's constant is the average-cocoercivity parameter, which tsr.operator.v1
// does not carry, and its exact step factor could not be checked at the source).
// Trace: the unit-step residual at u_k at every iteration where the estimator was reset (F̃_k =
// F(u_k) exactly: monitoring costs no extra oracle calls); "full" = number of resets so far.
#include "../operators/algorithms/operator_loop.hpp"
#include "page_estimator.hpp"

namespace vr_halpern {

using operators::OperatorRunParams;
using tsr::Vec;

class HalpernVr {
public:
    static constexpr tsr::Info info{
        "vrh.halpern_vr", "1.0.0",
        "variance-reduced Halpern iteration (PAGE-type estimator, p ~ 4/sqrt(n), b ~ sqrt(n)) for cocoercive "
        "finite sums",
        "Cai, Alacaoglu & Diakonikolas, Variance reduced Halpern iteration for finite-sum monotone inclusions, "
        "ICLR 2024, Algorithm 1"};
    static constexpr const char* needs[] = {TSR_OPERATOR_V1};
    struct Params : OperatorRunParams {
        int64_t batch = 0;
        Params() { step_scale = 2.0; }
        static void schema(tsr::Schema<Params>& s) {
            OperatorRunParams::add_to(s, "eta = step_scale / Lhat (Lhat: mean-square Lipschitz constant of the F_i)");
            s.integer("batch", &Params::batch, "minibatch size b of the estimator's differences (0: floor(sqrt(n)))",
                      {.min = 0});
        }
    };

    explicit HalpernVr(const Params& p) : p_(p) {}

    // The authors' reset probability p_k (code: matrix_game.py).
    static double reset_probability(int64_t k, double sqrt_n) {
        if (k <= 1) return 1.0;
        if (static_cast<double>(k - 1) <= sqrt_n) return 4.0 / static_cast<double>(k + 4);
        return 4.0 / (sqrt_n + 5.0);
    }

    void run(tsr::Run& r) {
        const tsr::OperatorRef op = r.monotone_operator();
        const int64_t n = op.n_components(), d = op.dim();
        const double sqrt_n = std::sqrt(static_cast<double>(n));
        const double eta =
            p_.step_scale / operators::known_constant(op.properties().mean_square_lipschitz, "Lhat", "vrh.halpern_vr");
        const int64_t b = p_.batch > 0 ? p_.batch : std::max<int64_t>(1, static_cast<int64_t>(sqrt_n));
        PageEstimator est(n, d, b);
        tsr::kit::Rng rng(r.seed());
        const Vec u0 = op.initial_point();
        Vec u = u0, u_prev = u0, v(d);
        operators::ResidualTrace trace(r, op, p_.tol);
        int64_t k = 0, resets = 0;
        operators::keep_solution(r, u, [&] {
            for (;; ++k) {
                const bool full = est.update(op, u, u_prev, reset_probability(k, sqrt_n), rng);
                const bool last = k >= p_.max_iter;
                if (full) {
                    ++resets;
                    if ((resets - 1) % p_.report_every == 0 || last)
                        if (trace.report(k, u, est.estimate(), {{"full", static_cast<double>(resets)}})) break;
                }
                if (last || r.should_stop()) break;
                const double lambda = 2.0 / static_cast<double>(k + 4);
                v = lambda * u0 + (1.0 - lambda) * u - eta * est.estimate();
                u_prev = u;
                op.resolvent(v, eta, u);
            }
        });
        operators::put_outcome(r, k, trace);
        r.put_scalar("resets", static_cast<double>(resets));
        r.put_scalar("batch", static_cast<double>(b));
    }

private:
    Params p_;
};

TSR_REGISTER(HalpernVr);

}  // namespace vr_halpern
