// sem.linear — samples of a random linear structural equation model (SEM), the synthetic
// benchmark of NOTEARS (Zheng et al., NeurIPS 2018, §5), DAGMA and CoLiDE.
//
//   X_j = Σ_{i ∈ pa(j)} W[i,j] X_i + N_j,   j = 1..d,   i.e.  X = X W + N,   n i.i.d. rows
//
// Instance from the seed (tsr::kit::Rng streams mix_seed(seed, k)):
//   k = 1  the DAG B: "ER" — Erdős–Rényi skeleton with k·d edges (exactly, G(d, m), as NOTEARS'
//          utils.simulate_dag; `er_edges = "binomial"`: G(d, p) with k·d expected edges, as
//          CoLiDE's utils.simulate_sem), each edge oriented along a uniformly random order of
//          the nodes; "SF" — Barabási–Albert, each new node linking to round(k) earlier ones
//          (probability ∝ in-degree + 1, edge new → old, igraph's Barabasi), labels permuted.
//          Either way the topological order is a uniformly random permutation of the nodes.
//   k = 2  the weights: W[i,j] uniform in ±[w_min, w_max] (sign ±1 with probability ½) on the
//          edges of B (NOTEARS' simulate_parameter; default ±[0.5, 2]).
//   k = 3  the noise variances σ_j²: all noise_var ("equal"), or uniform in
//          [noise_var_min, noise_var_max] ("hetero"; CoLiDE's non-equal-variance setting uses
//          [0.5, 10]).
//   k = 4  the samples, node by node in topological order, noise N_j of variance σ_j²:
//          gauss, exp, gumbel or laplace (parameterized as CoLiDE; see math/sem.hpp).
// Served: dataset "X" (n × d); ground truth "W_true" (d × d), "noise_var" (d), "n_edges".
// Known optimum: none in closed form (the SEM's W_true is the target of structure learning).
#include "sem_problem.hpp"

namespace causal {

class SemLinear : public SemProblem {
public:
    static constexpr tsr::Info info{"sem.linear", "1.0.0",
                                    "samples of a random linear SEM X = XW + N on an ER or scale-free DAG",
                                    "Zheng, Aragam, Ravikumar & Xing, DAGs with NO TEARS, NeurIPS 2018, Sec. 5"};
    struct Params {
        int64_t n = 1000;
        int64_t d = 20;
        std::string graph = "ER";
        double k = 2.0;
        std::string er_edges = "exact";
        double w_min = 0.5;
        double w_max = 2.0;
        std::string noise = "gauss";
        std::string variance = "equal";
        double noise_var = 1.0;
        double noise_var_min = 0.5;
        double noise_var_max = 10.0;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n", &Params::n, "number of samples", {.min = 1});
            s.integer("d", &Params::d, "number of nodes (variables)", {.min = 2});
            s.choice("graph", &Params::graph, {"ER", "SF"}, "random DAG: Erdos-Renyi or scale-free (Barabasi-Albert)");
            s.real("k", &Params::k, "edges per node: k*d edges (ER2: k = 2, ER4: k = 4); SF: round(k) links per new node",
                   {.min = 0.0});
            s.choice("er_edges", &Params::er_edges, {"exact", "binomial"},
                     "ER edge count: exactly k*d (G(d,m), NOTEARS) or binomial with mean k*d (G(d,p), CoLiDE)");
            s.real("w_min", &Params::w_min, "edge weights |w| uniform in [w_min, w_max], random sign", {.min = 0.0});
            s.real("w_max", &Params::w_max, "edge weights |w| uniform in [w_min, w_max], random sign", {.min = 0.0});
            s.choice("noise", &Params::noise, {"gauss", "exp", "gumbel", "laplace"}, "noise distribution");
            s.choice("variance", &Params::variance, {"equal", "hetero"},
                     "equal: every node has variance noise_var; hetero: per-node variance uniform in "
                     "[noise_var_min, noise_var_max]");
            s.real("noise_var", &Params::noise_var, "noise variance of every node (variance = equal)", {.min = 0.0});
            s.real("noise_var_min", &Params::noise_var_min, "lower end of the per-node variances (variance = hetero)",
                   {.min = 0.0});
            s.real("noise_var_max", &Params::noise_var_max, "upper end of the per-node variances (variance = hetero)",
                   {.min = 0.0});
        }
    };

    SemLinear(const Params& p, uint64_t seed) : SemLinear(generate(p, seed)) {}

private:
    struct Instance {
        RowMat X, W;
        Eigen::VectorXd var;
    };
    explicit SemLinear(Instance i) : SemProblem(std::move(i.X), std::move(i.W), std::move(i.var)) {}

    static Instance generate(const Params& p, uint64_t seed) {
        if (p.w_min > p.w_max) throw tsr::InvalidArgument("w_min must be <= w_max");
        if (p.noise_var_min > p.noise_var_max) throw tsr::InvalidArgument("noise_var_min must be <= noise_var_max");
        using tsr::kit::mix_seed;
        tsr::kit::Rng rng_graph(mix_seed(seed, 1)), rng_w(mix_seed(seed, 2)), rng_var(mix_seed(seed, 3)),
            rng_x(mix_seed(seed, 4));
        const double edges = p.k * static_cast<double>(p.d);
        const Mat B = p.graph == "ER" ? erdos_renyi_dag(p.d, edges, p.er_edges == "exact", rng_graph)
                                      : barabasi_albert_dag(p.d, static_cast<int64_t>(std::llround(p.k)), rng_graph);
        const Mat W = random_weights(B, p.w_min, p.w_max, rng_w);
        Eigen::VectorXd var(p.d);
        for (double& v : var) v = p.variance == "equal" ? p.noise_var : rng_var.uniform(p.noise_var_min, p.noise_var_max);
        RowMat X = simulate_linear_sem(W, p.n, noise_from_name(p.noise), var, rng_x);
        return {std::move(X), RowMat(W), std::move(var)};
    }
};

TSR_REGISTER(SemLinear);

}  // namespace causal
