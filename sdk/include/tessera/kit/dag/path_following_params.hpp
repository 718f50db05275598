// path_following_params.hpp — the parameters DAGMA-style path following shares (DAGMA
// Algorithm 1; CoLiDE Algorithm 1): the s schedule, the μ path and the Adam inner solver.
// Each method keeps its own Params struct, because the defaults are its paper's (DAGMA: T = 5,
// warm 3e4 / max 6e4; CoLiDE: T = 4, warm 2e4 / max 7e4); this registers the fields that
// mean the same in both, so their names, ranges and help are written once.
//
// P must have the fields s, mu_init, mu_factor, lr, beta1, beta2, warm_iter, max_iter,
// checkpoint and tol, with the types below.
#pragma once

#include <tessera/sdk.hpp>

namespace tsr::kit::dag {

template <class P>
void path_following_schema(tsr::Schema<P>& s) {
    s.text("s", &P::s, "M-matrix domain parameter per stage, comma-separated; the last value repeats for later stages");
    s.real("mu_init", &P::mu_init, "weight of the score in the first stage", {.min = 0.0});
    s.real("mu_factor", &P::mu_factor, "mu shrinks by this factor after each stage", {.min = 0.0, .max = 1.0});
    s.real("lr", &P::lr, "Adam learning rate", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
    s.real("beta1", &P::beta1, "Adam beta1", {.min = 0.0, .max = 1.0});
    s.real("beta2", &P::beta2, "Adam beta2", {.min = 0.0, .max = 1.0});
    s.integer("warm_iter", &P::warm_iter, "Adam steps of each stage but the last", {.min = 1});
    s.integer("max_iter", &P::max_iter, "Adam steps of the last stage", {.min = 1});
    s.integer("checkpoint", &P::checkpoint, "objective checked every this many steps", {.min = 1});
    s.real("tol", &P::tol, "stage ends when the objective changes by <= tol (relative)", {.min = 0.0},
           TSR_PARAM_FLAG_LOG_SCALE);
}

}  // namespace tsr::kit::dag
