// mw.group_share — how G2, the group the bias works against, is represented in the committee S:
//   g2_share    |S ∩ G2| / |S|
//   g2_members  |S ∩ G2|
// Groups from the ground truth "groups"; NaN without a "subset".
#include "run_view.hpp"

namespace fairmw {

class MwGroupShare {
public:
    static constexpr tsr::Info info{"mw.group_share", "1.0.0", "share and number of G2 members in the committee",
                                    "Boehmer, Celis, Huang, Mehrotra & Vishnoi, ICML 2023"};
    static constexpr const char* needs[] = {TSR_GROUND_TRUTH_V1};
    static constexpr tsr::Output outputs[] = {
        {"g2_share", TSR_NO_DIRECTION, "|S and G2| / |S|"},
        {"g2_members", TSR_NO_DIRECTION, "|S and G2|"},
    };

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        std::fill(out.begin(), out.end(), kNaN);
        const auto group = truth_groups(r);
        if (!group) return;
        const auto S = run_subset(r, static_cast<int64_t>(group->size()));
        if (!S) return;
        const auto c2 = static_cast<double>(g2_members(*S, *group));
        out[0] = c2 / static_cast<double>(S->size());
        out[1] = c2;
    }
};

TSR_REGISTER(MwGroupShare);

}  // namespace fairmw
