// bandit.exp3 — EXP3, Auer, Cesa-Bianchi, Freund & Schapire, "The nonstochastic multiarmed bandit
// problem", SIAM J. Comput. 32(1), 2002, Figure 1 (Exp3):
//
//   p_t(i) = (1 − γ) w_t(i) / Σ_j w_t(j) + γ / K
//   draw a_t ~ p_t, receive x_t = reward rescaled to [0, 1]
//   x̂_t(i) = x_t / p_t(a_t) if i = a_t, else 0;   w_{t+1}(i) = w_t(i) exp(γ x̂_t(i) / K)
//
// Default γ from their Corollary 3.2 with g = T: γ = min{1, √(K ln K / ((e − 1) T))}, giving
// regret ≤ 2√(e − 1) √(T K ln K). Bandit feedback only: no extra observations. Switches every
// time the draw changes (Θ(T) of them), which is why it is a poor choice under switching costs.
// Weights as log-weights (tessera/kit/exp_weights.hpp): w ← w·exp(γ x̂/K) is ExpWeights::update_one with the
// loss estimate −x̂ and η = γ/K.
#include <cmath>
#include <numbers>

#include <tessera/kit/exp_weights.hpp>
#include <tessera/kit/rng.hpp>
#include <tessera/kit/trace_schedule.hpp>

#include "reward_scale.hpp"

namespace bandit_envs {

class Exp3 {
public:
    static constexpr tsr::Info info{"bandit.exp3", "1.0.0", "EXP3 for adversarial K-armed bandits (bandit feedback)",
                                    "Auer, Cesa-Bianchi, Freund & Schapire, SIAM J. Comput. 32(1), 2002"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params {
        double gamma = 0.0;
        static void schema(tsr::Schema<Params>& s) {
            s.real("gamma", &Params::gamma,
                   "exploration rate gamma in (0, 1]; 0: Corollary 3.2's min(1, sqrt(K ln K / ((e-1) T)))",
                   {.min = 0.0, .max = 1.0});
        }
    };

    Exp3(const Params& p, uint64_t seed) : p_(p), rng_(seed) {}

    void run(tsr::Run& r) {
        tsr::EnvRef env = r.env();
        const tsr_env_spec& spec = env.spec();
        const int64_t K = spec.n_arms;
        if (K < 2) throw tsr::Unsupported("bandit.exp3 needs an environment with discrete arms (n_arms >= 2)");
        const double T = static_cast<double>(spec.horizon);
        const double gamma = p_.gamma > 0.0
                                 ? p_.gamma
                                 : std::min(1.0, std::sqrt(K * std::log(K) / ((std::numbers::e - 1.0) * T)));
        const LossScale scale(spec);
        tsr::kit::ExpWeights w(K);
        tsr::kit::TraceSchedule schedule(spec.horizon);
        tsr::Vec obs(spec.observation_dim);
        env.reset(r.seed(), obs);
        for (int64_t t = 1;; ++t) {
            const int64_t a = w.sample(rng_, gamma);
            const double p_a = (1.0 - gamma) * w.probabilities()(a) + gamma / static_cast<double>(K);
            const tsr_env_step st = env.step(a, obs);
            w.update_one(a, -scale.reward01(st.reward) / p_a, gamma / static_cast<double>(K));
            if (tsr::kit::report_step(r, schedule, t, st.done != 0) || st.done) break;
        }
    }

private:
    Params p_;
    tsr::kit::Rng rng_;
};

TSR_REGISTER(Exp3);

}  // namespace bandit_envs
