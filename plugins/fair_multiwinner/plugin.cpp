// The fair_multiwinner plugin: subset selection from multiple biased rankings by multiwinner
// score functions, with and without a group fairness constraint (Boehmer, Celis, Huang, Mehrotra
// & Vishnoi, "Subset Selection Based On Multiple Rankings in the Presence of Bias: Effectiveness
// of Fairness Constraints for Multiwinner Voting Score Functions", ICML 2023). See README.md.
#include <tessera/sdk.hpp>

TSR_PLUGIN("fair_multiwinner", "1.0.0",
           "multiwinner selection (SNTV, Bloc, k-Borda, Chamberlin-Courant) from biased rankings, with and without "
           "a group lower bound; voting-profile problems and true-utility metrics")
