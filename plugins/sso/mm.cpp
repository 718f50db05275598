// sso.mm — full-batch majorization-minimization with the target-based surrogate (Lavington et
// al., ICML 2023, the full-batch setting): per outer step ONE expensive gradient g_t = ∇_z ℓ(z_t) on all n terms,
// then `inner` Armijo gradient steps on
//
//   g_t^η(θ) = ℓ(z_t) + ⟨g_t, f(θ) − z_t⟩ + ‖f(θ) − z_t‖² / (2η)        (means over the n terms; + (λ/2)‖θ‖²)
//
// which upper-bounds the loss for η <= 1/L (L: smoothness of ℓ in z), so every outer step
// decreases it (the paper proves convergence to a stationary point; section and theorem
// numbers not cited: the paper's text was not readable here, see README.md). The loop is sso.sso's
// with the full batch (sso_loop.hpp): one outer step per epoch.
//
// @inproceedings{lavington2023target, author = {Lavington, Jonathan Wilder and Vaswani, Sharan and
//   Babanezhad, Reza and Schmidt, Mark and Le Roux, Nicolas}, title = {Target-based Surrogates for
//   Stochastic Optimization}, booktitle = {Proceedings of the 40th International Conference on
//   Machine Learning}, series = {PMLR}, volume = {202}, pages = {18614--18651}, year = {2023}}
#include "sso_loop.hpp"

namespace sso {

class Mm {
public:
    static constexpr tsr::Info info{"sso.mm", "1.0.0",
                                    "full-batch majorization-minimization on the target-based surrogate (one "
                                    "expensive gradient per m inner Armijo steps)",
                                    "Lavington, Vaswani, Babanezhad, Schmidt & Le Roux, Target-based Surrogates "
                                    "for Stochastic Optimization, ICML 2023"};
    static constexpr const char* needs[] = {TSR_TARGET_V1};
    static constexpr const char* wants[] = {TSR_OBJECTIVE_V1};
    struct Params : SsoParams {
        static void schema(tsr::Schema<Params>& s) { SsoParams::add_to(s); }
    };

    explicit Mm(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        run_sso(r, p_, Sampling{.batch = std::numeric_limits<int64_t>::max(), .reshuffle = false});
    }

private:
    Params p_;
};

TSR_REGISTER(Mm);

}  // namespace sso
