// opt.final_objective — the objective value the algorithm reached, read from its trace.
//
//   final_objective = the last finite trace objective      (lower is better)
//   best_objective  = the smallest finite trace objective  (lower is better)
//
// NaN when the trace has no finite objective. Needs nothing from the problem.
#include "metric_util.hpp"

namespace baselines {

class FinalObjective {
public:
    static constexpr tsr::Info info{"opt.final_objective", "1.0.0", "last and best finite objective of the trace",
                                    nullptr};
    static constexpr tsr::Output outputs[] = {
        {"final_objective", TSR_LOWER_IS_BETTER, "last finite objective value reported in the trace"},
        {"best_objective", TSR_LOWER_IS_BETTER, "smallest finite objective value reported in the trace"},
    };

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        out[0] = last_finite_objective(r).value_or(kNaN);
        double best = kNaN;
        for (double f : r.trace_objective())
            if (std::isfinite(f) && !(f >= best)) best = f;
        out[1] = best;
    }
};

TSR_REGISTER(FinalObjective);

}  // namespace baselines
