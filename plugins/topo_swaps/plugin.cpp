// The topo_swaps plugin: TOPO (Deng, Bello, Aragam & Ravikumar, ICML 2023), least-squares DAG
// learning by topological swaps (README.md). Problems and metrics come from plugins/causal.
#include <tessera/sdk.hpp>

TSR_PLUGIN("topo_swaps", "1.0.0", "TOPO: optimizing NOTEARS objectives via topological swaps (ICML 2023)")
