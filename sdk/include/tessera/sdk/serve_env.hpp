// tessera/sdk/serve_env.hpp — serving tsr.env.v1 (iface/env.h): an environment played step by step.
//
//   tsr::Env   tsr_env_spec env_spec() const;          (struct_size set by the SDK; constant, and
//                                                      called on EVERY step: return a stored spec,
//                                                      never compute it there)
//              void reset(uint64_t seed, tsr::VecMap observation);
//              double step(int64_t arm, tsr::CVecMap action, tsr::VecMap observation,
//                          tsr::VecMap outcome, bool& done);
//                   // returns r_t(a_t). Discrete envs: arm checked in [0, n_arms), action empty.
//                   // Vector envs: arm = −1, action has action_dim entries. outcome has
//                   // outcome_dim entries, or data() == nullptr when the caller passed NULL.
//              double observe(int64_t arm);      optional (spec.can_observe = 1); arm checked
// Oblivious environments serve "rewards" / "mean_rewards" (T × K) through tsr::GroundTruth.
#pragma once

#include <cstring>
#include <string>

#include "../iface/env.h"
#include "serve.hpp"

namespace tsr {

struct Env {};

namespace detail {

template <class C>
concept EnvProblem = requires(C c, const C cc, uint64_t seed, CVecMap a, VecMap out, bool& done) {
    { cc.env_spec() } -> std::convertible_to<tsr_env_spec>;
    c.reset(seed, out);
    { c.step(int64_t{0}, a, out, out, done) } -> std::convertible_to<double>;
};

template <class C>
struct Serve<Env, C> {
    static_assert(EnvProblem<C>,
                  "tsr::Env needs env_spec(), reset(seed, observation), "
                  "step(arm, action, observation, outcome, done) -> reward");
    static constexpr const char* id = TSR_ENV_V1;
    using H = Holder<C>;
    static constexpr bool kCanObserve = requires(C c) { { c.observe(int64_t{0}) } -> std::convertible_to<double>; };

    static void check_arm(const tsr_env_spec& s, int64_t arm) {
        if (arm < 0 || arm >= s.n_arms)
            throw InvalidArgument("arm " + std::to_string(arm) + " is out of range: the environment has " +
                                  std::to_string(s.n_arms) + " arms, numbered 0 to " + std::to_string(s.n_arms - 1));
    }
    // [any] and void: a throwing env_spec() leaves the caller's fields as they were.
    static void spec(tsr_object* o, tsr_env_spec* out) {
        if (!out) return;
        try {
            tsr_env_spec s = H::of(o).impl.env_spec();
            write_growable(out, s);
        } catch (...) {
        }
    }
    static tsr_status reset(tsr_object* o, uint64_t seed, double* observation) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            const tsr_env_spec s = h.impl.env_spec();
            h.impl.reset(seed, VecMap(observation, observation ? s.observation_dim : 0));
        });
    }
    static tsr_status step(tsr_object* o, int64_t arm, const double* action, double* observation, double* outcome,
                           tsr_env_step* out) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            if (!out) throw InvalidArgument("step: the output struct is NULL");
            const tsr_env_spec s = h.impl.env_spec();
            if (s.n_arms > 0) {
                check_arm(s, arm);
            } else {
                if (!action) throw InvalidArgument("step: this environment takes a vector action, and action is NULL");
                arm = -1;
            }
            bool done = false;
            const double r = h.impl.step(arm, CVecMap(s.n_arms > 0 ? nullptr : action, s.n_arms > 0 ? 0 : s.action_dim),
                                         VecMap(observation, observation ? s.observation_dim : 0),
                                         VecMap(outcome, outcome ? s.outcome_dim : 0), done);
            tsr_env_step st{};
            st.struct_size = sizeof st;
            st.done = done ? 1 : 0;
            st.reward = r;
            write_growable(out, st);
        });
    }
    static tsr_status observe(tsr_object* o, int64_t arm, double* reward) {
        H& h = H::of(o);
        if constexpr (kCanObserve) {
            return guard(h.error, [&] {
                if (!reward) throw InvalidArgument("observe: reward is NULL");
                check_arm(h.impl.env_spec(), arm);
                *reward = h.impl.observe(arm);
            });
        } else {
            return guard(h.error, [&] { throw Unsupported("this environment serves no extra observations"); });
        }
    }
    static const void* table() {
        static const tsr_env_v1 t{&spec, &reset, &step, &observe};
        return &t;
    }
};

}  // namespace detail
}  // namespace tsr
