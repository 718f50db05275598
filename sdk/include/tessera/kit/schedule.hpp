// tessera/kit/schedule.hpp — named learning-rate schedules of the minibatch methods: the
// multiplier η_t of a base (peak) learning rate at minibatch step t = 0, ..., T−1.
//
//   constant  η_t = 1
//   linear    η_t = 1 − t/T                        (decays to 0 over the run; the worst-case optimal
//                                                   last-iterate schedule of Defazio et al. 2023)
//   cosine    η_t = ½ (1 + cos(π t / T))           (Loshchilov & Hutter, SGDR, ICLR 2017, eq. 5,
//                                                   one period, η_min = 0, no warm restart)
//   step      η_t = γ^⌊epoch / step_every⌋          (divide by 1/γ every step_every epochs)
//
// Used by opt.sgd / opt.adam / opt.adamw (baselines) and lr_refine; the loop that applies them
// is kit/minibatch.hpp. A schedule that is not one of these (e.g. a table computed from a previous
// run) is any callable lr(t, T, epoch) handed to tsr::kit::minibatch_loop.
//
// Ownership: values only. Thread rule: pure functions.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>

#include <tessera/sdk/errors.hpp>

namespace tsr::kit {

enum class Schedule { constant, linear, cosine, step };

inline Schedule parse_schedule(const std::string& name) {
    if (name == "constant") return Schedule::constant;
    if (name == "linear") return Schedule::linear;
    if (name == "cosine") return Schedule::cosine;
    if (name == "step") return Schedule::step;
    throw tsr::InvalidArgument("unknown schedule '" + name + "' (constant, linear, cosine, step)");
}

struct ScheduleSpec {
    Schedule kind = Schedule::constant;
    double gamma = 0.1;
    int64_t step_every = 10;
};

// η_t for step t of T, in epoch `epoch` (0-based).
inline double schedule_factor(const ScheduleSpec& s, int64_t t, int64_t T, int64_t epoch) {
    const double frac = T > 0 ? static_cast<double>(t) / static_cast<double>(T) : 0.0;
    switch (s.kind) {
        case Schedule::constant: return 1.0;
        case Schedule::linear: return 1.0 - frac;
        case Schedule::cosine: return 0.5 * (1.0 + std::cos(std::numbers::pi * frac));
        case Schedule::step: return std::pow(s.gamma, static_cast<double>(epoch / s.step_every));
    }
    return 1.0;
}

}  // namespace tsr::kit
