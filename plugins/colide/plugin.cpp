// The colide plugin: CoLiDE — Concomitant Linear DAG Estimation (Saboksayr, Mateos & Tepper,
// ICLR 2024), equal-variance (colide.ev) and non-equal-variance (colide.nv) (README.md).
#include <tessera/sdk.hpp>

TSR_PLUGIN("colide", "1.0.0",
           "CoLiDE: concomitant linear DAG estimation (scale-aware score, log-det acyclicity, path following)")
