// The flad plugin: few-shot learning with auxiliary data as a multi-armed bandit (Albalak, Raffel
// & Wang, "Improving Few-Shot Generalization by Exploring and Exploiting Auxiliary Data", NeurIPS
// 2023): EXP3-FLAD, UCB1-FLAD, the target-only / explore-only / exploit-only baselines, the
// flad.tasks problem and its metrics. See README.md.
#include <tessera/sdk.hpp>

TSR_PLUGIN("flad", "1.0.0",
           "FLAD: EXP3-FLAD and UCB1-FLAD auxiliary-data mixing, baselines, a few-shot task family and metrics")
