// The markets plugin: market environments served through tsr.env.v1 (correlated GBM, Markov
// regime switching, a user's CSV of prices), the classic online portfolio strategies, and the
// portfolio metrics (README.md). Each component registers itself in its own file.
#include <tessera/sdk.hpp>

TSR_PLUGIN("markets", "1.0.0",
           "portfolio selection: synthetic and CSV markets (tsr.env.v1), UCRP, buy-and-hold, EG, ONS, Anticor, "
           "wealth, Sharpe and drawdown metrics")
