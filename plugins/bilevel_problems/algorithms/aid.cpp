// bilevel.aid — approximate implicit differentiation (AID-BiO): per outer iteration, T projected
// gradient steps on y for g(x_k, ·) (warm-started), N conjugate-gradient steps on
// ∇²_yy g v = ∇_y f (warm-started), then a projected step on x along ∇_x f − ∇²_xy g v
// (hypergradient.hpp, eq. (IFT)). Second-order information only through Hessian-vector products.
//
// @inproceedings{ji2021bilevel, author = {Ji, Kaiyi and Yang, Junjie and Liang, Yingbin},
//   title = {Bilevel Optimization: Convergence Analysis and Enhanced Design}, booktitle = {ICML},
//   year = {2021}}   (Algorithm 1, AID-BiO, with CG as the linear-system solver)
// @inproceedings{pedregosa2016hyperparameter, author = {Pedregosa, Fabian}, title = {Hyperparameter
//   optimization with approximate gradient}, booktitle = {ICML}, year = {2016}}
//
// The implicit formula assumes a unique lower-level solution with an invertible ∇²_yy g; where
// the lower level has a continuum of solutions (bilevel.toy_nonunique) the Hessian is singular and
// AID follows whichever lower solution its inner loop reached — the failure mode the penalty
// method of plugins/bilevel_penalty is compared against.
#include "../hypergradient.hpp"
#include "hypergradient_descent.hpp"

namespace bilevel {

class Aid {
public:
    static constexpr tsr::Info info{"bilevel.aid", "1.0.0",
                                    "approximate implicit differentiation (AID-BiO): inner GD, CG on the lower "
                                    "Hessian, projected hypergradient steps",
                                    "Ji, Yang & Liang, Bilevel optimization: convergence analysis and enhanced "
                                    "design, ICML 2021 (Alg. 1)"};
    static constexpr const char* needs[] = {TSR_BILEVEL_V1};
    struct Params : OuterParams {
        double beta = 0.1;
        int64_t inner_steps = 10;
        int64_t cg_steps = 10;
        double cg_tol = 1e-10;
        static void schema(tsr::Schema<Params>& s) {
            OuterParams::add_to(s);
            s.real("beta", &Params::beta, "inner step size on y for g(x, .)", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.integer("inner_steps", &Params::inner_steps, "T: inner gradient steps per outer iteration (warm start)",
                      {.min = 0});
            s.integer("cg_steps", &Params::cg_steps, "N: conjugate-gradient steps per outer iteration (warm start)",
                      {.min = 0});
            s.real("cg_tol", &Params::cg_tol, "stop CG early when ||residual|| <= cg_tol ||grad_y f||", {.min = 0.0});
        }
    };

    explicit Aid(const Params& p) : p_(p) {}

    struct Step {
        const Params& p;
        AidHypergradient aid;
        Vec gy;
        double step(const tsr::BilevelRef& b, const Vec& x, Vec& y, Vec& h) {
            for (int64_t t = 0; t < p.inner_steps; ++t) {
                b.lower(x, y, {}, nullptr, gy.data());
                y -= p.beta * gy;
                b.project_y(y, y);
            }
            return aid.compute(b, x, y, p.cg_steps, p.cg_tol, h);
        }
    };

    void run(tsr::Run& r) {
        const tsr::BilevelRef b = r.bilevel();
        Step step{p_, AidHypergradient(b.dim_x(), b.dim_y()), Vec(b.dim_y())};
        run_hypergradient_descent(r, p_, step);
    }

private:
    Params p_;
};

TSR_REGISTER(Aid);

}  // namespace bilevel
