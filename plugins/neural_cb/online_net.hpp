// The online regression oracle of Deb et al. (ICLR 2024): a wide two-layer ReLU network trained by
// online gradient descent, one step per observed (context, reward), on a PERTURBED prediction
//
//     f̃_t(θ; φ) = f(θ; φ) + ⟨ε_t, θ − θ_0⟩,     ε_t ~ N(0, (c_p² / p) I_p) fresh each round,
//
// (p = number of parameters, so ‖ε_t‖ ≈ c_p). In expectation over ε_t the squared loss gains
// (c_p²/p)‖θ − θ_0‖², a strongly convex term around the initialisation: this is how a small random
// perturbation of the predictions gives the loss a quadratic-growth condition with a unique
// minimiser (the paper's §3.2), while each prediction moves by only ⟨ε_t, θ − θ_0⟩.
// NOTE (README, "what could not be verified"): the exact perturbation and its scale are
// reconstructed from the paper's abstract and analysis; the text of Algorithms 1–2 was not
// available here.
//
// Losses (y ∈ [0, 1]; z = f̃_t(θ; φ)):
//   square:  ℓ = ½ (z − y)²,                          ∂ℓ/∂z = z − y           (NeuSquareCB)
//   kl:      ŷ = σ(z), ℓ = KL(Ber(y) ‖ Ber(ŷ)),        ∂ℓ/∂z = σ(z) − y        (NeuFastCB; the
//            binary KL differs from the log loss by a term free of θ, so its gradient is the
//            logistic one)
// One OGD step: θ ← θ − η ∂ℓ/∂z · (∇_θ f(θ; φ) + ε_t).
//
// Ownership: owns the network (kit/mlp.hpp), θ_0, ε_t and a gradient buffer, all sized in the
// constructor: predict/step do not allocate. Thread rule: one per run.
#pragma once

#include <cmath>
#include <cstdint>

#include <tessera/kit/logistic.hpp>
#include <tessera/kit/mlp.hpp>
#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

namespace neural_cb {

// Network and OGD parameters shared by the neural algorithms (defaults: README, "Parameters").
struct NetParams {
    int64_t width = 100;
    double lr = 0.3;
    int64_t updates = 3;

    template <class P>
    static void add_to(tsr::Schema<P>& s) {
        s.integer("width", &P::width, "hidden width m of the two-layer ReLU network (odd: rounded up)", {.min = 2});
        s.real("lr", &P::lr, "learning rate eta of the online gradient steps", {.min = 0.0},
               TSR_PARAM_FLAG_LOG_SCALE);
        s.integer("updates", &P::updates, "gradient steps on each new observation", {.min = 1});
    }
};

enum class Loss { square, kl };

class PerturbedNet {
public:
    // Symmetric init (kit/mlp.hpp): f(θ_0; ·) = 0, so the first predictions carry no random bias.
    PerturbedNet(int64_t input_dim, int64_t width, double perturbation, uint64_t seed)
        : rng_(seed), net_(input_dim, width + (width % 2), 1, rng_, {.symmetric = true}),
          theta0_(net_.params()), eps_(tsr::Vec::Zero(net_.n_params())), grad_(net_.n_params()),
          one_(tsr::Vec::Ones(1)),
          eps_sd_(perturbation / std::sqrt(static_cast<double>(net_.n_params()))) {}

    int64_t n_params() const { return net_.n_params(); }

    // Draws ε_t for this round and caches ⟨ε_t, θ − θ_0⟩ (the same for every arm this round).
    void new_round() {
        if (eps_sd_ == 0.0) return;
        for (auto& e : eps_) e = eps_sd_ * rng_.normal();
        eps0_ = eps_.dot(theta0_);
        shift_ = eps_.dot(net_.params()) - eps0_;
    }

    // f̃_t(θ; φ).
    double predict(tsr::CVecRef phi) { return net_.forward(phi)(0) + shift_; }

    // `updates` OGD steps on (φ, y) with the round's ε_t.
    void learn(tsr::CVecRef phi, double y, Loss loss, double lr, int64_t updates) {
        for (int64_t u = 0; u < updates; ++u) {
            if (u > 0 && eps_sd_ != 0.0) shift_ = eps_.dot(net_.params()) - eps0_;
            const double z = predict(phi);  // forward caches what backward needs
            const double dz = loss == Loss::square ? z - y : tsr::kit::sigmoid(z) - y;
            net_.backward(one_, grad_);
            if (eps_sd_ != 0.0) grad_ += eps_;
            net_.sgd_step(grad_, lr * dz);
        }
    }

private:
    tsr::kit::Rng rng_;
    tsr::kit::Mlp net_;
    tsr::Vec theta0_, eps_, grad_, one_;
    double eps_sd_;
    double shift_ = 0.0;  // ⟨ε_t, θ − θ_0⟩
    double eps0_ = 0.0;   // ⟨ε_t, θ_0⟩
};

}  // namespace neural_cb
