// scm.multi_env — a multi-environment structural causal model (math/scm.hpp): stable mechanisms
// X_j = φ_j(Σ_i W[i,j] X_i) + U_j, mutable ones X_m = α_e φ_m(Σ_i W[i,m] X_i) + U_m, U ~ N(0, σ²),
// as the paper's simulation ( reference simulation/data.py, σ = 0.1, n = 100 per
// environment).
//
// Presets:
//   counterexample   the paper's graph (Fig. 4(a), 8 stable + 2 mutable covariates, weights and
//                    links of the reference's simulation_params.json): X9 (mutable) is a child of
//                    Y and X1 a child of both, so the graphical condition fails and the whole
//                    stable set need not be optimal (the paper's counterexample)
//   condition_holds  the same graph with X9's parent Y replaced by X6 (X_M^0 = ∅): the condition
//                    holds and the whole stable set is optimal
//   random           a random graph over d covariates and Y (math/scm.hpp random_scm), for the
//                    search-time experiment; `linear` makes every link the identity
// Environments: `train_envs` training environments with α evenly spaced in [−alpha_train,
// alpha_train] (mild shifts) and `test_envs` test environments with |α| evenly spaced in
// (alpha_train, alpha_test], alternating signs (larger shifts).
// Instance from the seed (tsr::kit::Rng streams mix_seed(seed, k)): k = 1 the random graph,
// k = 2 the training samples, k = 3 the test samples.
// Served (multi_env_problem.hpp): training "X", "y", "env", "mutable", "graph"; ground truth
// "X_test", "y_test", "env_test", "W_true", "condition_holds", "test_envs".
// Known optimum: none in closed form (the minimax risk is what the methods estimate).
#include "math/scm.hpp"
#include "multi_env_problem.hpp"

namespace minimax {

class ScmMultiEnv : public MultiEnvProblem {
public:
    static constexpr tsr::Info info{
        "scm.multi_env", "1.0.0",
        "multi-environment SCM with stable and mutable mechanisms: mild shifts for training, larger ones for test",
        "Liu, Zheng, Sun, Fang & Wang, Which Invariance Should We Transfer? A Causal Minimax Learning Approach, "
        "ICML 2023 (simulation)"};
    struct Params {
        std::string preset = "counterexample";
        int64_t n_env = 100;
        int64_t train_envs = 10;
        int64_t test_envs = 10;
        double alpha_train = 2.0;
        double alpha_test = 9.5;
        double noise_sd = 0.1;
        int64_t d = 10;
        double k = 1.0;
        int64_t n_mutable = 2;
        bool linear = false;
        static void schema(tsr::Schema<Params>& s) {
            s.choice("preset", &Params::preset, {"counterexample", "condition_holds", "random"},
                     "the paper's graph with the condition failing (X9 child of Y) or holding, or a random graph");
            s.integer("n_env", &Params::n_env, "samples per environment (reference: 100)", {.min = 2});
            s.integer("train_envs", &Params::train_envs, "number of training environments", {.min = 1});
            s.integer("test_envs", &Params::test_envs, "number of test environments", {.min = 1});
            s.real("alpha_train", &Params::alpha_train, "training shifts: alpha evenly in [-alpha_train, alpha_train]",
                   {.min = 0.0});
            s.real("alpha_test", &Params::alpha_test,
                   "test shifts: |alpha| evenly in (alpha_train, alpha_test], alternating signs (reference max 9.5)",
                   {.min = 0.0});
            s.real("noise_sd", &Params::noise_sd, "standard deviation of every exogenous noise (reference: 0.1)",
                   {.min = 0.0});
            s.integer("d", &Params::d, "random preset: number of covariates", {.min = 3, .max = 62});
            s.real("k", &Params::k, "random preset: expected edges per node", {.min = 0.0});
            s.integer("n_mutable", &Params::n_mutable, "random preset: number of mutable covariates", {.min = 1});
            s.boolean("linear", &Params::linear, "random preset: identity links (a linear SCM)");
        }
    };

    ScmMultiEnv(const Params& p, uint64_t seed) : MultiEnvProblem(generate(p, seed)) {}

private:
    static MultiEnvData generate(const Params& p, uint64_t seed) {
        if (p.alpha_test < p.alpha_train) throw tsr::InvalidArgument("alpha_test must be >= alpha_train");
        using tsr::kit::mix_seed;
        tsr::kit::Rng rng_graph(mix_seed(seed, 1)), rng_train(mix_seed(seed, 2)), rng_test(mix_seed(seed, 3));
        Scm scm;
        if (p.preset == "random") {
            if (p.n_mutable >= p.d) throw tsr::InvalidArgument("n_mutable must be < d");
            scm = random_scm(static_cast<int>(p.d), p.k, static_cast<int>(p.n_mutable), p.linear, p.noise_sd,
                             rng_graph);
        } else {
            scm = paper_scm(p.preset == "counterexample", p.noise_sd);
        }
        std::vector<double> a_train(p.train_envs), a_test(p.test_envs);
        for (int64_t e = 0; e < p.train_envs; ++e)
            a_train[e] = p.train_envs == 1 ? 1.0
                                           : -p.alpha_train + 2.0 * p.alpha_train * static_cast<double>(e) /
                                                                  static_cast<double>(p.train_envs - 1);
        for (int64_t e = 0; e < p.test_envs; ++e) {
            const double mag = p.alpha_train + (p.alpha_test - p.alpha_train) * static_cast<double>(e + 1) /
                                                   static_cast<double>(p.test_envs);
            a_test[e] = e % 2 == 0 ? mag : -mag;
        }
        MultiEnvData out;
        const int d = scm.d;
        auto draw = [&](const std::vector<double>& alphas, int64_t first_id, tsr::kit::Rng& rng, RowMat& X, Vec& y,
                        Vec& env) {
            const int64_t n = p.n_env * static_cast<int64_t>(alphas.size());
            X.resize(n, d);
            y.resize(n);
            env.resize(n);
            for (size_t e = 0; e < alphas.size(); ++e) {
                const Mat V = scm.sample(alphas[e], p.n_env, rng);
                const int64_t r0 = static_cast<int64_t>(e) * p.n_env;
                X.middleRows(r0, p.n_env) = V.leftCols(d);
                y.segment(r0, p.n_env) = V.col(d);
                env.segment(r0, p.n_env).setConstant(static_cast<double>(first_id + static_cast<int64_t>(e)));
            }
        };
        Vec y, env;
        draw(a_train, 1, rng_train, out.X, y, env);
        out.y = y;
        out.env = env;
        draw(a_test, p.train_envs + 1, rng_test, out.X_test, out.y_test, out.env_test);
        RowMat m = RowMat::Zero(1, d);
        for (int i = 0; i < d; ++i) m(0, i) = has(scm.mutable_set, i) ? 1.0 : 0.0;
        out.mutables = m;
        RowMat g = RowMat::Zero(d + 1, d + 1);
        for (int j = 0; j <= d; ++j)
            for (int i = 0; i <= d; ++i) g(i, j) = has(scm.graph.pa[j], i) ? 1.0 : 0.0;
        out.graph = g;
        out.W_true = RowMat(scm.W);
        return out;
    }
};

TSR_REGISTER(ScmMultiEnv);

}  // namespace minimax
