// tessera/kit/logistic.hpp — the logistic function and its relatives, without overflow.
//
//   log1pexp(t)  = log(1 + e^t)          (softplus; the logistic loss is log1pexp(-y z))
//   sigmoid(t)   = 1 / (1 + e^-t)
//   log_sigmoid(t) = -log1pexp(-t)
//
// Written so that no intermediate overflows or loses the result to cancellation for any finite t:
// e^t is only ever evaluated for t <= 0, and log1p keeps the small-argument digits
// (Mächler, "Accurately computing log(1 - exp(-|a|))", 2012, §4).
//
// Thread rule: pure functions.
#pragma once

#include <cmath>

namespace tsr::kit {

// log(1 + e^t).  t > 0: t + log1p(e^-t)  (no overflow);  t <= 0: log1p(e^t)  (no cancellation).
inline double log1pexp(double t) noexcept {
    return t > 0.0 ? t + std::log1p(std::exp(-t)) : std::log1p(std::exp(t));
}

// σ(t) = 1 / (1 + e^-t), evaluated with e^{-|t|} only.
inline double sigmoid(double t) noexcept {
    if (t >= 0.0) return 1.0 / (1.0 + std::exp(-t));
    const double e = std::exp(t);
    return e / (1.0 + e);
}

// log σ(t) = -log(1 + e^-t).
inline double log_sigmoid(double t) noexcept { return -log1pexp(-t); }

}  // namespace tsr::kit
