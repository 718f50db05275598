// minimax.erm — empirical risk minimization on all covariates, pooled over the training
// environments: ordinary least squares (model = "linear", the paper's ERM baseline), or the same
// MLP regressor as the stable predictors (model = "mlp": 12 hidden sigmoids, Adam).
// Outputs (math/predictor.hpp): "inputs" = "subset" = all covariates, "predictor".
#include "algorithms/data.hpp"

namespace minimax {

class MinimaxErm {
public:
    static constexpr tsr::Info info{"minimax.erm", "1.0.0",
                                    "ERM: pooled least squares (or MLP) of Y on every covariate", nullptr};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params {
        std::string model = "linear";
        int64_t hidden = 12;
        int64_t iterations = 10000;
        double lr = 0.02;
        static void schema(tsr::Schema<Params>& s) {
            s.choice("model", &Params::model, {"linear", "mlp"}, "least squares, or the stable predictors' MLP");
            s.integer("hidden", &Params::hidden, "model = mlp: hidden sigmoid units", {.min = 1});
            s.integer("iterations", &Params::iterations, "model = mlp: Adam steps", {.min = 1});
            s.real("lr", &Params::lr, "model = mlp: Adam step", {.min = 0.0});
        }
    };

    explicit MinimaxErm(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const TrainingData data = read_training_data(r);
        const NodeSet all = (NodeSet{1} << data.d) - 1;
        tsr::kit::Rng rng(r.seed());
        Mlp f;
        const FitOptions o = p_.model == "linear"
                                 ? FitOptions{.hidden = 0, .linear = true}
                                 : FitOptions{.hidden = p_.hidden, .iterations = p_.iterations, .lr = p_.lr,
                                              .patience = 1000, .min_delta = 0.01};
        const double mse = f.fit(data.V.leftCols(data.d), data.V.col(data.y()), o, rng);
        r.report(0, mse);
        put_predictor(r, data.d, all, all, f);
    }

private:
    Params p_;
};

TSR_REGISTER(MinimaxErm);

}  // namespace minimax
