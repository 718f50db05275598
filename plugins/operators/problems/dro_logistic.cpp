// op.dro_logistic — Wasserstein distributionally robust logistic regression as a finite-sum
// convex-concave min-max problem (a monotone inclusion with constraints).
//
// The DRO problem (Shafieezadeh-Abadeh, Mohajerin Esfahani & Kuhn, NeurIPS 2015, Thm. 1): with a
// Wasserstein ball of radius ε around the empirical distribution of (x_i, y_i), y_i ∈ {±1}, the
// transport cost ‖x − x'‖₂ + κ·[y ≠ y'] (κ = the cost of flipping a label),
//   min_{λ, β: ‖β‖₂ ≤ λ}  λε + (1/n) Σ_i max{ ℓ(z_iᵀβ), ℓ(−z_iᵀβ) − λκ },  z_i = y_i x_i,
// ℓ(t) = log(1 + e^{−t}). Since ℓ(−t) = ℓ(t) + t, the max is ℓ(z_iᵀβ) + max{0, z_iᵀβ − κλ}, and
// max{0, s} = ½s + ½ max_{|γ_i| ≤ 1} γ_i s gives the min-max form of Yu, Lin, Mazumdar & Jordan
// ("Fast distributionally robust learning with variance reduced min-max optimization", AISTATS
// 2022; their code, yaodongyu/FastDRO-MinMaxOpt, src/utils_dro_logistic_regression.py: the
// operator and the projections below are the same):
//   min_{(λ, β) ∈ K} max_{γ ∈ [−1, 1]^n} (1/n) Σ_i φ_i,
//   φ_i(λ, β, γ_i) = λε + ℓ(z_iᵀβ) + ½(1 + γ_i)(z_iᵀβ − κλ),   K = {(λ, β): ‖β‖₂ ≤ λ}.
// u = (λ, β, γ) ∈ R^{1+p+n}; F_i = (∂_λ φ_i, ∇_β φ_i, −∂_γ φ_i) (γ-part on coordinate i only):
//   F_i = ( ε − ½κ(1 + γ_i),  (−σ(−z_iᵀβ) + ½(1 + γ_i)) z_i,  −½(z_iᵀβ − κλ) e_i ),
// so F = (1/n) Σ F_i has γ-part −(1/2n)(Zβ − κλ1) — exactly Yu et al.'s operator (their batch
// version divides by the batch size as `batch` does here). G = N_{K × [−1,1]^n}: the resolvent is
// the projection onto the second-order cone K (closed form, e.g. Fukushima, Luo & Tseng,
// SIAM J. Optim. 2002) and the clip of γ. φ is convex in (λ, β), linear in γ: F is monotone,
// not cocoercive. A solution exists (λε ≤ objective makes it coercive) but is not computed: no
// x_star. Yu et al.'s cone projection omits the case ‖β‖ ≤ −λ (→ 0); it is included here.
//
// Constants (upper bounds, not exact; w = (λ, β), b_i = ½(−κ, z_i), B the n × (1+p) matrix of
// rows b_i, ℓ'' ≤ ¼):
//   L  = λ_max(ZᵀZ)/(4n) + σ_max(B)/n   (‖J‖ ≤ ‖∇²_w‖ + ‖coupling‖; the coupling is Bᵀγ/n),
//   L̂² = max( λ_max(M4)/8 + λ_max(BᵀB)/n,  2 max_i ‖b_i‖²/n ),  M4 = (1/n) Σ ‖z_i‖² z_i z_iᵀ,
// from F_i(u) − F_i(v) = (ℓ''·z_i z_iᵀΔβ + Δγ_i b_i, −(b_iᵀΔw) e_i) and ‖a + b‖² ≤ 2‖a‖² + 2‖b‖².
//
// Data: either a user CSV (`path`, labels 0/1 or ±1, read by tessera/kit/data_file.hpp; n is
// then the file's row count) or, from the seed, as in Yu et al.'s demo notebook: a planted
// classifier θ ~ N(0, I_d) (stream mix_seed(seed, 1)), x_i ~ N(0, I_d), y_i = sign(x_iᵀθ + noise·ξ_i)
// (stream mix_seed(seed, 2)). `intercept` appends a constant-1 feature (p = d + 1), as their demo.
// Defaults ε = 0.1, κ = 1 (their demo). Starting point u0 = 0 (the cone's apex: feasible).
#include <cmath>
#include <string>

