// logreg.file — L2-regularized logistic regression over a user's data file.
//
//   f(x) = (1/n) Σ_i log(1 + exp(−y_i a_iᵀx)) + (λ/2) ‖x‖²
//
// with (A, y) read from `path`: CSV → dense A, LIBSVM → sparse A (Eigen::SparseMatrix<double,
// RowMajor>), optionally with a constant-1 column (intercept). Labels must be 0/1 or −1/+1
// (0 maps to −1); anything else is an error naming the file and line. The loss is the same code
// as logreg.synthetic (Glm<LogisticLoss, Matrix> in glm.hpp).
// Known optimum: Newton's method on first request (glm.hpp; Newton-CG when d > 2000). Separable
// data with λ = 0: f_star = 0 (the infimum), x_star absent; both absent if Newton fails.
// Dataset interface: "X" (n × d, dense files only) and "y" (±1); sparse files expose "y" only
// (tsr.dataset.v1 is dense). The seed is not used. Initial point: 0.
#include "glm_file.hpp"

namespace baselines {

class LogregFile : public GlmProblem<LogisticLoss> {
public:
    static constexpr tsr::Info info{"logreg.file", "1.0.0",
                                    "L2-regularized logistic regression over a CSV or LIBSVM data file",
                                    "Bottou, Curtis & Nocedal, Optimization methods for large-scale machine "
                                    "learning, SIAM Review 60(2), 2018"};
    struct Params : FileParams {
        Params() { lambda = 1e-3; }
        static void schema(tsr::Schema<Params>& s) {
            FileParams::add_to(s, "L2 regularization weight (> 0 keeps the optimum finite on separable data)");
        }
    };

    explicit LogregFile(const Params& p) : GlmProblem(load_glm<LogisticLoss>(p, LabelKind::binary)) {}
};

TSR_REGISTER(LogregFile);

}  // namespace baselines
