// residual.hpp — the optimality measure of an inclusion 0 ∈ F(u) + G(u): the natural residual
//
//     res_η(u) = ‖u − J_{ηG}(u − ηF(u))‖ / η,
//
// zero exactly at solutions; = ‖F(u)‖ when G = 0. Algorithms report it with η = 1 in their
// traces (algorithms/operator_loop.hpp) and the metrics recompute it on the unproxied problem.
#pragma once

#include <tessera/sdk.hpp>

namespace operators {

// res_η(u) given Fu = F(u); `w` is scratch of the operator's dimension.
inline double natural_residual(const tsr::OperatorRef& op, tsr::CVecRef u, tsr::CVecRef Fu, double eta, tsr::Vec& w) {
    w = u - eta * Fu;
    op.resolvent(w, eta, w);
    w -= u;
    return w.norm() / eta;
}

}  // namespace operators
