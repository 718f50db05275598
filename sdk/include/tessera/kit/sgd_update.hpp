// tessera/kit/sgd_update.hpp — the update policy of stochastic gradient descent with heavy-ball
// momentum, for tsr::kit::minibatch_loop (kit/minibatch.hpp):
//
//   v ← μ v − α_t g,   x ← x + v          (Polyak 1964; Sutskever et al. 2013, eq. 1)
//
// μ = 0 is plain SGD (Robbins & Monro 1951): x ← x − α_t g.
//
// Ownership: owns its state (v), sized by init(d); no allocation in step(). Thread rule: a value,
// one per run.
#pragma once

#include <cstdint>

#include <tessera/sdk/eigen.hpp>

namespace tsr::kit {

struct SgdUpdate {
    double momentum = 0.0;
    tsr::Vec v;

    void init(int64_t d) { v = tsr::Vec::Zero(d); }
    void step(tsr::Vec& x, const tsr::Vec& g, double lr) {
        if (momentum == 0.0) {
            x -= lr * g;
            return;
        }
        v = momentum * v - lr * g;
        x += v;
    }
};

}  // namespace tsr::kit
