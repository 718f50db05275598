// The sso plugin: target-based surrogate optimization (Lavington, Vaswani, Babanezhad, Schmidt &
// Le Roux, "Target-based Surrogates for Stochastic Optimization", ICML 2023). See README.md.
#include <tessera/sdk.hpp>

TSR_PLUGIN("sso", "1.0.0",
           "target-based surrogate optimization: stochastic SSO and full-batch majorization-minimization")
