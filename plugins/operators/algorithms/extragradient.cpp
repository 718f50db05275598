// op.eg — the extragradient method (Korpelevich 1976), projected form:
//
//   ū_k = J_{ηG}(u_k − ηF(u_k)),   u_{k+1} = J_{ηG}(u_k − ηF(ū_k)),
//
// for F monotone and L-Lipschitz with η < 1/L (default step_scale 0.9: η = 0.9/L). Last-iterate
// residual O(1/√k) (Gorbunov, Loizou & Gidel, AISTATS 2022) — slower than anchored methods in the
// worst case, linear when F is strongly monotone.
// Cost: 2n component evaluations (two value calls) per iteration.
// Trace: the unit-step residual at u_k, from F(u_k) (operator_loop.hpp).
//
// @article{korpelevich1976, author = {Korpelevich, G. M.}, title = {The extragradient method for
//   finding saddle points and other problems}, journal = {Matecon}, volume = {12}, pages =
//   {747--756}, year = {1976}}
#include "operator_loop.hpp"

namespace operators {

class Extragradient {
public:
    static constexpr tsr::Info info{"op.eg", "1.0.0", "extragradient method with projections (resolvents), eta = 0.9/L",
                                    "Korpelevich, Matecon 12, 1976"};
    static constexpr const char* needs[] = {TSR_OPERATOR_V1};
    struct Params : OperatorRunParams {
        Params() { step_scale = 0.9; }
        static void schema(tsr::Schema<Params>& s) {
            OperatorRunParams::add_to(s, "eta = step_scale / L (theory: step_scale < 1)");
        }
    };

    explicit Extragradient(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        Vec ubar, Fbar;
        deterministic_loop(r, p_, "op.eg",
                           [&](const tsr::OperatorRef& op, int64_t, double eta, const Vec&, Vec& u, const Vec& Fu) {
                               ubar = u - eta * Fu;
                               op.resolvent(ubar, eta, ubar);
                               Fbar.resize(u.size());
                               op.value(ubar, Fbar);
                               u -= eta * Fbar;
                               op.resolvent(u, eta, u);
                           });
    }

private:
    Params p_;
};

TSR_REGISTER(Extragradient);

}  // namespace operators
