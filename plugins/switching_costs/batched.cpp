// sc.batched — the batched framework for online learning with switching costs and a feedback
// budget of Cheng, Zhou & Ji, "Understanding the Role of Feedback in Online Learning with
// Switching Costs", ICML 2023 (arXiv:2306.09588): split the T rounds into N batches, play ONE
// arm per batch (so at most N − 1 switches), build an unbiased estimate of each batch's losses
// from the feedback the mode buys, and run exponential weights over batches.
//
//   for batch b = 1..N (rounds [⌊(b−1)T/N⌋, ⌊bT/N⌋)):
//     play A_b for every round of the batch
//     full:    at a round u_b uniform in the batch, observe every arm (K − 1 extra observations);
//              ℓ̂_b(i) = ℓ_{u_b}(i)                     (unbiased for the batch mean loss of i)
//              w ← w·exp(−η ℓ̂_b);  A_{b+1} = A_b with probability exp(−η ℓ̂_b(A_b)), else ~ p
//              (lazy, the shrinking dartboard of Geulen et al. 2010; sampling = "fresh": ~ p)
//     bandit:  ℓ̄_b = mean loss of A_b over the batch;  ℓ̂_b(i) = ℓ̄_b 1{i = A_b} / p_b(i)
//              w ← w·exp(−η ℓ̂_b);  A_{b+1} ~ p            (batched EXP3)
//
// N, τ, η and the auto mode choice: feedback_plan.hpp. Losses are rewards rescaled to [0, 1]
// (bandit_envs/algorithms/reward_scale.hpp). B counts extra observations (tsr.env.v1/observe):
// the setting of bandit learning with B_ex extra observations; the run never exceeds B.
#include <cmath>
#include <string>

#include <tessera/kit/exp_weights.hpp>
#include <tessera/kit/rng.hpp>
#include <tessera/kit/trace_schedule.hpp>

#include "algorithms/reward_scale.hpp"
#include "feedback_plan.hpp"

namespace switching_costs {

using bandit_envs::LossScale;

class Batched {
public:
    static constexpr tsr::Info info{
        "sc.batched", "1.0.0",
        "batched online learning with switching costs and an extra-observation budget B (parameter budget): full-information "
        "(Hedge, lazy) or bandit (batched EXP3) mode, or chosen by B",
        "Cheng, Zhou & Ji, Understanding the Role of Feedback in Online Learning with Switching Costs, ICML 2023"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params {
        std::string mode = "auto";
        int64_t budget = 0;
        std::string sampling = "lazy";
        int64_t batch = 0;
        static void schema(tsr::Schema<Params>& s) {
            s.choice("mode", &Params::mode, {"auto", "full", "bandit"},
                     "full: K-1 extra observations at one round per batch + Hedge; bandit: batched EXP3; auto: the "
                     "mode with the smaller regret bound for this B");
            s.integer("budget", &Params::budget, "B: budget of extra observations (tsr.env.v1/observe) for the whole run",
                      {.min = 0});
            s.choice("sampling", &Params::sampling, {"lazy", "fresh"},
                     "full mode: lazy (shrinking-dartboard) or fresh draw of the next batch's arm");
            s.integer("batch", &Params::batch, "batch length tau; 0: the plan's (feedback_plan.hpp)", {.min = 0});
        }
    };

    Batched(const Params& p, uint64_t seed) : p_(p), rng_(seed) {}

    void run(tsr::Run& r) {
        tsr::EnvRef env = r.env();
        const tsr_env_spec& spec = env.spec();
        const int64_t K = spec.n_arms, T = spec.horizon;
        if (K < 2) throw tsr::Unsupported("sc.batched needs a discrete action with K >= 2 arms");
        if (spec.can_observe != 1 && p_.mode == "full")
            throw tsr::Unsupported("mode full needs extra observations (the environment's can_observe)");
        const int64_t budget = spec.can_observe == 1 ? p_.budget : 0;
        const bool lazy = p_.sampling == "lazy";
        const FeedbackPlan plan = choose_plan(p_.mode, T, K, budget, p_.batch, lazy);
        if (plan.batches < 1)
            throw tsr::InvalidArgument("mode full needs B >= K - 1 = " + std::to_string(K - 1) +
                                       " extra observations for one batch");
        r.put_scalar("batches", static_cast<double>(plan.batches));
        r.put_scalar("full_mode", plan.mode == Mode::full ? 1.0 : 0.0);
        r.put_scalar("eta", plan.eta);

        const LossScale scale(spec);
        tsr::kit::ExpWeights w(K);
        tsr::kit::TraceSchedule schedule(T);
        tsr::Vec obs(spec.observation_dim), loss_hat(K);
        env.reset(r.seed(), obs);
        int64_t arm = w.sample(rng_), steps = 0;
        for (int64_t b = 0; b < plan.batches; ++b) {
            const int64_t begin = b * T / plan.batches, end = (b + 1) * T / plan.batches;
            const int64_t observed_round = begin + static_cast<int64_t>(rng_.below(static_cast<uint64_t>(end - begin)));
            double batch_loss = 0.0;
            for (int64_t t = begin; t < end; ++t) {
                const tsr_env_step st = env.step(arm, obs);
                ++steps;
                const double loss = scale.loss(st.reward);
                batch_loss += loss;
                if (plan.mode == Mode::full && t == observed_round)
                    for (int64_t i = 0; i < K; ++i) loss_hat(i) = i == arm ? loss : scale.loss(env.observe(i));
                if (tsr::kit::report_step(r, schedule, steps, st.done != 0 || steps == T)) return;
                if (st.done) return;
            }
            if (plan.mode == Mode::full) {
                w.update(loss_hat, plan.eta);
                arm = lazy ? w.lazy_resample(arm, std::exp(-plan.eta * loss_hat(arm)), rng_) : w.sample(rng_);
            } else {
                const double mean_loss = batch_loss / static_cast<double>(end - begin);
                w.update_one(arm, mean_loss / w.probabilities()(arm), plan.eta);
                arm = w.sample(rng_);
            }
        }
    }

private:
    Params p_;
    tsr::kit::Rng rng_;
};

TSR_REGISTER(Batched);

}  // namespace switching_costs
