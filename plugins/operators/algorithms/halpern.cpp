// op.halpern — Halpern iteration on the forward-backward map (deterministic, full F each step).
//
//   T(u) = J_{ηG}(u − ηF(u)),   u_{k+1} = λ_k u_0 + (1 − λ_k) T(u_k),   λ_k = 1/(k+2),
//
// for F (1/L)-cocoercive, I − ηF is nonexpansive for η ≤ 2/L; the default η = 2/L (step_scale = 2)
// is Diakonikolas' choice (COLT 2020: T = I − (2/L)F), giving ‖F(u_k)‖ ≤ L‖u_0 − u*‖/(k+1) when
// G = 0 (Lieder, Optim. Lett. 2021, for the tight constant). On a monotone but not cocoercive F (bilinear games) T need not be
// nonexpansive and the method need not converge: use op.eag there.
// Cost: n component evaluations (one tsr.operator.v1 value call) per iteration.
// Trace: the unit-step residual at u_k (operator_loop.hpp), every report_every iterations.
//
// @inproceedings{diakonikolas2020halpern, author = {Diakonikolas, Jelena}, title = {Halpern
//   iteration for near-optimal and parameter-free monotone inclusion and strong solutions to
//   variational inequalities}, booktitle = {COLT}, pages = {1428--1451}, year = {2020}}
// @article{halpern1967, author = {Halpern, Benjamin}, title = {Fixed points of nonexpanding maps},
//   journal = {Bull. AMS}, volume = {73}, number = {6}, pages = {957--961}, year = {1967}}
#include "operator_loop.hpp"

namespace operators {

class Halpern {
public:
    static constexpr tsr::Info info{"op.halpern", "1.0.0",
                                    "Halpern iteration u+ = u0/(k+2) + (1 - 1/(k+2)) J(u - eta F(u)), eta = 2/L",
                                    "Halpern, Bull. AMS 73(6), 1967; Diakonikolas, COLT 2020"};
    static constexpr const char* needs[] = {TSR_OPERATOR_V1};
    struct Params : OperatorRunParams {
        Params() { step_scale = 2.0; }
        static void schema(tsr::Schema<Params>& s) {
            OperatorRunParams::add_to(s, "eta = step_scale / L (2: the largest nonexpansive step for a 1/L-cocoercive F)");
        }
    };

    explicit Halpern(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        Vec v;
        deterministic_loop(r, p_, "op.halpern",
                           [&](const tsr::OperatorRef& op, int64_t k, double eta, const Vec& u0, Vec& u, const Vec& Fu) {
                               const double lambda = 1.0 / static_cast<double>(k + 2);
                               v = u - eta * Fu;
                               op.resolvent(v, eta, v);
                               u = lambda * u0 + (1.0 - lambda) * v;
                           });
    }

private:
    Params p_;
};

TSR_REGISTER(Halpern);

}  // namespace operators
