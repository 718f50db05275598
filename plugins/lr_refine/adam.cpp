// lr_refine.adam — Adam (kit/adam_update.hpp) whose learning-rate schedule is refined from its
// own linear-decay pilot run (refine_run.hpp). For Adam-type (coordinate-wise) methods the
// refinement uses ℓ1 norms with power 1:
//
//   pass 1: Adam with α_t = lr₁ (1 − t/T), recording G_t = ‖g_t‖₁ (the minibatch gradient)
//   η_t ∝ w_t Σ_{s>t} w_s,  w_t = median-smoothed G_t^{−1}, peak 1
//   pass 2: Adam with α_t = lr η_t from the same x0, fresh moments           (trace and solution)
//
// The ℓ1 / power-1 rule is the authors' code (adaptive_scheduling/visual.py: weights
// gnorms**-1 for the norm_sequences_l1 runs); the paper's own statement could not be read here.
//
// @article{defazio2023when, author = {Defazio, Aaron and Cutkosky, Ashok and Mehta, Harsh and
//   Mishchenko, Konstantin}, title = {When, Why and How Much? Adaptive Learning Rate Scheduling
//   by Refinement}, journal = {arXiv:2310.07831}, year = {2023}}
#include <tessera/kit/adam_update.hpp>

#include "refine_run.hpp"

namespace lr_refine {

class RefinedAdam {
public:
    static constexpr tsr::Info info{"lr_refine.adam", "1.0.0",
                                    "Adam with the schedule refined from a linear-decay pilot run's l1 gradient "
                                    "norms (two passes; oracle counts include both)",
                                    "Defazio, Cutkosky, Mehta & Mishchenko, When, why and how much? Adaptive "
                                    "learning rate scheduling by refinement, arXiv:2310.07831, 2023"};
    static constexpr const char* needs[] = {TSR_FINITE_SUM_V1};
    static constexpr const char* wants[] = {TSR_OBJECTIVE_V1};
    struct Params : tsr::kit::AdamParams, RefineParams {
        static void schema(tsr::Schema<Params>& s) {
            add_adam_to(s, "peak learning rate alpha of the refined schedule (pass 2)", false);
            RefineParams::add_to(s);
        }
    };

    explicit RefinedAdam(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        tsr::kit::AdamUpdate update{.beta1 = p_.beta1, .beta2 = p_.beta2, .eps = p_.eps, .weight_decay = 0.0};
        run_refined(r, p_, p_, update, [](const Vec& g) { return g.lpNorm<1>(); }, 1.0);
    }

private:
    Params p_;
};

TSR_REGISTER(RefinedAdam);

}  // namespace lr_refine
