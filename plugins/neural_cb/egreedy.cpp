// ncb.egreedy — neural ε-greedy (the "Neural ε-Greedy" baseline of Zhou et al., NeuralUCB, ICML
// 2020, §7): the same two-layer network and online gradient steps on the squared loss as
// NeuSquareCB (online_net.hpp, without perturbation); play the predicted best arm, or with
// probability ε an arm drawn uniformly.
#include <tessera/kit/rng.hpp>

#include "arm_features.hpp"
#include "bandit_loop.hpp"
#include "online_net.hpp"

namespace neural_cb {

class NeuralEGreedy {
public:
    static constexpr tsr::Info info{"ncb.egreedy", "1.0.0",
                                    "neural epsilon-greedy: 2-layer net trained online, uniform exploration w.p. eps",
                                    "Zhou, Li & Gu, Neural Contextual Bandits with UCB-based Exploration, ICML 2020"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params : NetParams {
        double epsilon = 0.05;
        std::string arm_features = "shared";
        static void schema(tsr::Schema<Params>& s) {
            NetParams::add_to(s);
            s.real("epsilon", &Params::epsilon, "probability of a uniformly random arm", {.min = 0.0, .max = 1.0});
            add_arm_features(s, &Params::arm_features);
        }
    };
    explicit NeuralEGreedy(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        BanditLoop loop(r, p_.arm_features);
        const int64_t K = loop.arms();
        PerturbedNet net(loop.features().dim(), p_.width, 0.0, tsr::kit::mix_seed(r.seed(), 1));
        tsr::kit::Rng rng(tsr::kit::mix_seed(r.seed(), 2));
        tsr::Vec pred(K), phi(loop.features().dim());
        while (loop.running()) {
            int64_t a;
            if (rng.uniform() < p_.epsilon) {
                a = static_cast<int64_t>(rng.below(static_cast<uint64_t>(K)));
            } else {
                for (int64_t k = 0; k < K; ++k) pred(k) = net.predict(loop.features().arm(k));
                Eigen::Index best;
                pred.maxCoeff(&best);
                a = best;
            }
            phi = loop.features().arm(a);
            const double y = loop.play(a);
            net.learn(phi, y, Loss::square, p_.lr, p_.updates);
        }
    }

private:
    Params p_;
};

TSR_REGISTER(NeuralEGreedy);

}  // namespace neural_cb
