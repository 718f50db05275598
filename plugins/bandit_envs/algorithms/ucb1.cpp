// bandit.ucb1 — UCB1, Auer, Cesa-Bianchi & Fischer, "Finite-time analysis of the multiarmed bandit
// problem", Machine Learning 47, 2002, Figure 1:
//
//   play every arm once; then a_t = argmax_i  x̄_i + √(c · ln t / n_i)      (c = 2 in the paper)
//
// x̄_i: mean reward of arm i rescaled to [0, 1] (reward_scale.hpp), n_i: its pulls. Pseudo-regret
// ≤ Σ_{i: Δ_i > 0} 8 ln T / Δ_i + (1 + π²/3) Σ Δ_i (their Theorem 1). Bandit feedback only.
#include <cmath>

#include <tessera/kit/trace_schedule.hpp>

#include "reward_scale.hpp"

namespace bandit_envs {

class Ucb1 {
public:
    static constexpr tsr::Info info{"bandit.ucb1", "1.0.0", "UCB1 for stochastic K-armed bandits (bandit feedback)",
                                    "Auer, Cesa-Bianchi & Fischer, Machine Learning 47, 2002"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params {
        double c = 2.0;
        static void schema(tsr::Schema<Params>& s) {
            s.real("c", &Params::c, "exploration constant c of the bonus sqrt(c ln t / n_i) (paper: 2)", {.min = 0.0});
        }
    };

    explicit Ucb1(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        tsr::EnvRef env = r.env();
        const tsr_env_spec& spec = env.spec();
        const int64_t K = spec.n_arms;
        if (K < 2) throw tsr::Unsupported("bandit.ucb1 needs an environment with discrete arms (n_arms >= 2)");
        const LossScale scale(spec);
        tsr::Vec sum = tsr::Vec::Zero(K), pulls = tsr::Vec::Zero(K);
        tsr::kit::TraceSchedule schedule(spec.horizon);
        tsr::Vec obs(spec.observation_dim);
        env.reset(r.seed(), obs);
        for (int64_t t = 1;; ++t) {
            int64_t a = t - 1;  // the first K steps: every arm once
            if (t > K) {
                const double log_t = std::log(static_cast<double>(t));
                double best = -INFINITY;
                for (int64_t i = 0; i < K; ++i) {
                    const double index = sum(i) / pulls(i) + std::sqrt(p_.c * log_t / pulls(i));
                    if (index > best) best = index, a = i;
                }
            }
            const tsr_env_step st = env.step(a, obs);
            sum(a) += scale.reward01(st.reward);
            pulls(a) += 1.0;
            if (tsr::kit::report_step(r, schedule, t, st.done != 0) || st.done) break;
        }
    }

private:
    Params p_;
};

TSR_REGISTER(Ucb1);

}  // namespace bandit_envs
