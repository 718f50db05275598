// bandit.hedge_sd — Hedge with lazy "shrinking dartboard" sampling, Geulen, Vöcking & Winkler,
// "Regret minimization for online buffering problems using the weighted majority algorithm",
// COLT 2010, Algorithm 1 (SD): a full-information learner that switches rarely.
//
//   w_{t+1}(i) = w_t(i) (1 − η)^{ℓ_t(i)},   p_t = w_t / Σ w_t
//   keep a_t with probability w_{t+1}(a_t) / w_t(a_t), else draw a_{t+1} ~ p_{t+1}
//
// Regret O(√(T ln K)) with expected switches O(√(T ln K)) for η = √(ln K / T) (their Theorem 2;
// the default). Full information: the losses of every arm at every step, from the step's outcome
// vector when the environment gives full feedback, else by observing the K − 1 other arms after
// each step (counted by the host as extra observations, tsr.env.v1/observe). (1 − η)^ℓ is kept
// as exp(−η' ℓ) with η' = −ln(1 − η) (tessera/kit/exp_weights.hpp).
#include <cmath>

#include <tessera/kit/exp_weights.hpp>
#include <tessera/kit/rng.hpp>
#include <tessera/kit/trace_schedule.hpp>

#include "reward_scale.hpp"

namespace bandit_envs {

class HedgeSd {
public:
    static constexpr tsr::Info info{
        "bandit.hedge_sd", "1.0.0",
        "Hedge with shrinking-dartboard lazy sampling: full information, few switches",
        "Geulen, Voecking & Winkler, Regret minimization for online buffering problems using the weighted "
        "majority algorithm, COLT 2010"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params {
        double eta = 0.0;
        static void schema(tsr::Schema<Params>& s) {
            s.real("eta", &Params::eta, "eta in (0, 1/2]: weights shrink by (1 - eta)^loss; 0: sqrt(ln K / T)",
                   {.min = 0.0, .max = 0.5});
        }
    };

    HedgeSd(const Params& p, uint64_t seed) : p_(p), rng_(seed) {}

    void run(tsr::Run& r) {
        tsr::EnvRef env = r.env();
        const tsr_env_spec& spec = env.spec();
        const int64_t K = spec.n_arms;
        if (K < 2) throw tsr::Unsupported("bandit.hedge_sd needs an environment with discrete arms (n_arms >= 2)");
        const bool full = spec.feedback == TSR_FEEDBACK_FULL;
        if (!full && spec.can_observe != 1)
            throw tsr::Unsupported("bandit.hedge_sd needs full feedback or extra observations (can_observe)");
        const double eta = p_.eta > 0.0 ? p_.eta
                                        : std::min(0.5, std::sqrt(std::log(static_cast<double>(K)) /
                                                                  static_cast<double>(spec.horizon)));
        const double eta_exp = -std::log1p(-eta);
        const LossScale scale(spec);
        tsr::kit::ExpWeights w(K);
        tsr::kit::TraceSchedule schedule(spec.horizon);
        tsr::Vec obs(spec.observation_dim), outcome(full ? spec.outcome_dim : 0), loss(K);
        env.reset(r.seed(), obs);
        int64_t a = w.sample(rng_);
        for (int64_t t = 1;; ++t) {
            tsr_env_step st = full ? env.step(a, obs, outcome) : env.step(a, obs);
            for (int64_t i = 0; i < K; ++i) {
                const double reward = full ? outcome(i) : (i == a ? st.reward : env.observe(i));
                loss(i) = scale.loss(reward);
            }
            w.update(loss, eta_exp);
            a = w.lazy_resample(a, std::exp(-eta_exp * loss(a)), rng_);
            if (tsr::kit::report_step(r, schedule, t, st.done != 0) || st.done) break;
        }
    }

private:
    Params p_;
    tsr::kit::Rng rng_;
};

TSR_REGISTER(HedgeSd);

}  // namespace bandit_envs
