// minimax.icp — invariant causal prediction (Peters, Bühlmann & Meinshausen, JRSS-B 2016), the
// ICP baseline of the paper: every subset S of the covariates with |S| <= max_size is tested for
// invariance of the pooled least-squares residuals across the training environments
// (math/invariance_test.hpp); the estimate is the intersection of the accepted subsets (empty
// when none is accepted), and the predictor is least squares of Y on it.
// Trace: one point at the end: objective the training MSE, the number of accepted subsets.
// Outputs (math/predictor.hpp): "inputs" = "subset" = the ICP set, "predictor"; scalar accepted.
#include <algorithm>

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
        const EnvGroups groups = env_groups(data.env);
        NodeSet intersection = all;
        int64_t accepted = 0;
        Mat X;
        Vec fit, residual;
        tsr::kit::Rng rng(r.seed());  // a linear fit draws nothing from it
        auto test = [&](NodeSet s) {
            Mlp f;
            gather(data.V, members(s, data.d), X);
            f.fit(X, y, {.hidden = 0, .linear = true}, rng, &fit);
            residual = y - fit;
            if (residual_invariance_pvalue(residual, groups) > p_.alpha) {
                intersection &= s;
                ++accepted;
            }
        };
        // The subsets of size 0..max_size only, each size by Gosper's next-combination (the next
        // larger integer with as many bits): walking all 2^d subsets to skip the large ones never
        // ends at d >= 40. The intersection and the count do not depend on the order.
        const int64_t k_max = std::min<int64_t>(p_.max_size, data.d);
        bool stop = false;
        for (int64_t k = 0; k <= k_max && !stop; ++k) {
            for (NodeSet s = (NodeSet{1} << k) - 1; s <= all;) {
                test(s);
                if (r.should_stop()) {
                    stop = true;
                    break;
                }
                if (s == 0) break;
                const NodeSet low = s & -s, ripple = s + low;
                s = (((ripple ^ s) >> 2) / low) | ripple;
            }
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
