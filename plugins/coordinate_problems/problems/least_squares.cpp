// cd.least_squares — (L1-regularized) least squares on the paper's synthetic "dataset A".
//
//   F(x) = ½‖Ax − b‖² + (μ/2)‖x‖² + λ‖x‖₁,    b = Aw + ε,  ε ~ N(0, noise² I)
//
// A and the sparse planted w from sparse_design.hpp (Nutini, Laradji & Schmidt 2022, §8; the
// reference code's dataset A is n = 1000, d = 10000, noise 1, μ = λ = 0). Stream k = 4: ε.
// Coordinate oracles: L_j = ‖a_j‖² + μ; M_b = A_bᵀA_b + μI is the exact block Hessian.
// Known optimum (glm_optimum.hpp): λ = μ = 0: x* = A⁺b (complete orthogonal decomposition;
// F* = 0 when A has full row rank, the paper's d > n setting); μ > 0: the normal equations;
// λ > 0: proximal coordinate descent polished by a sign-fixed solve on the support and checked
// against the optimality conditions. x_true = w is served too. Initial point: 0.
#include "glm_problem.hpp"

namespace coordinate_problems {

class LeastSquares : public GlmProblem<SquaredLoss> {
public:
    static constexpr tsr::Info info{"cd.least_squares", "1.0.0",
                                    "(L1-regularized) least squares on a sparse, correlated, badly scaled design",
                                    "Nutini, Laradji & Schmidt, Let's make block coordinate descent converge faster, "
                                    "JMLR 23, 2022 (dataset A)"};
    struct Params {
        int64_t n = 1000, d = 1000;
        double bias = 1.0, scaling = 10.0, sparsity = 10.0, solution_sparsity = 0.1;
        double noise = 1.0;
        double l1 = 0.0, l2 = 0.0;
        static void schema(tsr::Schema<Params>& s) {
            design_schema(s);
            s.real("noise", &Params::noise, "standard deviation of the Gaussian noise added to b = A w", {.min = 0.0});
        }
    };

    LeastSquares(const Params& p, uint64_t seed) : GlmProblem(generate(p, seed)) {}

private:
    static GlmProblem generate(const Params& p, uint64_t seed) {
        Design D = sparse_design(design_of(p), seed);
        tsr::kit::Rng rng_e(tsr::kit::mix_seed(seed, 4));
        Vec b = D.A * D.w;
        for (double& v : b) v += p.noise * rng_e.normal();
        return GlmProblem(GlmCoordinate<SquaredLoss>(std::move(D.A), std::move(b), p.l2, p.l1), std::move(D.w));
    }
};

TSR_REGISTER(LeastSquares);

}  // namespace coordinate_problems
