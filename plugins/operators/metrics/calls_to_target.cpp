// op.calls_to_target — the component oracle calls a run spent to reach a target residual, read
// from its trace.
//
//   threshold = target · res(u0)   (mode = relative; res(u0) recomputed on the unproxied problem)
//             = target             (mode = absolute)
//   the first trace point k whose objective (the unit-step residual the operator methods report,
//   algorithms/operator_loop.hpp) is <= threshold gives
//   calls_to_target      = units:tsr.operator.v1/value + units:tsr.operator.v1/batch at k
//                          (component evaluations counted by the host proxy: n per full value,
//                          m per batch of m; resolvent calls are not units);
//   epochs_to_target     = calls_to_target / n;
//   iterations_to_target = the algorithm's iteration number at k;
//   seconds_to_target    = wall time at k.
// All NaN when the target is never reached. The resolution is that of the trace: methods that
// report only where they know F(u) exactly (variance-reduced ones: at full evaluations) give an
// upper bound within one reporting interval.
#include <cmath>
#include <limits>

#include "../common/residual.hpp"

namespace operators {

class CallsToTarget {
public:
    static constexpr tsr::Info info{"op.calls_to_target", "1.0.0",
                                    "component oracle calls (value + batch units) until the residual <= target",
                                    nullptr};
    static constexpr const char* needs[] = {TSR_OPERATOR_V1};
    static constexpr tsr::Output outputs[] = {
        {"calls_to_target", TSR_LOWER_IS_BETTER, "component evaluations (F_i calls) spent when the target was reached"},
        {"epochs_to_target", TSR_LOWER_IS_BETTER, "calls_to_target / n"},
        {"iterations_to_target", TSR_LOWER_IS_BETTER, "iteration at which the target was first reached"},
        {"seconds_to_target", TSR_LOWER_IS_BETTER, "wall seconds when the target was first reached"},
    };
    struct Params {
        double target = 1e-3;
        std::string mode = "relative";
        static void schema(tsr::Schema<Params>& s) {
            s.real("target", &Params::target,
                   "residual to reach: absolute, or as a fraction of the residual at the starting point (relative)",
                   {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.choice("mode", &Params::mode, {"relative", "absolute"},
                     "relative: residual <= target * residual(u0); absolute: residual <= target");
        }
    };

    explicit CallsToTarget(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        constexpr double nan = std::numeric_limits<double>::quiet_NaN();
        for (double& v : out) v = nan;
        const auto op = tsr::try_ref<tsr::OperatorRef, tsr_operator_v1>(r.problem(), TSR_OPERATOR_V1);
        if (!op) return;
        double threshold = p_.target;
        if (p_.mode == "relative") {
            const tsr::Vec u0 = op->initial_point();
            tsr::Vec Fu(op->dim()), w(op->dim());
            op->value(u0, Fu);
            threshold *= natural_residual(*op, u0, Fu, 1.0, w);
        }
        const auto res = r.trace_objective();
        const auto value_units = r.trace_column("units:tsr.operator.v1/value");
        const auto batch_units = r.trace_column("units:tsr.operator.v1/batch");
        for (size_t k = 0; k < res.size(); ++k) {
            if (!(std::isfinite(res[k]) && res[k] <= threshold)) continue;
            double calls = 0.0;
            if (value_units) calls += (*value_units)[k];
            if (batch_units) calls += (*batch_units)[k];
            if (!value_units && !batch_units) calls = static_cast<double>(r.trace_evals()[k]);
            out[0] = calls;
            out[1] = calls / static_cast<double>(op->n_components());
            out[2] = static_cast<double>(r.trace_iteration()[k]);
            out[3] = r.trace_seconds()[k];
            return;
        }
    }

private:
    Params p_;
};

TSR_REGISTER(CallsToTarget);

}  // namespace operators
