/*
 * tessera/iface/env.h — `tsr.env.v1`: an environment the algorithm interacts with step by step
 * (bandits, online learning with full information, portfolios; later RL).
 *
 * At step t the algorithm sees an observation o_t (a context; empty for plain bandits), picks an
 * action a_t and receives a reward r_t(a_t). Actions are either one of K arms (`n_arms` > 0) or
 * a vector of `action_dim` doubles (`n_arms` == 0; a portfolio's weights). Losses are served as
 * rewards: r = −ℓ.
 *
 * Scenario — a contextual bandit:
 *
 *     const tsr_env_v1* env = problem->get_interface(problem, TSR_ENV_V1);
 *     tsr_env_spec spec = {sizeof spec};  env->spec(problem, &spec);       // once
 *     env->reset(problem, 0, obs);                                          // obs: observation_dim doubles
 *     for (;;) {
 *         int64_t arm = choose(obs);
 *         tsr_env_step st = {sizeof st};
 *         env->step(problem, arm, NULL, obs, outcome, &st);                 // obs <- o_{t+1}
 *         learn(arm, st.reward);                                            // outcome: full information only
 *         if (st.done) break;
 *     }
 *
 * Extra observations (the feedback-budget setting): after a step, `observe(problem, arm, &r)`
 * returns the reward another arm would have earned at that same step. The host proxy counts them
 * as their own oracle ("tsr.env.v1/observe"), apart from the steps.
 *
 * Reproducibility and regret. The whole sequence an environment can produce — contexts, every
 * arm's reward at every step, price relatives — is fixed by the problem's creation seed and does
 * not depend on the actions taken (an OBLIVIOUS environment; every bandit problem here is one).
 * `reset` replays it from step 0. Regret is therefore well defined, and the environment serves
 * the sequence, for metrics only, through `tsr.ground_truth.v1` under these names:
 *     "rewards"       T × K  every arm's realized reward at every step,
 *     "mean_rewards"  T × K  every arm's expected reward given the step's context (stochastic
 *                            environments; absent for adversarial ones).
 * The host records the actions played and the rewards received (run arrays "env.actions",
 * "env.rewards"; trace columns "env.steps", "env.reward", "env.switches", and "env.regret" /
 * "env.pseudo_regret" computed from the tables above at every trace point): algorithms need not
 * report them, and cannot fake them.
 *
 * Buffers are owned by the caller: `observation` holds observation_dim doubles, `outcome` holds
 * outcome_dim doubles, `action` holds action_dim doubles; each may be NULL when its dimension is 0
 * (and `outcome` may be NULL when the caller does not want it).
 *
 * Counting: the proxy counts each step as one oracle unit ("tsr.env.v1/step") and each extra
 * observation as one ("tsr.env.v1/observe"); reset and spec are calls only.
 * Status: TSR_OK; TSR_BUDGET_EXHAUSTED from the proxy; TSR_ERR_INVALID_ARGUMENT for an arm out of
 * range, a step before reset or after done, an observe before the first step.
 */
#ifndef TESSERA_IFACE_ENV_H
#define TESSERA_IFACE_ENV_H

#include "../abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSR_ENV_V1 "tsr.env.v1"

/* What the step after an action reveals besides the reward (tsr_env_spec.feedback). */
#define TSR_FEEDBACK_BANDIT 0 /* only r_t(a_t)                                                  */
#define TSR_FEEDBACK_FULL   1 /* also the outcome vector: every arm's reward, or the market move */

/* Growable: the caller sets struct_size; the callee writes only the fields that fit. */
typedef struct tsr_env_spec {
    uint32_t struct_size;
    int32_t feedback;          /* TSR_FEEDBACK_*                                                 */
    int64_t n_arms;            /* K > 0 for a discrete action; 0 for a vector action             */
    int64_t action_dim;        /* length of a vector action; 0 for a discrete one                */
    int64_t observation_dim;   /* length of the observation (context); 0 for none                */
    int64_t outcome_dim;       /* length of the outcome vector under full feedback; else 0       */
    int64_t horizon;           /* T: steps in an episode (done after step T)                     */
    int32_t can_observe;       /* 1 when `observe` (extra observations) is served                */
    int32_t reserved0;
    double reward_min;         /* bounds of a reward, for algorithms that rescale (may be ±inf)  */
    double reward_max;
} tsr_env_spec;

/* What one step returned. Growable (struct_size set by the caller). */
typedef struct tsr_env_step {
    uint32_t struct_size;
    int32_t done;              /* 1 after the last step of the episode                           */
    double reward;             /* r_t(a_t)                                                       */
} tsr_env_step;

typedef struct tsr_env_v1 {
    /* [any] Fills *out. Constant. */
    void (*spec)(tsr_object* obj, tsr_env_spec* out);

    /* [object] Starts an episode at step 0 and writes the first observation. `seed` drives an
     * episode's own randomness in environments that have some (MDP transitions); oblivious
     * environments ignore it and replay their fixed sequence. */
    tsr_status (*reset)(tsr_object* obj, uint64_t seed, double* observation);

    /* [object] Plays an action: `arm` in [0, n_arms) for a discrete action (`action` ignored,
     * may be NULL), or `action` (action_dim doubles; `arm` ignored) for a vector one. Writes the
     * reward and done into *out, the next observation into `observation` (unchanged after the
     * last step), and under full feedback the step's outcome vector into `outcome`. */
    tsr_status (*step)(tsr_object* obj, int64_t arm, const double* action, double* observation,
                       double* outcome, tsr_env_step* out);

    /* [object] The reward `arm` would have earned at the step just played (discrete actions;
     * `can_observe` == 1). TSR_ERR_UNSUPPORTED when not served. */
    tsr_status (*observe)(tsr_object* obj, int64_t arm, double* reward);
} tsr_env_v1;

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_IFACE_ENV_H */
