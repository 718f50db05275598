// opt.objective_at_cost — the objective a run had reached when it had spent a given cost, read
// from its trace: for "how low does the loss get for the same number of expensive gradients".
//
//   objective_at_cost     = f at the last trace point whose cost <= `cost`
//   suboptimality_at_cost = that f − f_star (NaN without "f_star")
//
// The cost is trace_cost (metric_util.hpp): the units of the `counters` named, or all oracle
// units. NaN when no trace point is within the cost (not even the starting point). The
// resolution is that of the trace: the value is the one reported at or before the cost.
#include "metric_util.hpp"

namespace baselines {

class ObjectiveAtCost {
public:
    static constexpr tsr::Info info{"opt.objective_at_cost", "1.0.0",
                                    "objective (and f - f_star) at the last trace point within a cost in oracle units",
                                    nullptr};
    static constexpr tsr::Output outputs[] = {
        {"objective_at_cost", TSR_LOWER_IS_BETTER, "trace objective at the last point whose cost <= cost"},
        {"suboptimality_at_cost", TSR_LOWER_IS_BETTER, "objective_at_cost - f_star (NaN without f_star)"},
    };
    struct Params {
        double cost = 1e4;
        std::string counters;
        static void schema(tsr::Schema<Params>& s) {
            s.real("cost", &Params::cost, "the cost (oracle units of the counters) at which to read the objective",
                   {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            add_counters_param(s, &Params::counters);
        }
    };

    explicit ObjectiveAtCost(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        out[0] = out[1] = kNaN;
        const auto f = r.trace_objective();
        const std::vector<double> cost = trace_cost(r, p_.counters);
        for (size_t k = 0; k < f.size() && cost[k] <= p_.cost; ++k) out[0] = f[k];
        if (const std::optional<double> fs = f_star(r); fs && !std::isnan(out[0])) out[1] = out[0] - *fs;
    }

private:
    Params p_;
};

TSR_REGISTER(ObjectiveAtCost);

}  // namespace baselines
