// sf.coverage — weighted max-k-coverage on a random set system (coverage.hpp), with an
// insert/delete stream of the n sets (update_stream.hpp).
//
//   f(S) = Σ_{j ∈ ∪_{e∈S} A_e} w_j,   max f(S) s.t. |S| ≤ k over the active sets.
//
// Known optimum: none (NP-hard; Feige 1998 shows 1 − 1/e is the best polynomial ratio); the metric
// sf.value_ratio compares with greedy on the active set. Instance from the seed: coverage.hpp
// (set sizes, items with popularity ∝ (j+1)^(−skew), weights U[0.5, 1.5)); stream: update_stream.hpp.
#include "../coverage.hpp"
#include "dynamic_problem.hpp"

namespace setfn {

class CoverageProblem : public DynamicProblem<Coverage> {
public:
    static constexpr tsr::Info info{"sf.coverage", "1.0.0",
                                    "weighted max-k-coverage on a random set system, with an insert/delete stream",
                                    "Feige, A threshold of ln n for approximating set cover, JACM 45(4), 1998"};
    struct Params : DynamicParams {
        int64_t n = 1000;
        int64_t items = 2000;
        double set_size = 10.0;
        double skew = 0.8;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n", &Params::n, "number of sets (the ground set)", {.min = 1});
            s.integer("items", &Params::items, "universe size m (items the sets cover)", {.min = 1});
            s.real("set_size", &Params::set_size, "mean set size (sizes uniform in 1 .. 2 set_size - 1)", {.min = 1.0});
            s.real("skew", &Params::skew, "item popularity exponent: P(item j) ∝ (j+1)^-skew (0: uniform)",
                   {.min = 0.0, .max = 4.0});
            stream_schema(s);
        }
    };

    CoverageProblem(const Params& p, uint64_t seed)
        : DynamicProblem(Coverage::random(p.n, p.items, p.set_size, p.skew, seed), p.k, stream_spec(p), seed) {}
};

TSR_REGISTER(CoverageProblem);

}  // namespace setfn
