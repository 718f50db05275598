// minimax.subset — the causal minimax subset selection of Liu, Zheng, Sun, Fang & Wang, "Which
// Invariance Should We Transfer? A Causal Minimax Learning Approach", ICML 2023 (Alg. 1 with the
// equivalence-class search of Alg. 2), as the reference findoptset/main.py runs it:
//   1. components of the graph: X_M^0 = M ∩ Ch(Y), K = De(X_M^0) \ X_M^0;
//   2. if K ∩ Ch(Y) = ∅ (the graphical condition: the whole stable set S is optimal) return S (check_condition);
//   3. otherwise the candidates are the smallest subsets of the equivalence classes of subsets of S
//      (Alg. 2, math/graph.hpp; search = "exhaustive": all 2^|S| subsets, the reference's
//      simulation/main.py);
//   4. for each candidate S': fit f_S' = E[Y | x_S', do(x_M)] and estimate its worst-case risk
//      h*(S') by gradient ascent over the intervention functions (math/minimax.hpp);
//   5. return argmin h*.
// Trace: one point per logged ascent step (every 10 steps): objective the current estimate of
// h*(S') of the candidate being evaluated, with its index and size; so the host's iteration budget
// bounds the ascent work. A single candidate (the condition holds) gives one point, objective 0.
// Outputs (math/predictor.hpp): "inputs" (S* ∪ M), "subset" (S*), "predictor"; scalars
// worst_case_risk, candidates, condition_holds, subset_size.
#include <bit>

#include "algorithms/data.hpp"
#include "algorithms/options.hpp"

namespace minimax {

class MinimaxSubset {
public:
    static constexpr tsr::Info info{
        "minimax.subset", "1.0.0",
        "causal minimax learning: the stable subset with the least estimated worst-case risk, searched over "
        "equivalence classes",
        "Liu, Zheng, Sun, Fang & Wang, Which Invariance Should We Transfer? A Causal Minimax Learning Approach, ICML "
        "2023, Alg. 1 and 2"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params : EstimationParams {
        std::string search = "equivalence";
        bool check_condition = true;
        static void schema(tsr::Schema<Params>& s) {
            s.choice("search", &Params::search, {"equivalence", "exhaustive"},
                     "candidates: one subset per equivalence class (Alg. 2) or every subset of the stable set");
            s.boolean("check_condition", &Params::check_condition,
                      "return the whole stable set without search when the graphical condition (K and Ch(Y) disjoint) holds");
            EstimationParams::add_to(s);
        }
    };

    explicit MinimaxSubset(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const TrainingData data = read_training_data(r);
        require_graph(data, "minimax.subset");
        MinimaxEstimator est(data, p_.options(), r.seed());
        const Components& c = est.components();
        std::vector<NodeSet> candidates;
        if (p_.check_condition && c.condition_holds) {
            candidates = {c.S};
        } else if (p_.search == "equivalence") {
            const Dag stable_graph = data.graph->induced(c.S | bit(data.y()));
            candidates = EquivalenceSearch(stable_graph, data.y(), c.S).representatives();
        } else {
            if (std::popcount(c.S) > 24) throw tsr::InvalidArgument("search = exhaustive: more than 2^24 subsets");
            for (NodeSet t = c.S;; t = (t - 1) & c.S) {
                candidates.push_back(t);
                if (t == 0) break;
            }
        }
        std::optional<Candidate> best;
        int64_t point = 0;
        for (size_t k = 0; k < candidates.size(); ++k) {
            Candidate cand;
            cand.subset = candidates[k];
            cand.predictor = est.fit_predictor(cand.subset);
            const double size = static_cast<double>(std::popcount(cand.subset));
            if (candidates.size() > 1) {
                std::tie(cand.worst_case_risk, cand.ascent_steps) =
                    est.worst_case_risk(cand.subset, cand.predictor, [&](double mse) {
                        return r.report(point++, mse, {{"candidate", static_cast<double>(k)}, {"size", size}});
                    });
            } else {
                r.report(point++, 0.0, {{"candidate", 0.0}, {"size", size}});
            }
            if (!best || cand.worst_case_risk < best->worst_case_risk) best = std::move(cand);
            if (r.should_stop()) break;
        }
        put_predictor(r, data.d, best->subset | c.M, best->subset, best->predictor);
        r.put_scalar("worst_case_risk", best->worst_case_risk);
        r.put_scalar("candidates", static_cast<double>(candidates.size()));
        r.put_scalar("condition_holds", c.condition_holds ? 1.0 : 0.0);
    }

private:
    Params p_;
};

TSR_REGISTER(MinimaxSubset);

}  // namespace minimax
