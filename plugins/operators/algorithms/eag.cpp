// op.eag — extra-anchored gradient (Yoon & Ryu, ICML 2021, EAG-C), with resolvents for a
// constraint set as in Cai & Zheng (ICML 2024) and the code of Cai, Alacaoglu & Diakonikolas:
//
//   a_k   = λ_k u_0 + (1 − λ_k) u_k,                      λ_k = 1/(k+2),
//   ū_k   = J_{ηG}(a_k − ηF(u_k)),
//   u_{k+1} = J_{ηG}(a_k − ηF(ū_k)).
//
// Yoon & Ryu prove ‖F(u_k)‖ ≤ O(L‖u_0 − u*‖/k) (the optimal rate for monotone Lipschitz F) with
// the constant step η = 1/(8L) (EAG-C, Thm 1); default step_scale = 0.125.
// Cost: 2n component evaluations per iteration. Trace: the unit-step residual at u_k.
//
// @inproceedings{yoon2021eag, author = {Yoon, TaeHo and Ryu, Ernest K.}, title = {Accelerated
//   algorithms for smooth convex-concave minimax problems with {O}(1/k^2) rate on squared gradient
//   norm}, booktitle = {ICML}, pages = {12098--12109}, year = {2021}}
#include "operator_loop.hpp"

namespace operators {

class ExtraAnchoredGradient {
public:
    static constexpr tsr::Info info{"op.eag", "1.0.0",
                                    "extra-anchored gradient (EAG-C) with resolvents, lambda_k = 1/(k+2), eta = 1/(8L)",
                                    "Yoon & Ryu, ICML 2021"};
    static constexpr const char* needs[] = {TSR_OPERATOR_V1};
    struct Params : OperatorRunParams {
        Params() { step_scale = 0.125; }
        static void schema(tsr::Schema<Params>& s) {
            OperatorRunParams::add_to(s, "eta = step_scale / L (EAG-C theory: step_scale = 1/8)");
        }
    };

    explicit ExtraAnchoredGradient(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        Vec anchor, ubar, Fbar;
        deterministic_loop(r, p_, "op.eag",
                           [&](const tsr::OperatorRef& op, int64_t k, double eta, const Vec& u0, Vec& u, const Vec& Fu) {
                               const double lambda = 1.0 / static_cast<double>(k + 2);
                               anchor = lambda * u0 + (1.0 - lambda) * u;
                               ubar = anchor - eta * Fu;
                               op.resolvent(ubar, eta, ubar);
                               Fbar.resize(u.size());
                               op.value(ubar, Fbar);
                               u = anchor - eta * Fbar;
                               op.resolvent(u, eta, u);
                           });
    }

private:
    Params p_;
};

TSR_REGISTER(ExtraAnchoredGradient);

}  // namespace operators
