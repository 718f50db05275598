// mw.utility_ratio — the quality of the committee S under the UNBIASED truth (paper, Sec. 3 and
// its simulations: OPT⁻¹ · F(S), F evaluated on the latent rankings):
//
//   score_ratio     F(S) / F(OPT),  F = the run's score function on the latent rankings ≻_1..≻_n,
//                   OPT = the best size-k committee under them, unconstrained (the paper's
//                   normalization). Exact for SNTV, Bloc, k-Borda (top-k by F({c})); for CC the
//                   best committee found — greedy improved by single swaps (select.hpp), with and
//                   without the run's bound, or S itself — stands in for OPT (a lower bound of it,
//                   so the CC ratios are upper estimates, all ≤ 1).
//   fair_opt_ratio  F(OPT_ℓ) / F(OPT), OPT_ℓ the best committee under the run's group bound ℓ on
//                   the latent rankings: what the constraint itself costs when there is no bias
//                   (score_ratio ≤ fair_opt_ratio for the additive scores).
//   utility_ratio   Σ_{c∈S} u_c / max_{|T|=k} Σ_{c∈T} u_c, u the latent utilities.
// The score function is the run's (its scalars score_rule, bloc_t; param `score` overrides).
// NaN when the run has no "subset" or the problem does not know the truth needed.
#include "run_view.hpp"
#include "select.hpp"

namespace fairmw {

class MwUtilityRatio {
public:
    static constexpr tsr::Info info{"mw.utility_ratio", "1.0.0",
                                    "score of the committee under the unbiased rankings over the best committee's; "
                                    "latent-utility ratio",
                                    "Boehmer, Celis, Huang, Mehrotra & Vishnoi, ICML 2023"};
    static constexpr const char* needs[] = {TSR_GROUND_TRUTH_V1};
    static constexpr tsr::Output outputs[] = {
        {"score_ratio", TSR_HIGHER_IS_BETTER, "F(S) / F(OPT) with F on the latent (unbiased) rankings"},
        {"fair_opt_ratio", TSR_HIGHER_IS_BETTER,
         "F(OPT_l) / F(OPT) on the latent rankings: the best score_ratio the run's group bound allows"},
        {"utility_ratio", TSR_HIGHER_IS_BETTER, "sum of the members' latent utilities / best sum over k candidates"},
    };
    struct Params {
        std::string score = "auto";
        static void schema(tsr::Schema<Params>& s) {
            s.choice("score", &Params::score, {"auto", "sntv", "bloc", "borda", "cc"},
                     "score function to evaluate; auto: the run's (its scalar score_rule)");
        }
    };

    explicit MwUtilityRatio(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        std::fill(out.begin(), out.end(), kNaN);
        const auto group = truth_groups(r);
        if (!group) return;
        const auto m = static_cast<int64_t>(group->size());
        const auto S = run_subset(r, m);
        if (!S) return;
        const auto k = static_cast<int64_t>(S->size());
        if (auto u = truth_array(r, "utilities"); u && static_cast<int64_t>(u->values.size()) == m) {
            std::vector<double> sorted = u->values;
            std::sort(sorted.begin(), sorted.end(), std::greater<>());
            double got = 0.0, best = 0.0;
            for (int64_t c : *S) got += u->values[static_cast<size_t>(c)];
            for (int64_t i = 0; i < k; ++i) best += sorted[static_cast<size_t>(i)];
            out[2] = got / best;
        }
        const auto P = truth_profile(r);
        if (!P || P->m != m) return;
        const std::optional<Rule> rule = p_.score != "auto" ? std::optional(rule_from_name(p_.score))
                                         : r.scalar("score_rule")
                                             ? std::optional(static_cast<Rule>(static_cast<int>(*r.scalar("score_rule"))))
                                             : std::nullopt;
        if (!rule) return;
        const auto t = static_cast<int64_t>(r.scalar("bloc_t").value_or(static_cast<double>(k)));
        const ScoreFunction f(*rule, m, t);
        // Every committee of size k is feasible for the unconstrained problem, so for CC the best
        // value known — the unconstrained and the constrained search, and S itself — bounds OPT
        // from below; for the additive scores the first term is OPT exactly.
        const auto lower = static_cast<int64_t>(r.scalar("lower_bound").value_or(0.0));
        const double got = f.value(*P, *S), opt_fair = optimum(f, *P, *group, k, lower);
        const double opt_free = lower == 0 ? opt_fair : optimum(f, *P, *group, k, 0);  // lower 0: the same search
        const double opt = std::max({opt_free, opt_fair, got});
        out[0] = got / opt;
        out[1] = opt_fair / opt;
    }

private:
    static double optimum(const ScoreFunction& f, const Profile& P, const std::vector<int8_t>& group, int64_t k,
                          int64_t lower) {
        std::vector<int64_t> S = select(f, P, group, k, lower);
        if (!is_additive(f.rule())) improve_by_swaps(f, P, group, lower, S);
        return f.value(P, S);
    }
    Params p_;
};

TSR_REGISTER(MwUtilityRatio);

}  // namespace fairmw
