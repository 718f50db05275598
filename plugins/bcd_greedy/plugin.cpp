// The bcd_greedy plugin: block coordinate descent of Nutini, Laradji & Schmidt (JMLR 2022), see
// README.md. Its problems and the active-set metric live in the shared coordinate_problems plugin.
#include <tessera/sdk.hpp>

TSR_PLUGIN("bcd_greedy", "1.0.0",
           "block coordinate descent with greedy rules (GS, GSL, GSD, GS-q), variable and forest blocks, "
           "matrix and message-passing Newton updates (Nutini, Laradji & Schmidt 2022)")
