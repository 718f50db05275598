// sgd_update.hpp — the update of stochastic gradient descent with heavy-ball momentum:
//
//   v ← μ v − α_t g,   x ← x + v          (Polyak 1964; Sutskever et al. 2013, eq. 1)
//
// μ = 0 is plain SGD (Robbins & Monro 1951): x ← x − α_t g.
#pragma once

#include "common.hpp"

namespace baselines {

struct SgdUpdate {
    double momentum = 0.0;
    Vec v;

    void init(int64_t d) { v = Vec::Zero(d); }
    void step(Vec& x, const Vec& g, double lr) {
        if (momentum == 0.0) {
            x -= lr * g;
            return;
        }
        v = momentum * v - lr * g;
        x += v;
    }
};

}  // namespace baselines
