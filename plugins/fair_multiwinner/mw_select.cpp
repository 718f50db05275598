// mw.select — committee selection by a multiwinner score function, with or without the group
// fairness constraint (Boehmer, Celis, Huang, Mehrotra & Vishnoi, ICML 2023, Sec. 3):
//
//   S = argmax F̂(S)  s.t. |S| = k  [and |S ∩ G2| ≥ ℓ when constrained]
//
// where F̂ is the score (SNTV, t-Bloc, k-Borda or Chamberlin–Courant; scores.hpp) computed on the
// OBSERVED rankings — biased against G2. One loop (select.hpp): greedy under the partition
// matroid of the constraint; for the additive scores this is the exact "sort with group quotas",
// for CC the 1/2-approximate greedy (1 − 1/e unconstrained).
// ℓ: `lower_bound`, or when it is −1 the proportional bound ⌊k |G2| / m⌋ (the paper's
// representational constraint; its code sweeps ℓ and reports the best, see README).
// Reads dataset "rankings" (n × m) and "groups" (m). Trace: one point per added member, the
// objective F̂(S_t), with the member's gain and group (a stop request ends the selection early,
// with fewer than k members). Outputs: "subset" (int64, k ids in the
// order chosen); scalars "score_rule" (0 sntv, 1 bloc, 2 borda, 3 cc), "bloc_t", "lower_bound",
// "k", "score_observed" (F̂(S)) — what mw.utility_ratio needs to re-evaluate S on the truth.
#include "problem.hpp"
#include "select.hpp"

namespace fairmw {

class MwSelect {
public:
    static constexpr tsr::Info info{"mw.select", "1.0.0",
                                    "size-k committee maximizing SNTV, Bloc, k-Borda or Chamberlin-Courant, "
                                    "optionally with at least l members of G2 (greedy under a partition matroid)",
                                    "Boehmer, Celis, Huang, Mehrotra & Vishnoi, Subset Selection Based On Multiple "
                                    "Rankings in the Presence of Bias, ICML 2023"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params {
        std::string score = "borda";
        bool constrained = true;
        int64_t k = 10;
        int64_t lower_bound = -1;
        int64_t bloc_t = 0;
        static void schema(tsr::Schema<Params>& s) {
            s.choice("score", &Params::score, {"sntv", "bloc", "borda", "cc"},
                     "multiwinner score: SNTV, t-Bloc, k-Borda, or Chamberlin-Courant with Borda satisfaction");
            s.boolean("constrained", &Params::constrained,
                      "require at least lower_bound members of G2 (the group fairness constraint)");
            s.integer("k", &Params::k, "committee size (paper's simulations: 10)", {.min = 1});
            s.integer("lower_bound", &Params::lower_bound,
                      "l, the least number of G2 members when constrained; -1: proportional, floor(k |G2| / m)",
                      {.min = -1});
            s.integer("bloc_t", &Params::bloc_t, "t of t-Bloc (approvals per ranking); 0: t = k (paper's code: 10-Bloc)",
                      {.min = 0});
        }
    };

    explicit MwSelect(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const tsr::DatasetRef data = r.dataset();
        const Profile P = Profile::from_orders(data.matrix("rankings"), "dataset 'rankings'");
        const tsr::MatrixView g = data.matrix("groups");
        const std::vector<int8_t> group = group_labels(g.col(0), P.m, "dataset 'groups'");
        const int64_t lower = !p_.constrained ? 0 : p_.lower_bound < 0 ? proportional_lower_bound(p_.k, group) : p_.lower_bound;
        const int64_t t = p_.bloc_t > 0 ? p_.bloc_t : p_.k;
        const ScoreFunction f(rule_from_name(p_.score), P.m, t);

        double value = 0.0;
        const std::vector<int64_t> S = select(f, P, group, p_.k, lower, [&](int64_t step, int64_t c, double gain) {
            value += gain;
            return r.report(step, value,
                            {{"gain", gain}, {"member_group", static_cast<double>(group[static_cast<size_t>(c)])}});
        });
        r.put_indices("subset", S);
        r.put_scalar("score_rule", static_cast<double>(static_cast<int>(f.rule())));
        r.put_scalar("bloc_t", static_cast<double>(t));
        r.put_scalar("lower_bound", static_cast<double>(lower));
        r.put_scalar("k", static_cast<double>(p_.k));
        r.put_scalar("score_observed", f.value(P, S));
    }

private:
    Params p_;
};

TSR_REGISTER(MwSelect);

}  // namespace fairmw
