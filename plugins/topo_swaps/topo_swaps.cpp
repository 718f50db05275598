// topo.swaps — TOPO, the topological-swap search for the least-squares NOTEARS objective
// (Deng, Bello, Aragam & Ravikumar, "Optimizing NOTEARS Objectives via Topological Swaps",
// ICML 2023; reference code github.com/Duntrain/TOPO, Topo_linear.py).
//
//   min_π Q(W(π)),  W(π) = argmin { Q(W) : W supported on π's allowed edges }   (the bi-level form)
//
// by swaps of pairs of nodes ranked by the gradient of h(W) = −log det(I − |W|) on the forbidden
// edges (swap_search.hpp), W(π) fitted node by node on Σ̂ (order_fit.hpp).
// Start: a uniformly random order from the run seed (`init = "random"`, the reference's default),
// or the order of another method's weighted adjacency (TOPO as a post-processor, as in the paper's
// experiments): `init = "from_run"` takes the "W" of the run this one continues (an experiment
// entry with `after = "LABEL"`), `init = "file"` reads it from a CSV file.
// Trace, one point per swap round: Q(W(π)), candidates evaluated, swaps applied, whether the large
// set was used. Outputs: "W" (entries below w_threshold zeroed; default 0, the reference returns
// the unthresholded fit), scalars score_init, score_final, iterations, swaps, evaluations,
// large_searches.
#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

#include "algorithms/data.hpp"
#include "initial_order.hpp"
#include "metrics/solution.hpp"
#include "swap_search.hpp"

namespace topo {

class TopoSwaps {
public:
    static constexpr tsr::Info info{"topo.swaps", "1.0.0",
                                    "TOPO: least-squares DAG learning by topological swaps ranked by the "
                                    "log-det acyclicity gradient",
                                    "Deng, Bello, Aragam & Ravikumar, Optimizing NOTEARS Objectives via "
                                    "Topological Swaps, ICML 2023"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params {
        int64_t size_small = 100;
        int64_t size_large = 400;
        int64_t no_large_search = 1;
        std::string init = "random";
        std::string init_file;
        double init_threshold = 0.3;
        int64_t max_iter = 100000;
        double rel_tol = 1e-12;
        double w_threshold = 0.0;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("size_small", &Params::size_small,
                      "size of the small candidate set (Topo_linear.py: 100; capped at d(d-1)/2)", {.min = 1});
            s.integer("size_large", &Params::size_large,
                      "size of the large candidate set (Topo_linear.py: 400; capped at d(d-1)/2)", {.min = 1});
            s.integer("no_large_search", &Params::no_large_search,
                      "how many times the large set may rescue the search (Topo_linear.py: 1)", {.min = 0});
            s.choice("init", &Params::init, {"random", "file", "from_run"},
                     "initial order: random from the seed, the order of the adjacency in init_file, or of the W "
                     "of the run this one continues (experiment entry with after = LABEL)");
            s.text("init_file", &Params::init_file,
                   "d x d CSV (no header) of a weighted adjacency, W[i,j] != 0 meaning i -> j (init = file)");
            s.real("init_threshold", &Params::init_threshold,
                   "edges of the initial adjacency (init_file or the earlier run's W) with |w| <= this are ignored",
                   {.min = 0.0});
            s.integer("max_iter", &Params::max_iter, "safety cap on swap rounds (not in the reference)", {.min = 1});
            s.real("rel_tol", &Params::rel_tol, "a swap improves when Q_new < Q (1 - rel_tol)", {.min = 0.0},
                   TSR_PARAM_FLAG_LOG_SCALE);
            s.real("w_threshold", &Params::w_threshold, "output entries |w| < w_threshold are set to 0",
                   {.min = 0.0});
        }
    };

    explicit TopoSwaps(const Params& p) : p_(p) {
        if (p_.init == "file" && p_.init_file.empty()) throw tsr::InvalidArgument("init = file needs init_file");
    }

    void run(tsr::Run& r) {
        OrderFit fit(causal::data_covariance(r));
        const int64_t d = fit.d();
        if (p_.init == "file") {
            fit.set_order(order_of(read_square_csv(p_.init_file, d), p_.init_threshold));
        } else if (p_.init == "from_run") {
            fit.set_order(order_of(input_adjacency(r, d), p_.init_threshold));
        } else {
            tsr::kit::Rng rng(tsr::kit::mix_seed(r.seed(), 1));
            fit.set_order(tsr::kit::random_permutation(d, rng));
        }
        const double score_init = fit.loss();
        r.report(0, score_init, {{"evaluated", 0.0}, {"swaps", 0.0}, {"large", 0.0}});

        SwapSearch search(fit, {.size_small = p_.size_small,
                                .size_large = p_.size_large,
                                .no_large_search = p_.no_large_search,
                                .max_iter = p_.max_iter,
                                .rel_tol = p_.rel_tol});
        const SearchStats st = search.run([&](int64_t it, double q, int64_t evaluated, int64_t applied, bool large) {
            return r.report(it, q, {{"evaluated", static_cast<double>(evaluated)},
                                    {"swaps", static_cast<double>(applied)},
                                    {"large", large ? 1.0 : 0.0}});
        });
        const Mat& W = search.weights();
        r.put_scalar("score_init", score_init);
        r.put_scalar("score_final", fit.loss());
        r.put_scalar("iterations", static_cast<double>(st.iterations));
        r.put_scalar("swaps", static_cast<double>(st.swaps));
        r.put_scalar("evaluations", static_cast<double>(st.evaluations));
        r.put_scalar("large_searches", static_cast<double>(st.large_searches));
        r.put_matrix("W", (W.array().abs() < p_.w_threshold).select(0.0, W).matrix());
    }

private:
    // The "W" of the run this one continues, checked to be d × d float64.
    static Mat input_adjacency(const tsr::Run& r, int64_t d) {
        const tsr_array* a = r.input("W");
        if (!a)
            throw tsr::InvalidArgument("init = from_run: this run continues no run with a \"W\" (in an experiment, give "
                                       "the entry after = \"LABEL\" of a structure learner such as dag.notears)");
        auto W = causal::as_matrix(*a);
        if (!W || W->rows() != d || W->cols() != d)
            throw tsr::InvalidArgument("init = from_run: the earlier run's W is not a " + std::to_string(d) + " x " +
                                       std::to_string(d) + " float64 matrix");
        return *std::move(W);
    }

    Params p_;
};

TSR_REGISTER(TopoSwaps);

}  // namespace topo
