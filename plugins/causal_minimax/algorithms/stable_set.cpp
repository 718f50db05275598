// minimax.stable_set — the whole-stable-set predictor f_S(x) = E[Y | x_S, do(x_M)], S = X \ M,
// the baseline the paper compares against (the do-predictor of the "independent causal
// mechanisms" methods; optimal when the graphical condition holds). Fitted as
// in minimax.subset (math/minimax.hpp: permutation of X_do*, regeneration, MLP regression);
// with estimate_risk also its worst-case risk h*(S) by the same gradient ascent (then one trace
// point per logged ascent step, objective the current estimate; else one point, objective 0).
// Outputs (math/predictor.hpp): "inputs" (S ∪ M), "subset" (S), "predictor"; scalars
// worst_case_risk (NaN unless estimated), condition_holds, subset_size.
#include "algorithms/data.hpp"
#include "algorithms/options.hpp"

namespace minimax {

class MinimaxStableSet {
public:
    static constexpr tsr::Info info{
        "minimax.stable_set", "1.0.0", "the whole stable set predictor E[Y | x_S, do(x_M)] (no subset selection)",
        "Liu, Zheng, Sun, Fang & Wang, Which Invariance Should We Transfer? A Causal Minimax Learning Approach, ICML "
        "2023"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params : EstimationParams {
        bool estimate_risk = false;
        static void schema(tsr::Schema<Params>& s) {
            s.boolean("estimate_risk", &Params::estimate_risk, "also estimate the worst-case risk by gradient ascent");
            EstimationParams::add_to(s);
        }
    };

    explicit MinimaxStableSet(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const TrainingData data = read_training_data(r);
        require_graph(data, "minimax.stable_set");
        MinimaxEstimator est(data, p_.options(), r.seed());
        const Components& c = est.components();
        Mlp f = est.fit_predictor(c.S);
        double risk = std::numeric_limits<double>::quiet_NaN();
        const double size = static_cast<double>(std::popcount(c.S));
        int64_t point = 0;
        if (p_.estimate_risk)
            risk = est.worst_case_risk(c.S, f, [&](double mse) { return r.report(point++, mse, {{"size", size}}); }).first;
        else
            r.report(0, 0.0, {{"size", size}});
        put_predictor(r, data.d, c.S | c.M, c.S, f);
        r.put_scalar("worst_case_risk", risk);
        r.put_scalar("condition_holds", c.condition_holds ? 1.0 : 0.0);
    }

private:
    Params p_;
};

TSR_REGISTER(MinimaxStableSet);

}  // namespace minimax
