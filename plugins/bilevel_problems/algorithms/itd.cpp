// bilevel.itd — iterative (unrolled) differentiation (ITD-BiO): per outer iteration, T projected
// gradient steps on y for g(x_k, ·) from the previous y_T (held constant, as in ITD-BiO), the
// exact gradient of x ↦ f(x, y_T(x)) by reverse mode through the T steps (hypergradient.hpp;
// one lower_hvp per step), and a projected step on x.
//
// @inproceedings{ji2021bilevel, author = {Ji, Kaiyi and Yang, Junjie and Liang, Yingbin},
//   title = {Bilevel Optimization: Convergence Analysis and Enhanced Design}, booktitle = {ICML},
//   year = {2021}}   (Algorithm 2, ITD-BiO)
// @inproceedings{franceschi2017forward, author = {Franceschi, Luca and Donini, Michele and
//   Frasconi, Paolo and Pontil, Massimiliano}, title = {Forward and Reverse Gradient-Based
//   Hyperparameter Optimization}, booktitle = {ICML}, year = {2017}}
#include "../hypergradient.hpp"
#include "hypergradient_descent.hpp"

namespace bilevel {

class Itd {
public:
    static constexpr tsr::Info info{"bilevel.itd", "1.0.0",
                                    "iterative differentiation (ITD-BiO): reverse mode through T inner gradient "
                                    "steps, projected hypergradient steps",
                                    "Ji, Yang & Liang, Bilevel optimization: convergence analysis and enhanced "
                                    "design, ICML 2021 (Alg. 2); Franceschi et al., ICML 2017"};
    static constexpr const char* needs[] = {TSR_BILEVEL_V1};
    struct Params : OuterParams {
        double beta = 0.1;
        int64_t inner_steps = 10;
        static void schema(tsr::Schema<Params>& s) {
            OuterParams::add_to(s);
            s.real("beta", &Params::beta, "inner step size on y for g(x, .)", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.integer("inner_steps", &Params::inner_steps, "T: unrolled inner gradient steps per outer iteration",
                      {.min = 1});
        }
    };

    explicit Itd(const Params& p) : p_(p) {}

    struct Step {
        const Params& p;
        ItdHypergradient itd;
        double step(const tsr::BilevelRef& b, const Vec& x, Vec& y, Vec& h) { return itd.compute(b, x, y, p.beta, h); }
    };

    void run(tsr::Run& r) {
        const tsr::BilevelRef b = r.bilevel();
        Step step{p_, ItdHypergradient(b.dim_x(), b.dim_y(), p_.inner_steps)};
        run_hypergradient_descent(r, p_, step);
    }

private:
    Params p_;
};

TSR_REGISTER(Itd);

}  // namespace bilevel
