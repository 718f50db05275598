// opt.adam — Adam on a finite sum, minibatch by minibatch (kit/adam_update.hpp, with weight decay 0):
//
//   m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²,  x ← x − lr η_t m̂ / (√v̂ + ε)
//
// Defaults are the paper's (Alg. 1): lr = 1e-3, β1 = 0.9, β2 = 0.999, ε = 1e-8. The epoch loop,
// sampling and schedules η_t are those of opt.sgd (kit/minibatch.hpp).
//
// @inproceedings{kingma2015adam, author = {Kingma, Diederik P. and Ba, Jimmy}, title = {Adam: A
//   method for stochastic optimization}, booktitle = {ICLR}, year = {2015}}
#include <tessera/kit/adam_update.hpp>
#include <tessera/kit/minibatch.hpp>

#include "common.hpp"

namespace baselines {

using tsr::kit::AdamParams;
using tsr::kit::AdamUpdate;

class Adam {
public:
    static constexpr tsr::Info info{"opt.adam", "1.0.0", "Adam with minibatches and lr schedules (reshuffled epochs)",
                                    "Kingma & Ba, Adam: A method for stochastic optimization, ICLR 2015"};
    static constexpr const char* needs[] = {TSR_FINITE_SUM_V1};
    static constexpr const char* wants[] = {TSR_OBJECTIVE_V1};
    struct Params : AdamParams {
        static void schema(tsr::Schema<Params>& s) { add_adam_to(s); }
    };

    explicit Adam(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        AdamUpdate update{.beta1 = p_.beta1, .beta2 = p_.beta2, .eps = p_.eps, .weight_decay = 0.0};
        tsr::kit::run_minibatch(r, p_, update);
    }

private:
    Params p_;
};

TSR_REGISTER(Adam);

}  // namespace baselines
