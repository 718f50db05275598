// opt.time_to_target — the cost of reaching a target accuracy, read from the trace.
//
//   the first trace point k with  f_k − f* <= target                 (mode = absolute)
//                             or  f_k − f* <= target · (f_0 − f*)    (mode = relative;
//                                 f_0 = the first trace objective, the starting point's value)
//   evals_to_target      = oracle units spent by then (host count; with `counters`, only the units
//                          of those counters, e.g. a target-based method's expensive gradients —
//                          see trace_cost in metric_util.hpp)
//   seconds_to_target    = wall time by then
//   iterations_to_target = the algorithm's iteration number at that point
//
// All NaN when the problem has no "f_star"; when the target is never reached, NaN too, or +inf
// with unreached = "inf" (a run that never gets there costs more than any that does, so a claim
// "A reaches it with fewer calls than B" can hold when only B fails). The cost resolution is
// that of the trace: with report_every > 1 it is an upper bound.
#include "metric_util.hpp"

namespace baselines {

class TimeToTarget {
public:
    static constexpr tsr::Info info{"opt.time_to_target", "1.1.0",
                                    "oracle calls, seconds and iterations until f - f_star <= target", nullptr};
    static constexpr const char* needs[] = {TSR_GROUND_TRUTH_V1};
    static constexpr tsr::Output outputs[] = {
        {"evals_to_target", TSR_LOWER_IS_BETTER, "oracle units spent when the target was first reached"},
        {"seconds_to_target", TSR_LOWER_IS_BETTER, "wall seconds when the target was first reached"},
        {"iterations_to_target", TSR_LOWER_IS_BETTER, "iteration at which the target was first reached"},
    };
    struct Params {
        double target = 1e-6;
        std::string mode = "absolute";
        std::string counters;
        std::string unreached = "nan";
        static void schema(tsr::Schema<Params>& s) {
            s.real("target", &Params::target, "accuracy to reach on f - f_star (absolute) or as a fraction of f(x0) - f_star (relative)",
                   {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.choice("mode", &Params::mode, {"absolute", "relative"},
                     "absolute: f - f* <= target; relative: f - f* <= target * (f(x0) - f*)");
            add_counters_param(s, &Params::counters);
            s.choice("unreached", &Params::unreached, {"nan", "inf"},
                     "outputs when the target is never reached: NaN, or +inf (never reached costs more than any cost)");
        }
    };

    explicit TimeToTarget(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        out[0] = out[1] = out[2] = kNaN;
        const std::optional<double> fs = f_star(r);
        const auto f = r.trace_objective();
        if (!fs || f.empty()) return;
        double threshold = p_.target;
        if (p_.mode == "relative") {
            if (!std::isfinite(f[0])) return;
            threshold = p_.target * std::max(f[0] - *fs, 0.0);
        }
        const std::vector<double> cost = trace_cost(r, p_.counters);
        for (size_t k = 0; k < f.size(); ++k) {
            if (std::isfinite(f[k]) && f[k] - *fs <= threshold) {
                out[0] = cost[k];
                out[1] = r.trace_seconds()[k];
                out[2] = static_cast<double>(r.trace_iteration()[k]);
                return;
            }
        }
        if (p_.unreached == "inf") out[0] = out[1] = out[2] = std::numeric_limits<double>::infinity();
    }

private:
    Params p_;
};

TSR_REGISTER(TimeToTarget);

}  // namespace baselines