#include <tessera/kit/data_file.hpp>
#include <tessera/kit/logistic.hpp>

#include "operator_problem.hpp"

namespace operators {

class DroLogistic : public OperatorProblem {
public:
    static constexpr tsr::Info info{"op.dro_logistic", "1.0.0",
                                    "Wasserstein DRO logistic regression as a finite-sum min-max problem "
                                    "(lambda, beta in a second-order cone; gamma in [-1,1]^n)",
                                    "Yu, Lin, Mazumdar & Jordan, AISTATS 2022; Shafieezadeh-Abadeh et al., NeurIPS 2015"};
    struct Params {
        int64_t n = 1000;
        int64_t d = 20;
        double epsilon = 0.1;
        double kappa = 1.0;
        double noise = 0.01;
        bool intercept = true;
        std::string path;
        int64_t label_column = -1;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n", &Params::n, "number of examples (synthetic data; ignored with path)", {.min = 1});
            s.integer("d", &Params::d, "number of features (synthetic data; ignored with path)", {.min = 1});
            s.real("epsilon", &Params::epsilon, "radius of the Wasserstein ball", {.min = 0.0});
            s.real("kappa", &Params::kappa, "transport cost of flipping a label", {.min = 0.0});
            s.real("noise", &Params::noise, "synthetic labels: y = sign(x^T theta + noise * N(0,1))",
                   {.min = 0.0});
            s.boolean("intercept", &Params::intercept, "append a constant-1 feature");
            s.text("path", &Params::path, "optional CSV data file (labels 0/1 or -1/+1); empty: synthetic");
            s.integer("label_column", &Params::label_column,
                      "CSV: column holding the label, negative counts from the end (-1 = last)");
        }
    };

    DroLogistic(const Params& p, uint64_t seed) : DroLogistic(p, load(p, seed)) {}

    void value(tsr::CVecMap u, tsr::VecMap Fu) {
        const double lam = u[0];
        const auto beta = u.segment(1, p_);
        const auto gamma = u.tail(n_);
        auto Fgamma = Fu.tail(n_);
        margins_.noalias() = Z_ * beta;  // t_i = z_iᵀβ
        for (int64_t i = 0; i < n_; ++i) {
            const double t = margins_[i];
            weights_[i] = -tsr::kit::sigmoid(-t) + 0.5 * (1.0 + gamma[i]);
            Fgamma[i] = -0.5 / static_cast<double>(n_) * (t - kappa_ * lam);
        }
        Fu[0] = epsilon_ - 0.5 * kappa_ * (1.0 + gamma.mean());
        Fu.segment(1, p_).noalias() = Z_.transpose() * weights_ / static_cast<double>(n_);
    }

    void batch(tsr::CVecMap u, std::span<const int64_t> idx, tsr::VecMap out) {
        const double lam = u[0];
        const auto beta = u.segment(1, p_);
        const double inv_m = 1.0 / static_cast<double>(idx.size());
        out.setZero();
        auto Fbeta = out.segment(1, p_);
        double Flam = 0.0;
        for (const int64_t i : idx) {
            const auto zi = Z_.row(i).transpose();
            const double t = zi.dot(beta), g = u[1 + p_ + i];
            Flam += epsilon_ - 0.5 * kappa_ * (1.0 + g);
            Fbeta.noalias() += (-tsr::kit::sigmoid(-t) + 0.5 * (1.0 + g)) * inv_m * zi;
            out[1 + p_ + i] += -0.5 * inv_m * (t - kappa_ * lam);  // += : idx may repeat
        }
        out[0] = Flam * inv_m;
    }

