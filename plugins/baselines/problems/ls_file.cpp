// ls.file — least squares over a user's data file.
//
//   f(x) = (1/2n) ‖Ax − b‖² + (λ/2) ‖x‖²,   f_i(x) = ½ (a_iᵀx − b_i)² + (λ/2) ‖x‖²
//
// with (A, b) the features and labels of `path`: CSV → dense A, LIBSVM → sparse A
// (Eigen::SparseMatrix<double, RowMajor>), optionally with a constant-1 column (intercept).
// The loss is the same code as ls.synthetic (Glm<SquaredLoss, Matrix> in glm.hpp).
// Known optimum: the normal equations (AᵀA/n + λI) x = Aᵀb/n, solved on first request (glm.hpp;
// LDLT for d <= 2000, else conjugate gradients). Dataset interface:
// "X" (n × d, dense files only) and "y"; sparse files expose "y" only (tsr.dataset.v1 is dense).
// The seed is not used. Initial point: 0.
#include "glm_file.hpp"

namespace baselines {

class LsFile : public GlmProblem<SquaredLoss> {
public:
    static constexpr tsr::Info info{"ls.file", "1.0.0", "least squares over a CSV or LIBSVM data file",
                                    "Bottou, Curtis & Nocedal, Optimization methods for large-scale machine "
                                    "learning, SIAM Review 60(2), 2018"};
    struct Params : FileParams {
        static void schema(tsr::Schema<Params>& s) { FileParams::add_to(s, "L2 regularization weight"); }
    };

    explicit LsFile(const Params& p) : GlmProblem(load_glm<SquaredLoss>(p, LabelKind::real)) {}
};

TSR_REGISTER(LsFile);

}  // namespace baselines
