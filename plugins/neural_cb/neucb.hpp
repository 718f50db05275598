// NeuSquareCB and NeuFastCB — Deb, Ban, Zuo, He & Banerjee, "Contextual Bandits with Online Neural
// Regression", ICLR 2024 (Algorithms 1 and 2): one loop, two policies.
//
// Round t (K arms, arm features φ_{t,k}, arm_features.hpp):
//   1. draw the perturbation ε_t; predict z_k = f̃_t(θ_t; φ_{t,k}) for every arm   (online_net.hpp)
//   2. NeuSquareCB: ŷ_k = z_k (reward), p = IGW(ŷ, γ_t)       (SquareCB, Foster & Rakhlin 2020)
//      NeuFastCB:   ℓ̂_k = σ(z_k) (loss 1 − reward), p = FastCB(ℓ̂, γ_t)   (Foster & Krishnamurthy 2021)
//                                                                         (exploration.hpp)
//   3. play a_t ~ p, receive y_t ∈ [0, 1]
//   4. OGD on the played pair: square loss on (φ_{t,a_t}, y_t), or binary KL on (φ_{t,a_t}, 1 − y_t)
//
// Exploration schedule γ_t = gamma · t^gamma_exponent. The analyses fix γ from T and the oracle's
// regret (SquareCB: γ = √(KT / Reg_sq)); an anytime t^{1/2} schedule with scale 10 is what
// Vowpal Wabbit's --squarecb uses by default. The paper's tuned values could not be read here
// (README).
//
// Seeds: the network's init and ε_t from mix_seed(run seed, 1); arm sampling from mix_seed(run seed, 2).
#pragma once

#include <cmath>
#include <string>

#include <tessera/kit/logistic.hpp>
#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

#include "bandit_loop.hpp"
#include "exploration.hpp"
#include "online_net.hpp"

namespace neural_cb {

struct NeuCbParams : NetParams {
    double gamma = 10.0;
    double gamma_exponent = 0.5;
    double perturbation = 0.1;
    std::string arm_features = "shared";

    template <class P>
    static void add_to(tsr::Schema<P>& s) {
        NetParams::add_to(s);
        s.real("gamma", &P::gamma, "exploration scale: gamma_t = gamma * t^gamma_exponent", {.min = 0.0},
               TSR_PARAM_FLAG_LOG_SCALE);
        s.real("gamma_exponent", &P::gamma_exponent, "exponent of t in gamma_t (0: constant gamma)",
               {.min = 0.0, .max = 1.0});
        s.real("perturbation", &P::perturbation,
               "c_p: prediction perturbation <eps_t, theta - theta_0>, eps_t ~ N(0, c_p^2/p I) (0: none)",
               {.min = 0.0});
        add_arm_features(s, &P::arm_features);
    }
};

template <Loss kLoss>
void run_neucb(tsr::Run& r, const NeuCbParams& p) {
    BanditLoop loop(r, p.arm_features);
    const int64_t K = loop.arms();
    PerturbedNet net(loop.features().dim(), p.width, p.perturbation, tsr::kit::mix_seed(r.seed(), 1));
    tsr::kit::Rng rng(tsr::kit::mix_seed(r.seed(), 2));
    tsr::Vec pred(K), prob(K), phi(loop.features().dim());
    while (loop.running()) {
        net.new_round();
        for (int64_t k = 0; k < K; ++k) pred(k) = net.predict(loop.features().arm(k));
        const double gamma_t = p.gamma * std::pow(static_cast<double>(loop.step() + 1), p.gamma_exponent);
        if constexpr (kLoss == Loss::square) {
            igw_probabilities(pred, gamma_t, prob);
        } else {
            for (int64_t k = 0; k < K; ++k) pred(k) = tsr::kit::sigmoid(pred(k));  // predicted loss
            fastcb_probabilities(pred, gamma_t, prob);
        }
        const int64_t a = sample_arm(prob, rng);
        phi = loop.features().arm(a);
        const double y = loop.play(a);
        net.learn(phi, kLoss == Loss::square ? y : 1.0 - y, kLoss, p.lr, p.updates);
    }
}

}  // namespace neural_cb
