// op.matrix_game — a finite-sum matrix game on simplices.
//
//   min_{x ∈ Δ_{d1}} max_{y ∈ Δ_{d2}} xᵀĀy,   Ā = (1/n) Σ_i A_i,
//   F_i(x, y) = (A_i y, −A_iᵀx),  G = N_{Δ×Δ}:  J_{ηG} = (Π_Δ, Π_Δ) for every η.
//
// Monotone, not cocoercive; L and L̂ as in bilinear.hpp (exact). The value of the game and a
// solution are not computed (no ground truth): the metric is the operator residual.
// Instance from the seed: A_i = A_0 + spread · E_i, all entries N(0, 1), from the Rng stream
// mix_seed(seed, 1) (bilinear.hpp: random_components). Starting point: uniform strategies.
// Reference: the finite-sum matrix game experiment of Cai, Alacaoglu & Diakonikolas (ICLR 2024)
// (their code builds one matrix and splits F by coordinates; see README.md).
#include <vector>

#include "../common/projections.hpp"
#include "bilinear.hpp"

namespace operators {

class MatrixGame : public OperatorProblem {
public:
    static constexpr tsr::Info info{"op.matrix_game", "1.0.0",
                                    "finite-sum matrix game min_{x in simplex} max_{y in simplex} x^T A y, "
                                    "A = mean of n random A_i",
                                    "Cai, Alacaoglu & Diakonikolas, ICLR 2024 (matrix game experiment)"};
    struct Params {
        int64_t n = 1000;
        int64_t d1 = 20;
        int64_t d2 = 20;
        double spread = 1.0;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n", &Params::n, "number of components A_i", {.min = 1});
            s.integer("d1", &Params::d1, "number of pure strategies of the min player (x)", {.min = 1});
            s.integer("d2", &Params::d2, "number of pure strategies of the max player (y)", {.min = 1});
            s.real("spread", &Params::spread, "A_i = A_0 + spread * E_i: how much the components differ",
                   {.min = 0.0});
        }
    };

    MatrixGame(const Params& p, uint64_t seed) : MatrixGame(p, make_sum(p, seed)) {}

    void value(tsr::CVecMap u, tsr::VecMap Fu) { sum_.value(u, Fu); }
    void batch(tsr::CVecMap u, std::span<const int64_t> idx, tsr::VecMap out) { sum_.batch(u, idx, out); }
    void resolvent(tsr::CVecMap u, double, tsr::VecMap out) {
        project_simplex(u.head(d1_), out.head(d1_), work_);
        project_simplex(u.tail(d2_), out.tail(d2_), work_);
    }

private:
    MatrixGame(const Params& p, BilinearSum sum)
        : OperatorProblem({.dim = p.d1 + p.d2, .n = p.n, .lipschitz = sum.lipschitz(),
                           .mean_square_lipschitz = sum.mean_square_lipschitz(), .cocoercive = false},
                          start(p)),
          sum_(std::move(sum)), d1_(p.d1), d2_(p.d2) {
        work_.reserve(static_cast<size_t>(std::max(d1_, d2_)));
    }
    static BilinearSum make_sum(const Params& p, uint64_t seed) {
        tsr::kit::Rng rng(tsr::kit::mix_seed(seed, 1));
        return BilinearSum(p.n, p.d1, p.d2, random_components(p.n, p.d1, p.d2, p.spread, rng),
                           tsr::RowMat::Zero(p.n, p.d1), tsr::RowMat::Zero(p.n, p.d2));
    }
    static Vec start(const Params& p) {
        Vec u(p.d1 + p.d2);
        u.head(p.d1).setConstant(1.0 / static_cast<double>(p.d1));
        u.tail(p.d2).setConstant(1.0 / static_cast<double>(p.d2));
        return u;
    }

    BilinearSum sum_;
    int64_t d1_, d2_;
    std::vector<double> work_;  // simplex projection scratch
};

TSR_REGISTER(MatrixGame);

}  // namespace operators
