// options.hpp — the estimation parameters minimax.subset and minimax.stable_set share, with the
// reference implementation's defaults (lmz123321/which_invariance, findoptset/findoptset.py):
// f_S' an MLP with 12 hidden sigmoids, Adam lr 0.02, 10000 steps, early stop (patience 1000,
// min_delta 0.01); mechanisms MLPs with max(1, |pa|/2) hidden units, Adam lr 0.01, 5000 steps;
// the ascent over J: Adam lr 0.02, 10000 steps, λ = 0.01, early stop after 100 logs (one every
// 10 steps) without a change > 0.01.
#pragma once

#include <string>

#include <tessera/sdk.hpp>

#include "math/minimax.hpp"

namespace minimax {

struct EstimationParams {
    int64_t hidden = 12;
    int64_t fit_iterations = 10000;
    double fit_lr = 0.02;
    int64_t fit_patience = 1000;
    int64_t mechanism_iterations = 5000;
    double mechanism_lr = 0.01;
    int64_t ascent_iterations = 10000;
    double ascent_lr = 0.02;
    double lambda = 0.01;
    int64_t ascent_patience = 100;
    std::string noise = "residual";
    std::string bound = "none";

    template <class P>
    static void add_to(tsr::Schema<P>& s) {
        s.integer("hidden", &P::hidden, "hidden sigmoid units of the predictor f_S' (reference: 12)", {.min = 1});
        s.integer("fit_iterations", &P::fit_iterations, "Adam steps fitting f_S' (reference: 10000)", {.min = 1});
        s.real("fit_lr", &P::fit_lr, "Adam step fitting f_S' (reference: 0.02)", {.min = 0.0});
        s.integer("fit_patience", &P::fit_patience,
                  "stop fitting after this many steps without a loss change > 0.01 (reference: 1000; 0: never)",
                  {.min = 0});
        s.integer("mechanism_iterations", &P::mechanism_iterations,
                  "Adam steps fitting each stable mechanism used to regenerate (reference: 5000)", {.min = 1});
        s.real("mechanism_lr", &P::mechanism_lr, "Adam step fitting the mechanisms (reference: 0.01)", {.min = 0.0});
        s.integer("ascent_iterations", &P::ascent_iterations,
                  "gradient-ascent steps over the intervention functions J (reference: 10000)", {.min = 0});
        s.real("ascent_lr", &P::ascent_lr, "Adam step of the ascent (reference: 0.02)", {.min = 0.0});
        s.real("lambda", &P::lambda, "norm penalty on J's weights, the bound on the interventions (reference: 0.01)",
               {.min = 0.0});
        s.integer("ascent_patience", &P::ascent_patience,
                  "stop the ascent after this many logged MSEs (one per 10 steps) without a change > 0.01 Var(Y) "
                  "(reference: 100)",
                  {.min = 1});
        s.choice("noise", &P::noise, {"residual", "none"},
                 "regenerated nodes get back each sample's fitted residual, or none (the reference)");
        s.choice("bound", &P::bound, {"none", "support"},
                 "intervention functions bounded by the norm penalty only (the reference), or also squashed into "
                 "the training range of each mutable variable");
    }

    MinimaxOptions options() const {
        MinimaxOptions o;
        o.predictor = {.hidden = hidden, .iterations = fit_iterations, .lr = fit_lr, .patience = fit_patience,
                       .min_delta = 0.01};
        o.mechanism = {.hidden = 0, .iterations = mechanism_iterations, .lr = mechanism_lr, .patience = 1000,
                       .min_delta = 0.01};
        o.ascent_iterations = ascent_iterations;
        o.ascent_lr = ascent_lr;
        o.lambda = lambda;
        o.ascent_patience = ascent_patience;
        o.residual_noise = noise == "residual";
        o.bound_to_support = bound == "support";
        return o;
    }
};

}  // namespace minimax
