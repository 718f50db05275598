// The operators plugin: finite-sum monotone inclusions 0 ∈ F(u) + G(u) (tsr.operator.v1), the
// operator-residual metrics and the deterministic baselines for them (see README.md). Each
// component registers itself in its own file.
#include <tessera/sdk.hpp>

TSR_PLUGIN("operators", "1.0.0",
           "finite-sum monotone inclusion problems (matrix games, bilinear games, least-squares operators, DRO logistic regression), "
           "operator residual metrics, Halpern / extragradient / EAG baselines")
