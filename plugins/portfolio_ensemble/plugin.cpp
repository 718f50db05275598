// The portfolio_ensemble plugin: the combinatorial strategy of Lam (arXiv:2406.03652) and its
// accelerated variant over the component strategies of plugins/markets (README.md).
#include <tessera/sdk.hpp>

TSR_PLUGIN("portfolio_ensemble", "1.0.0",
           "ensembles of portfolio strategies (Lam, arXiv:2406.03652): universal and accelerated mixes of constant combinations of component strategies")