    // Π_K on (λ, β) (second-order cone), clip on γ. In place is allowed.
    void resolvent(tsr::CVecMap u, double, tsr::VecMap out) {
        const double lam = u[0];
        const double r = u.segment(1, p_).norm();
        if (r <= lam) {
            out.head(1 + p_) = u.head(1 + p_);
        } else if (r <= -lam) {
            out.head(1 + p_).setZero();
        } else {
            const double s = 0.5 * (lam + r);
            out.segment(1, p_) = u.segment(1, p_) * (s / r);
            out[0] = s;
        }
        out.tail(n_) = u.tail(n_).cwiseMax(-1.0).cwiseMin(1.0);
    }

private:
    static tsr::RowMat load(const Params& p, uint64_t seed) {
        tsr::RowMat X;
        Vec y;
        if (!p.path.empty()) {
            tsr::kit::DenseData data = tsr::kit::read_csv(p.path, {.label_column = p.label_column});
            X = std::move(data.X);
            y = std::move(data.y);
            for (int64_t i = 0; i < y.size(); ++i) {
                if (y[i] == 0.0) y[i] = -1.0;
                if (y[i] != 1.0 && y[i] != -1.0)
                    throw tsr::IoError(p.path + ":" + std::to_string(data.line[static_cast<size_t>(i)]) +
                                       ": label is not 0/1 or -1/+1 (op.dro_logistic is a binary classifier)");
            }
        } else {
            tsr::kit::Rng rng_theta(tsr::kit::mix_seed(seed, 1)), rng_x(tsr::kit::mix_seed(seed, 2));
            Vec theta(p.d);
            for (double& e : theta) e = rng_theta.normal();
            X.resize(p.n, p.d);
            y.resize(p.n);
            for (int64_t i = 0; i < p.n; ++i) {
                for (int64_t j = 0; j < p.d; ++j) X(i, j) = rng_x.normal();
                const double score = X.row(i).dot(theta) + p.noise * rng_x.normal();
                y[i] = score >= 0.0 ? 1.0 : -1.0;
            }
        }
        const int64_t n = X.rows(), f = X.cols() + (p.intercept ? 1 : 0);
        tsr::RowMat Z(n, f);
        Z.leftCols(X.cols()) = X;
        if (p.intercept) Z.col(f - 1).setOnes();
        Z.array().colwise() *= y.array();  // z_i = y_i x_i: only the products enter φ_i
        return Z;
    }

    DroLogistic(const Params& p, tsr::RowMat Z)
        : OperatorProblem(constants(Z, p.kappa), Vec::Zero(1 + Z.cols() + Z.rows())),
          Z_(std::move(Z)), n_(Z_.rows()), p_(Z_.cols()), epsilon_(p.epsilon), kappa_(p.kappa),
          margins_(n_), weights_(n_) {}

    static OperatorConstants constants(const tsr::RowMat& Z, double kappa) {
        const int64_t n = Z.rows(), p = Z.cols();
        const double nd = static_cast<double>(n);
        const tsr::Mat ZtZ = Z.transpose() * Z;
        tsr::Mat BtB(1 + p, 1 + p);  // B = ½[−κ1, Z]
        BtB(0, 0) = 0.25 * kappa * kappa * nd;
        const Vec zsum = Z.colwise().sum().transpose();
        BtB.block(1, 0, p, 1) = -0.25 * kappa * zsum;
        BtB.block(0, 1, 1, p) = -0.25 * kappa * zsum.transpose();
        BtB.block(1, 1, p, p) = 0.25 * ZtZ;
        const Vec sq = Z.rowwise().squaredNorm();
        const tsr::Mat M4 = Z.transpose() * sq.asDiagonal() * Z / nd;
        const double max_b2 = 0.25 * (kappa * kappa + sq.maxCoeff());
        const double lam_BtB = largest_eigenvalue(BtB);
        OperatorConstants c;
        c.dim = 1 + p + n;
        c.n = n;
        c.lipschitz = largest_eigenvalue(ZtZ) / (4.0 * nd) + std::sqrt(lam_BtB) / nd;
        c.mean_square_lipschitz =
            std::sqrt(std::max(largest_eigenvalue(M4) / 8.0 + lam_BtB / nd, 2.0 * max_b2 / nd));
        c.cocoercive = false;
        return c;
    }

    tsr::RowMat Z_;  // rows z_i = y_i x_i (with the intercept feature)
    int64_t n_, p_;
    double epsilon_, kappa_;
    Vec margins_, weights_;  // scratch of value()
};

TSR_REGISTER(DroLogistic);

}  // namespace operators
