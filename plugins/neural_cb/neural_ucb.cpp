// ncb.neural_ucb — NeuralUCB with the diagonal approximation of Z (Zhou, Li & Gu, "Neural
// Contextual Bandits with UCB-based Exploration", ICML 2020, Algorithm 1; the diagonal Z is what
// their experiments and code use, §7).
//
//   U_{t,k} = f(θ; φ_k) + ν √( Σ_i g_{k,i}² / Z_i ),   g_k = ∇_θ f(θ; φ_k),   a_t = argmax_k U_{t,k}
//   Z ← Z + g_{a_t}²  (element-wise),  Z_0 = λ·1
//   then train θ on the whole history: SGD on Σ_s ½(f(θ; φ_s) − y_s)² + (l2/2)‖θ − θ_0‖²
//   (Algorithm 1, line 11 / Algorithm 2 "TrainNN"), in shuffled passes of single-sample steps of
//   size lr, at most train_steps steps per round, stopping early when a pass's mean loss ≤ 1e-3
//   (the stopping rule of the authors' code).
// The paper's network carries a √m output factor and divides by m in Z and the bonus; with the
// kit's unscaled network the same rule is the one above with λ = m·λ_paper (README).
// Seeds: init from mix_seed(run seed, 1), history shuffling from mix_seed(run seed, 2).
#include <cmath>
#include <vector>

#include <tessera/kit/mlp.hpp>
#include <tessera/kit/rng.hpp>

#include "arm_features.hpp"
#include "bandit_loop.hpp"

namespace neural_cb {

class NeuralUcbDiag {
public:
    static constexpr tsr::Info info{"ncb.neural_ucb", "1.0.0",
                                    "NeuralUCB with diagonal Z: gradient-feature UCB on a 2-layer net retrained on history",
                                    "Zhou, Li & Gu, Neural Contextual Bandits with UCB-based Exploration, ICML 2020"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params {
        int64_t width = 100;
        double lr = 0.1;
        double nu = 0.1;
        double lambda = 1.0;
        double l2 = 1e-3;
        int64_t train_steps = 50;
        std::string arm_features = "shared";
        static void schema(tsr::Schema<Params>& s) {
            s.integer("width", &Params::width, "hidden width m of the two-layer ReLU network (odd: rounded up)",
                      {.min = 2});
            s.real("lr", &Params::lr, "SGD step size of the retraining", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("nu", &Params::nu, "exploration scale nu of the confidence bonus", {.min = 0.0});
            s.real("lambda", &Params::lambda, "Z_0 = lambda (diagonal)", {.min = 1e-12}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("l2", &Params::l2, "weight of (1/2)||theta - theta_0||^2 in the retraining loss", {.min = 0.0});
            s.integer("train_steps", &Params::train_steps, "most SGD steps of retraining per round", {.min = 0});
            add_arm_features(s, &Params::arm_features);
        }
    };
    explicit NeuralUcbDiag(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        BanditLoop loop(r, p_.arm_features);
        const int64_t K = loop.arms(), D = loop.features().dim(), T = loop.horizon();
        tsr::kit::Rng init_rng(tsr::kit::mix_seed(r.seed(), 1)), rng(tsr::kit::mix_seed(r.seed(), 2));
        tsr::kit::Mlp net(D, p_.width + p_.width % 2, 1, init_rng, {.symmetric = true});
        const tsr::Vec theta0 = net.params();
        const int64_t P = net.n_params();
        tsr::Vec Z = tsr::Vec::Constant(P, p_.lambda), grad(P), one = tsr::Vec::Ones(1);
        tsr::Mat G(P, K);
        tsr::Mat history(D, T);  // φ of the played arms
        tsr::Vec targets(T);
        std::vector<int64_t> order;
        order.reserve(static_cast<size_t>(T));
        while (loop.running()) {
            int64_t a = 0;
            double best = -INFINITY;
            for (int64_t k = 0; k < K; ++k) {
                const double f = net.forward(loop.features().arm(k))(0);
                net.backward(one, G.col(k));
                const double u = f + p_.nu * std::sqrt((G.col(k).array().square() / Z.array()).sum());
                if (u > best) best = u, a = k;
            }
            Z.array() += G.col(a).array().square();
            const int64_t s = loop.step();
            history.col(s) = loop.features().arm(a);
            targets(s) = loop.play(a);
            order.push_back(s);
            train(net, theta0, history, targets, order, grad, one, rng);
        }
    }

private:
    // Shuffled passes over the history; stops after train_steps steps or a pass with mean loss ≤ 1e-3.
    void train(tsr::kit::Mlp& net, const tsr::Vec& theta0, const tsr::Mat& history, const tsr::Vec& targets,
               std::vector<int64_t>& order, tsr::Vec& grad, const tsr::Vec& one, tsr::kit::Rng& rng) const {
        int64_t steps = 0;
        while (steps < p_.train_steps) {
            for (size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[rng.below(i + 1)]);
            double pass_loss = 0.0;
            size_t seen = 0;
            for (int64_t s : order) {
                if (steps >= p_.train_steps) break;
                const double e = net.forward(history.col(s))(0) - targets(s);
                pass_loss += 0.5 * e * e;
                ++seen;
                net.backward(one, grad);
                grad *= e;
                if (p_.l2 > 0) grad += p_.l2 * (net.params() - theta0);
                net.sgd_step(grad, p_.lr);
                ++steps;
            }
            if (seen == order.size() && pass_loss / static_cast<double>(seen) <= 1e-3) break;
        }
    }

    Params p_;
};

TSR_REGISTER(NeuralUcbDiag);

}  // namespace neural_cb
