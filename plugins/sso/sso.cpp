// sso.sso — Stochastic Surrogate Optimization (Lavington, Vaswani, Babanezhad, Schmidt & Le Roux,
// "Target-based Surrogates for Stochastic Optimization", ICML 2023, the SSO algorithm): per minibatch B,
// ONE expensive gradient g_t = ∇_z ℓ_B(z_t) at the targets z_t = f_B(θ_t), then `inner` Armijo
// gradient steps on the target-space surrogate
//
//   g_t^η(θ) = ℓ_B(z_t) + ⟨g_t, f_B(θ) − z_t⟩ + ‖f_B(θ) − z_t‖² / (2η)        (batch means; + (λ/2)‖θ‖²)
//
// using only the cheap targets / target_vjp calls of tsr.target.v1; the paper reads it as
// projected SGD in target space. Loop: sso_loop.hpp; surrogate and line search: surrogate.hpp.
//
// @inproceedings{lavington2023target, author = {Lavington, Jonathan Wilder and Vaswani, Sharan and
//   Babanezhad, Reza and Schmidt, Mark and Le Roux, Nicolas}, title = {Target-based Surrogates for
//   Stochastic Optimization}, booktitle = {Proceedings of the 40th International Conference on
//   Machine Learning}, series = {PMLR}, volume = {202}, pages = {18614--18651}, year = {2023}}
#include "sso_loop.hpp"

namespace sso {

class Sso {
public:
    static constexpr tsr::Info info{"sso.sso", "1.0.0",
                                    "stochastic surrogate optimization: one expensive target-space gradient per "
                                    "minibatch, then m Armijo steps on the target-based surrogate",
                                    "Lavington, Vaswani, Babanezhad, Schmidt & Le Roux, Target-based Surrogates "
                                    "for Stochastic Optimization, ICML 2023"};
    static constexpr const char* needs[] = {TSR_TARGET_V1};
    static constexpr const char* wants[] = {TSR_OBJECTIVE_V1};
    struct Params : SsoParams {
        int64_t batch = 100;
        static void schema(tsr::Schema<Params>& s) {
            SsoParams::add_to(s);
            s.integer("batch", &Params::batch, "minibatch size (capped at the number of terms n)", {.min = 1});
        }
    };

    explicit Sso(const Params& p) : p_(p) {}

    void run(tsr::Run& r) { run_sso(r, p_, Sampling{.batch = p_.batch, .reshuffle = true}); }

private:
    Params p_;
};

TSR_REGISTER(Sso);

}  // namespace sso
