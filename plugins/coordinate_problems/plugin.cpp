// The coordinate_problems plugin: problems served through tsr.coordinate.v1 (block coordinate
// oracles of F = f + λ‖x‖₁) and the metrics of coordinate methods (see README.md). Shared by the
// block coordinate descent papers and by later sparse-recovery papers.
#include <tessera/sdk.hpp>

TSR_PLUGIN("coordinate_problems", "1.0.0",
           "least squares, logistic regression (with optional L1) and label propagation served for block "
           "coordinate descent; the active-set identification metric")
