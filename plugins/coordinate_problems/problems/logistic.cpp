// cd.logistic — (L1-regularized) binary logistic regression on the paper's "dataset B".
//
//   F(x) = Σ_i log(1 + exp(−y_i a_iᵀx)) + (μ/2)‖x‖² + λ‖x‖₁,   y = sign(Aw), each flipped w.p. flip
//
// A and w from sparse_design.hpp (Nutini, Laradji & Schmidt 2022, §8; the reference's dataset B
// is n = 1000, d = 10000, flip 0.1, μ = λ = 0). Stream k = 4: the flips.
// Coordinate oracles: L_j = ¼‖a_j‖² + μ; M_b = ¼A_bᵀA_b + μI ⪰ ∇²_bb f; block_hessian is
// A_bᵀ diag(σ(z)σ(−z)) A_b + μI at z = Ax.
// Known optimum (glm_optimum.hpp): Newton's method (λ = 0) or proximal coordinate descent with
// polishing (λ > 0). With μ = λ = 0 and separable data (e.g. d >= n) no minimizer exists and
// f_star is not served (inf F = 0): use μ > 0 or λ > 0 then. Initial point: 0.
#include "glm_problem.hpp"

namespace coordinate_problems {

class Logistic : public GlmProblem<LogisticLoss> {
public:
    static constexpr tsr::Info info{"cd.logistic", "1.0.0",
                                    "(L1-regularized) logistic regression on a sparse, correlated, badly scaled design",
                                    "Nutini, Laradji & Schmidt, Let's make block coordinate descent converge faster, "
                                    "JMLR 23, 2022 (dataset B)"};
    struct Params {
        int64_t n = 1000, d = 500;
        double bias = 1.0, scaling = 10.0, sparsity = 10.0, solution_sparsity = 0.1;
        double flip = 0.1;
        double l1 = 0.0, l2 = 1.0;
        static void schema(tsr::Schema<Params>& s) {
            design_schema(s);
            s.real("flip", &Params::flip, "probability of flipping each planted label", {.min = 0.0, .max = 1.0});
        }
    };

    Logistic(const Params& p, uint64_t seed) : GlmProblem(generate(p, seed)) {}

private:
    static GlmProblem generate(const Params& p, uint64_t seed) {
        Design D = sparse_design(design_of(p), seed);
        tsr::kit::Rng rng_y(tsr::kit::mix_seed(seed, 4));
        const Vec margin = D.A * D.w;
        Vec y(p.n);
        for (int64_t i = 0; i < p.n; ++i) {
            y[i] = margin[i] >= 0.0 ? 1.0 : -1.0;
            if (rng_y.bernoulli(p.flip)) y[i] = -y[i];
        }
        return GlmProblem(GlmCoordinate<LogisticLoss>(std::move(D.A), std::move(y), p.l2, p.l1), std::move(D.w));
    }
};

TSR_REGISTER(Logistic);

}  // namespace coordinate_problems
