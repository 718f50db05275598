// bilevel.test_accuracy — for the logistic-regression bilevel problems (bilevel.hyperclean,
// bilevel.l2_tuning), which serve the test split as ground truth (test_A, test_b):
//
//   test_accuracy     accuracy on the test split of w = y*(x), the model the lower level trains
//                     with the returned x (re-solved here; the same for every method)
//   test_loss         mean logistic loss of that model on the test split
//   weight_gap        hyper-cleaning only ("corrupted" served): mean s(x_i) over clean training
//                     examples minus mean s(x_i) over corrupted ones (1: perfectly cleaned; NaN
//                     otherwise)
#include "../problems/logistic_split.hpp"
#include "evaluation.hpp"

namespace bilevel {

class TestAccuracy {
public:
    static constexpr tsr::Info info{"bilevel.test_accuracy", "1.0.0",
                                    "test accuracy and loss of the lower-level model y*(x) at the returned x; "
                                    "clean-minus-corrupted mean weight for hyper-cleaning",
                                    nullptr};
    static constexpr const char* needs[] = {TSR_BILEVEL_V1, TSR_GROUND_TRUTH_V1};
    static constexpr tsr::Output outputs[] = {
        {"test_accuracy", TSR_HIGHER_IS_BETTER, "test accuracy of y*(x)"},
        {"test_loss", TSR_LOWER_IS_BETTER, "test logistic loss of y*(x)"},
        {"weight_gap", TSR_HIGHER_IS_BETTER, "mean weight of clean minus corrupted training examples"},
    };

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        std::fill(out.begin(), out.end(), kNaN);
        auto ev = Evaluation::of(r);
        if (!ev) return;
        auto A = ev->truth_vector("test_A"), bt = ev->truth_vector("test_b");
        if (!A || !bt) return;
        const int64_t n = bt->size(), d = ev->y().size();
        if (A->size() != n * d) return;
        Vec w;
        ev->lower_solution(w, SolveSettings{});
        const tsr::RowMat At = Eigen::Map<const tsr::RowMat>(A->data(), n, d);
        const Vec b = *bt;
        out[0] = accuracy(At, b, w);
        const Vec z = At * w;
        double loss = 0.0;
        for (int64_t j = 0; j < n; ++j) loss += logistic_loss(z[j], b[j]);
        out[1] = loss / static_cast<double>(n);
        if (auto c = ev->truth_vector("corrupted"); c && c->size() == ev->x().size()) {
            double clean = 0.0, bad = 0.0, n_bad = 0.0;
            for (int64_t i = 0; i < c->size(); ++i) {
                const double s = tsr::kit::sigmoid(ev->x()[i]);
                if ((*c)[i] != 0.0) bad += s, n_bad += 1.0;
                else clean += s;
            }
            const double n_clean = static_cast<double>(c->size()) - n_bad;
            if (n_bad > 0.0 && n_clean > 0.0) out[2] = clean / n_clean - bad / n_bad;
        }
    }
};

TSR_REGISTER(TestAccuracy);

}  // namespace bilevel
