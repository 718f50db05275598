// adam_update.hpp — the updates of Adam and AdamW, one policy with decoupled weight decay w
// (w = 0 is Adam):
//
//   m ← β1 m + (1 − β1) g                    v ← β2 v + (1 − β2) g²
//   m̂ = m / (1 − β1^t)                        v̂ = v / (1 − β2^t)
//   x ← x − α_t ( m̂ / (√v̂ + ε) + w x )
//
// Adam: Kingma & Ba, ICLR 2015, Alg. 1. AdamW: Loshchilov & Hutter, ICLR 2019, Alg. 2, line 12,
// whose decay term is η_t λ x; here λ = α w (the decay is scaled by the base learning rate too),
// the convention of torch.optim.AdamW and optax.adamw, so that weight_decay = 1e-2 means what it
// means there. AdamParams (below) are the hyper-parameters opt.adam and opt.adamw share.
#pragma once

#include <cmath>

#include "common.hpp"
#include "minibatch.hpp"

namespace baselines {

struct AdamUpdate {
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    double weight_decay = 0.0;  // decoupled (AdamW); 0 for Adam
    Vec m, v;
    int64_t t = 0;
    double pow1 = 1.0, pow2 = 1.0;  // β1^t, β2^t

    void init(int64_t d) {
        m = Vec::Zero(d);
        v = Vec::Zero(d);
        t = 0;
        pow1 = pow2 = 1.0;
    }
    void step(Vec& x, const Vec& g, double lr) {
        ++t;
        pow1 *= beta1;
        pow2 *= beta2;
        m = beta1 * m + (1.0 - beta1) * g;
        v = beta2 * v + (1.0 - beta2) * g.cwiseAbs2();
        const double c1 = 1.0 / (1.0 - pow1), c2 = 1.0 / (1.0 - pow2);
        x.array() -= lr * ((c1 * m.array()) / ((c2 * v.array()).sqrt() + eps) + weight_decay * x.array());
    }
};

// Parameters of Adam, shared with AdamW.
struct AdamParams : MinibatchParams {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    AdamParams() { lr = 1e-3; }

    template <class P>
    static void add_adam_to(tsr::Schema<P>& s) {
        MinibatchParams::add_to(s, "base learning rate alpha (Kingma & Ba: 1e-3)");
        s.real("beta1", &P::beta1, "decay rate of the first-moment estimate", {.min = 0.0, .max = 0.999999});
        s.real("beta2", &P::beta2, "decay rate of the second-moment estimate", {.min = 0.0, .max = 0.999999999});
        s.real("eps", &P::eps, "added to sqrt(v_hat) in the denominator", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
    }
};

}  // namespace baselines
