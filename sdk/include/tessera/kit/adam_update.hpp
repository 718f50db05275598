// tessera/kit/adam_update.hpp — the update policy of Adam and AdamW (decoupled weight decay w;
// w = 0 is Adam), for tsr::kit::minibatch_loop (kit/minibatch.hpp):
//
//   m ← β1 m + (1 − β1) g                    v ← β2 v + (1 − β2) g²
//   m̂ = m / (1 − β1^t)                        v̂ = v / (1 − β2^t)
//   x ← x − α_t ( m̂ / (√v̂ + ε) + w x )
//
// Adam: Kingma & Ba, ICLR 2015, Alg. 1. AdamW: Loshchilov & Hutter, ICLR 2019, Alg. 2, line 12,
// whose decay term is η_t λ x; here λ = α w (the decay is scaled by the base learning rate too),
// the convention of torch.optim.AdamW and optax.adamw, so that weight_decay = 1e-2 means what it
// means there. AdamParams (below) are the hyper-parameters every Adam-based component shares.
//
// Ownership: owns its state (m, v), sized by init(d); no allocation in step(). Thread rule: a
// value, one per run.
#pragma once

#include <cmath>
#include <cstdint>

#include <tessera/sdk/eigen.hpp>

#include "minibatch.hpp"

namespace tsr::kit {

struct AdamUpdate {
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    double weight_decay = 0.0;  // decoupled (AdamW); 0 for Adam
    tsr::Vec m, v;
    int64_t t = 0;
    double pow1 = 1.0, pow2 = 1.0;  // β1^t, β2^t

    void init(int64_t d) {
        m = tsr::Vec::Zero(d);
        v = tsr::Vec::Zero(d);
        t = 0;
        pow1 = pow2 = 1.0;
    }
    void step(tsr::Vec& x, const tsr::Vec& g, double lr) {
        ++t;
        pow1 *= beta1;
        pow2 *= beta2;
        m = beta1 * m + (1.0 - beta1) * g;
        v = beta2 * v + (1.0 - beta2) * g.cwiseAbs2();
        const double c1 = 1.0 / (1.0 - pow1), c2 = 1.0 / (1.0 - pow2);
        x.array() -= lr * ((c1 * m.array()) / ((c2 * v.array()).sqrt() + eps) + weight_decay * x.array());
    }
};

// Parameters of Adam (lr default 1e-3 as Kingma & Ba), on top of the loop's MinibatchParams.
struct AdamParams : MinibatchParams {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    AdamParams() { lr = 1e-3; }

    // with_schedule: also the named-schedule parameters (MinibatchParams::add_to).
    template <class P>
    static void add_adam_to(tsr::Schema<P>& s, const char* lr_help = "base learning rate alpha (Kingma & Ba: 1e-3)",
                            bool with_schedule = true) {
        MinibatchParams::add_to(s, lr_help, with_schedule);
        s.real("beta1", &P::beta1, "decay rate of the first-moment estimate", {.min = 0.0, .max = 0.999999});
        s.real("beta2", &P::beta2, "decay rate of the second-moment estimate", {.min = 0.0, .max = 0.999999999});
        s.real("eps", &P::eps, "added to sqrt(v_hat) in the denominator", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
    }
};

}  // namespace tsr::kit
