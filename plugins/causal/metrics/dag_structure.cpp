// dag.structure — the structural accuracy of the learned graph.
//
// The run's output "W" (d × d, W[i,j] != 0: i → j) is thresholded, an edge where |W[i,j]| >
// threshold (default 0.3, as NOTEARS, DAGMA and CoLiDE), and compared with the problem's
// ground truth "W_true" exactly as NOTEARS' utils.count_accuracy (math/graph.hpp):
//   shd  extra + missing skeleton pairs + reversed edges (a reversed edge counts once)
//   tpr  correctly directed edges / true edges
//   fdr  (reversed + false) / predicted edges
//   fpr  (reversed + false) / (d(d−1)/2 − true edges)
//   nnz  predicted edges;  is_dag  1 when the thresholded graph is acyclic (topological sort)
// Without "W" all outputs are NaN; without "W_true" only nnz and is_dag are given.
#include "solution.hpp"

namespace causal {

class DagStructure {
public:
    static constexpr tsr::Info info{"dag.structure", "1.0.0",
                                    "SHD, TPR, FDR, FPR, edge count and acyclicity of the thresholded output W",
                                    "Zheng et al., DAGs with NO TEARS, NeurIPS 2018 (utils.count_accuracy)"};
    static constexpr const char* needs[] = {TSR_GROUND_TRUTH_V1};
    static constexpr tsr::Output outputs[] = {
        {"shd", TSR_LOWER_IS_BETTER, "structural Hamming distance (a reversed edge counts once)"},
        {"tpr", TSR_HIGHER_IS_BETTER, "true positive rate: correctly directed edges / true edges"},
        {"fdr", TSR_LOWER_IS_BETTER, "false discovery rate: (reversed + false) / predicted edges"},
        {"fpr", TSR_LOWER_IS_BETTER, "false positive rate: (reversed + false) / true non-edges"},
        {"nnz", TSR_NO_DIRECTION, "number of predicted edges"},
        {"is_dag", TSR_HIGHER_IS_BETTER, "1 if the thresholded output is acyclic, else 0"},
    };
    struct Params {
        double threshold = 0.3;
        static void schema(tsr::Schema<Params>& s) {
            s.real("threshold", &Params::threshold, "an edge i -> j where |W[i,j]| > threshold", {.min = 0.0});
        }
    };

    explicit DagStructure(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        std::fill(out.begin(), out.end(), kNaN);
        const std::optional<Mat> W = output_W(r);
        if (!W) return;
        const Mat B = thresholded(*W, p_.threshold);
        out[4] = static_cast<double>((B.array() != 0.0).count());
        out[5] = is_dag(B) ? 1.0 : 0.0;
        const std::optional<Mat> T = true_W(r);
        if (!T || T->rows() != B.rows() || T->cols() != B.cols()) return;
        const Accuracy a = count_accuracy(*T, B);
        out[0] = a.shd;
        out[1] = a.tpr;
        out[2] = a.fdr;
        out[3] = a.fpr;
    }

private:
    Params p_;
};

TSR_REGISTER(DagStructure);

}  // namespace causal
