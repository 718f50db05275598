// The vr_halpern plugin: the two methods of Cai, Alacaoglu & Diakonikolas, "Variance reduced
// Halpern iteration for finite-sum monotone inclusions", ICLR 2024 (see README.md).
#include <tessera/sdk.hpp>

TSR_PLUGIN("vr_halpern", "1.0.0",
           "variance-reduced Halpern iteration for finite-sum monotone inclusions (Cai, Alacaoglu & "
           "Diakonikolas, ICLR 2024): PAGE-type estimator (cocoercive) and inexact Halpern with VR-FoRB")
