// dag.ls_score — the least-squares score of the learned SEM on the problem's own data.
//
//   Q(W) = (1/2n) ‖X − X W‖²_F = ½ tr((I − W)ᵀ Σ̂ (I − W)),   Σ̂ = XᵀX / n
//
// with X the problem's dataset "X", centered column-wise (`center`, default true: the score that
// NOTEARS and DAGMA minimize), evaluated on the sufficient statistic (math/ls_score.hpp):
//   ls_score      Q of the thresholded output (|W[i,j]| > threshold kept)
//   ls_score_raw  Q of the output W as handed over
//   ls_score_true Q of the ground truth W_true (NaN when the problem has none)
#include "math/ls_score.hpp"
#include "solution.hpp"

namespace causal {

class DagLsScore {
public:
    static constexpr tsr::Info info{"dag.ls_score", "1.0.0",
                                    "least-squares score (1/2n)||X - XW||_F^2 of the output W on the problem's data",
                                    "Zheng et al., DAGs with NO TEARS, NeurIPS 2018, eq. (2)"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    static constexpr tsr::Output outputs[] = {
        {"ls_score", TSR_LOWER_IS_BETTER, "score of the thresholded output"},
        {"ls_score_raw", TSR_LOWER_IS_BETTER, "score of the output as returned"},
        {"ls_score_true", TSR_NO_DIRECTION, "score of the ground-truth W_true"},
    };
    struct Params {
        double threshold = 0.3;
        bool center = true;
        static void schema(tsr::Schema<Params>& s) {
            s.real("threshold", &Params::threshold, "ls_score keeps the entries |W[i,j]| > threshold", {.min = 0.0});
            s.boolean("center", &Params::center, "center the columns of X first (as NOTEARS and DAGMA do)");
        }
    };

    explicit DagLsScore(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        std::fill(out.begin(), out.end(), kNaN);
        const std::optional<Mat> W = output_W(r);
        auto ds = tsr::try_ref<tsr::DatasetRef, tsr_dataset_v1>(r.problem(), TSR_DATASET_V1);
        if (!ds) return;
        LeastSquares q(covariance(ds->matrix("X"), p_.center));
        if (W && W->rows() == q.d()) {
            out[0] = q.value(thresholded(*W, p_.threshold));
            out[1] = q.value(*W);
        }
        if (auto T = true_W(r); T && T->rows() == q.d()) out[2] = q.value(*T);
    }

private:
    Params p_;
};

TSR_REGISTER(DagLsScore);

}  // namespace causal
