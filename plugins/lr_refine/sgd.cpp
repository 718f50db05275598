// lr_refine.sgd — minibatch SGD (heavy-ball momentum optional) whose learning-rate schedule is
// refined from its own linear-decay pilot run (refine_run.hpp):
//
//   pass 1: x_{t+1} = x_t − lr₁ (1 − t/T) g_t, recording G_t = ‖g_t‖₂
//   η_t ∝ w_t Σ_{s>t} w_s,  w_t = median-smoothed G_t^{−2}, peak 1      (Alg. 1 of the paper)
//   pass 2: x_{t+1} = x_t − lr η_t g_t from the same x0                     (trace and solution)
//
// @article{defazio2023when, author = {Defazio, Aaron and Cutkosky, Ashok and Mehta, Harsh and
//   Mishchenko, Konstantin}, title = {When, Why and How Much? Adaptive Learning Rate Scheduling
//   by Refinement}, journal = {arXiv:2310.07831}, year = {2023}}
#include <tessera/kit/sgd_update.hpp>

#include "refine_run.hpp"

namespace lr_refine {

class RefinedSgd {
public:
    static constexpr tsr::Info info{"lr_refine.sgd", "1.0.0",
                                    "SGD with the schedule refined from a linear-decay pilot run's gradient norms "
                                    "(two passes; oracle counts include both)",
                                    "Defazio, Cutkosky, Mehta & Mishchenko, When, why and how much? Adaptive "
                                    "learning rate scheduling by refinement, arXiv:2310.07831, 2023"};
    static constexpr const char* needs[] = {TSR_FINITE_SUM_V1};
    static constexpr const char* wants[] = {TSR_OBJECTIVE_V1};
    struct Params : tsr::kit::MinibatchParams, RefineParams {
        double momentum = 0.0;
        static void schema(tsr::Schema<Params>& s) {
            tsr::kit::MinibatchParams::add_to(s, "peak learning rate of the refined schedule (pass 2)", false);
            RefineParams::add_to(s);
            s.real("momentum", &Params::momentum, "heavy-ball momentum mu (0: plain SGD)", {.min = 0.0, .max = 0.9999});
        }
    };

    explicit RefinedSgd(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        tsr::kit::SgdUpdate update{.momentum = p_.momentum, .v = {}};
        run_refined(r, p_, p_, update, [](const Vec& g) { return g.norm(); }, 2.0);
    }

private:
    Params p_;
};

TSR_REGISTER(RefinedSgd);

}  // namespace lr_refine
