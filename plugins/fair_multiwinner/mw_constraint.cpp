// mw.constraint — whether the committee S meets the group lower bound |S ∩ G2| ≥ ℓ, with ℓ the
// metric's `lower_bound`, or when −1 the proportional bound ⌊|S| |G2| / m⌋ (select.hpp): 1 or 0.
// Groups from the ground truth "groups"; NaN without a "subset".
#include "run_view.hpp"
#include "select.hpp"

namespace fairmw {

class MwConstraint {
public:
    static constexpr tsr::Info info{"mw.constraint", "1.0.0",
                                    "1 if the committee has at least l members of G2 (default: proportional l)",
                                    "Boehmer, Celis, Huang, Mehrotra & Vishnoi, ICML 2023"};
    static constexpr const char* needs[] = {TSR_GROUND_TRUTH_V1};
    static constexpr tsr::Output outputs[] = {
        {"satisfied", TSR_HIGHER_IS_BETTER, "1 if |S and G2| >= l, else 0"},
    };
    struct Params {
        int64_t lower_bound = -1;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("lower_bound", &Params::lower_bound, "l; -1: proportional, floor(|S| |G2| / m)", {.min = -1});
        }
    };

    explicit MwConstraint(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        out[0] = kNaN;
        const auto group = truth_groups(r);
        if (!group) return;
        const auto S = run_subset(r, static_cast<int64_t>(group->size()));
        if (!S) return;
        const int64_t lower =
            p_.lower_bound >= 0 ? p_.lower_bound : proportional_lower_bound(static_cast<int64_t>(S->size()), *group);
        out[0] = g2_members(*S, *group) >= lower ? 1.0 : 0.0;
    }

private:
    Params p_;
};

TSR_REGISTER(MwConstraint);

}  // namespace fairmw
