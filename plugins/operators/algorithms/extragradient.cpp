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
        const tsr::OperatorRef op = r.monotone_operator();
        const double eta = p_.step_scale / known_constant(op.properties().lipschitz, "L", "op.eg");
        Vec u = op.initial_point(), Fu(op.dim()), ubar(op.dim()), Fbar(op.dim());
        ResidualTrace trace(r, op, p_.tol);
        int64_t k = 0;
        keep_solution(r, u, [&] {
            for (;; ++k) {
                op.value(u, Fu);
                const bool last = k >= p_.max_iter;
                if ((k % p_.report_every == 0 || last) && trace.report(k, u, Fu)) break;
                if (last) break;
                ubar = u - eta * Fu;
                op.resolvent(ubar, eta, ubar);
                op.value(ubar, Fbar);
                u -= eta * Fbar;
                op.resolvent(u, eta, u);
            }
        });
        put_outcome(r, k, trace);
    }

private:
    Params p_;
};

TSR_REGISTER(Extragradient);

}  // namespace operators
