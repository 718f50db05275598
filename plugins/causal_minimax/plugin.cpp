// The causal_minimax plugin: "Which Invariance Should We Transfer? A Causal Minimax Learning
// Approach" (Liu, Zheng, Sun, Fang & Wang, ICML 2023) — the minimax subset selection with its
// equivalence-class search, the whole-stable-set, ERM and ICP baselines, multi-environment SCM
// problems (synthetic and CSV) and the transfer test-MSE metric (README.md). Each component
// registers itself in its own file.
#include <tessera/sdk.hpp>

TSR_PLUGIN("causal_minimax", "1.0.0",
           "causal minimax learning: worst-case-risk subset selection over stable sets, with ERM and ICP baselines")
