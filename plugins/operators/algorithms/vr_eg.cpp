// op.vr_eg — variance-reduced extragradient with a loopless snapshot (Alacaoglu & Malitsky,
// COLT 2022, Algorithm 1), for F = (1/n) Σ F_i monotone with mean-square Lipschitz constant L̂:
//
//   ū_k     = α u_k + (1 − α) w_k,                                  α = 1 − p
//   u_{k+½} = J_{γG}( ū_k − γ F(w_k) )
//   u_{k+1} = J_{γG}( ū_k − γ [F(w_k) + F_i(u_{k+½}) − F_i(w_k)] ),  i uniform in [n]
//   w_{k+1} = u_{k+1} with probability p (then F(w_{k+1}) in full), else w_k,
//
// p = 1/n and γ = step_scale · √p / L̂ (the theorem asks γ = √(1−α)·c/L̂ with c < 1; default
// step_scale = 0.99; the code of Cai, Alacaoglu & Diakonikolas uses 3·√p/‖A‖_F).
// Cost: 2 units per iteration + n per snapshot (expected 3 per iteration).
// Trace: the unit-step residual at each new snapshot w (F(w) known exactly: no extra units).
//
// @inproceedings{alacaoglu2022vr, author = {Alacaoglu, Ahmet and Malitsky, Yura}, title =
//   {Stochastic Variance Reduction for Variational Inequality Methods}, booktitle = {COLT},
//   pages = {778--816}, year = {2022}}
#include <tessera/kit/rng.hpp>

#include "operator_loop.hpp"

namespace operators {

class VrExtragradient {
public:
    static constexpr tsr::Info info{"op.vr_eg", "1.0.0",
                                    "variance-reduced extragradient with loopless snapshots (p = 1/n, single samples)",
                                    "Alacaoglu & Malitsky, Stochastic variance reduction for variational inequality "
                                    "methods, COLT 2022, Algorithm 1"};
    static constexpr const char* needs[] = {TSR_OPERATOR_V1};
    struct Params : OperatorRunParams {
        Params() { step_scale = 0.99; }
        static void schema(tsr::Schema<Params>& s) {
            OperatorRunParams::add_to(s, "gamma = step_scale * sqrt(p) / Lhat, p = 1/n (theory: step_scale < 1)");
        }
    };

    explicit VrExtragradient(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const tsr::OperatorRef op = r.monotone_operator();
        const int64_t n = op.n_components(), d = op.dim();
        const double Lhat = known_constant(op.properties().mean_square_lipschitz, "Lhat", "op.vr_eg");
        const double p = n > 1 ? 1.0 / static_cast<double>(n) : 0.5, alpha = 1.0 - p;
        const double gamma = p_.step_scale * std::sqrt(p) / Lhat;
        tsr::kit::Rng rng(r.seed());
        Vec u = op.initial_point(), w = u, Fw(d), ubar(d), half(d), Fi(d), g(d);
        ResidualTrace trace(r, op, p_.tol);
        int64_t k = 0, snapshots = 0;
        int64_t i = 0;
        const std::span<const int64_t> one(&i, 1);
        op.value(w, Fw);
        keep_solution(r, u, [&] {
            if (trace.report(0, w, Fw)) return;
            for (k = 1;; ++k) {
                if (k > p_.max_iter || r.should_stop()) return;
                ubar = alpha * u + (1.0 - alpha) * w;
                half = ubar - gamma * Fw;
                op.resolvent(half, gamma, half);
                i = static_cast<int64_t>(rng.below(static_cast<uint64_t>(n)));
                op.batch(half, one, g);
                op.batch(w, one, Fi);
                g += Fw - Fi;
                u = ubar - gamma * g;
                op.resolvent(u, gamma, u);
                if (rng.uniform() < p) {
                    w = u;
                    op.value(w, Fw);
                    if (++snapshots % p_.report_every == 0 && trace.report(k, w, Fw)) return;
                }
            }
        });
        put_outcome(r, k, trace);
        r.put_scalar("snapshots", static_cast<double>(snapshots));
    }

private:
    Params p_;
};

TSR_REGISTER(VrExtragradient);

}  // namespace operators
