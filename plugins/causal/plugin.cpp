// The causal plugin: linear structural equation models (synthetic and from a user's CSV), DAG
// accuracy metrics and the NOTEARS and DAGMA baselines of causal structure learning (README.md).
// Each component registers itself in its own file.
#include <tessera/sdk.hpp>

TSR_PLUGIN("causal", "1.0.0",
           "causal structure learning: linear SEM problems, DAG metrics (SHD, TPR, FDR, score), NOTEARS and DAGMA")
