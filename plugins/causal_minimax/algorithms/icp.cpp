// minimax.icp — invariant causal prediction (Peters, Bühlmann & Meinshausen, JRSS-B 2016), the
// ICP baseline of the paper: every subset S of the covariates with |S| <= max_size is tested for
// invariance of the pooled least-squares residuals across the training environments
// (math/invariance_test.hpp); the estimate is the intersection of the accepted subsets (empty
// when none is accepted), and the predictor is least squares of Y on it.
// Trace: one point at the end: objective the training MSE, the number of accepted subsets.
// Outputs (math/predictor.hpp): "inputs" = "subset" = the ICP set, "predictor"; scalar accepted.
#include "algorithms/data.hpp"
#include "math/invariance_test.hpp"

namespace minimax {

class MinimaxIcp {
public:
    static constexpr tsr::Info info{
        "minimax.icp", "1.0.0", "ICP: intersection of the subsets whose residuals are invariant across environments",
        "Peters, Buhlmann & Meinshausen, Causal inference by using invariant prediction, JRSS-B 2016"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params {
        double alpha = 0.05;
        int64_t max_size = 8;
        static void schema(tsr::Schema<Params>& s) {
            s.real("alpha", &Params::alpha, "level of the invariance test (ICP: 0.05)", {.min = 0.0, .max = 1.0});
            s.integer("max_size", &Params::max_size, "largest subset tested (the R package's maxNoVariables: 8)",
                      {.min = 0});
        }
    };

    explicit MinimaxIcp(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const TrainingData data = read_training_data(r);
        const NodeSet all = (NodeSet{1} << data.d) - 1;
        const Vec y = data.V.col(data.y());
        NodeSet intersection = all;
        int64_t accepted = 0;
        Mat X;
        Vec fit;
        tsr::kit::Rng rng(r.seed());
        for (NodeSet s = 0;; s = (s - all) & all) {  // every subset, in increasing order
            if (std::popcount(s) <= p_.max_size) {
                Mlp f;
                gather(data.V, members(s, data.d), X);
                f.fit(X, y, {.hidden = 0, .linear = true}, rng);
                f.forward(X, fit);
                if (residual_invariance_pvalue(y - fit, data.env) > p_.alpha) {
                    intersection &= s;
                    ++accepted;
                }
            }
            if (s == all || r.should_stop()) break;
        }
        if (accepted == 0) intersection = 0;
        Mlp f;
        gather(data.V, members(intersection, data.d), X);
        const double mse = f.fit(X, y, {.hidden = 0, .linear = true}, rng);
        r.report(0, mse, {{"accepted", static_cast<double>(accepted)}});
        put_predictor(r, data.d, intersection, intersection, f);
        r.put_scalar("accepted", static_cast<double>(accepted));
    }

private:
    Params p_;
};

TSR_REGISTER(MinimaxIcp);

}  // namespace minimax
