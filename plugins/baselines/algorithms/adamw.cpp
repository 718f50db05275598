// opt.adamw — AdamW: Adam with decoupled weight decay, on a finite sum (kit/adam_update.hpp):
//
//   m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²,
//   x ← x − lr η_t ( m̂ / (√v̂ + ε) + weight_decay · x )
//
// The decay acts on x directly, not through the gradient (so not through v̂): Loshchilov &
// Hutter, Alg. 2. Their decay term is η_t λ x; here λ = lr · weight_decay, the convention of
// torch.optim.AdamW (default weight_decay 1e-2). Other defaults as Adam. The epoch loop, sampling
// and schedules η_t are those of opt.sgd (kit/minibatch.hpp).
//
// @inproceedings{loshchilov2019adamw, author = {Loshchilov, Ilya and Hutter, Frank}, title =
//   {Decoupled weight decay regularization}, booktitle = {ICLR}, year = {2019}}
#include <tessera/kit/adam_update.hpp>
#include <tessera/kit/minibatch.hpp>

#include "common.hpp"

namespace baselines {

using tsr::kit::AdamParams;
using tsr::kit::AdamUpdate;

class AdamW {
public:
    static constexpr tsr::Info info{"opt.adamw", "1.0.0", "AdamW (decoupled weight decay) with minibatches and lr schedules",
                                    "Loshchilov & Hutter, Decoupled weight decay regularization, ICLR 2019"};
    static constexpr const char* needs[] = {TSR_FINITE_SUM_V1};
    static constexpr const char* wants[] = {TSR_OBJECTIVE_V1};
    struct Params : AdamParams {
        double weight_decay = 1e-2;
        static void schema(tsr::Schema<Params>& s) {
            add_adam_to(s);
            s.real("weight_decay", &Params::weight_decay,
                   "decoupled weight decay w: x <- x - lr*eta_t*w*x each step (torch.optim.AdamW convention)",
                   {.min = 0.0});
        }
    };

    explicit AdamW(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        AdamUpdate update{.beta1 = p_.beta1, .beta2 = p_.beta2, .eps = p_.eps, .weight_decay = p_.weight_decay};
        tsr::kit::run_minibatch(r, p_, update);
    }

private:
    Params p_;
};

TSR_REGISTER(AdamW);

}  // namespace baselines
