// bilevel.penalty_stationarity — the ε-stationarity measure of the penalty method (Kwon, Kwon,
// Wright & Nowak, ICLR 2024): the projected-gradient mapping of the penalty function
//
//   ψ_σ(x) = ( min_y [σ f(x, y) + g(x, y)] − min_z g(x, z) ) / σ
//   ∇ψ_σ(x) = ∇_x f(x, y_σ) + ( ∇_x g(x, y_σ) − ∇_x g(x, z*) ) / σ,   y_σ = argmin σf + g, z* ∈ argmin g
//   G_η(x) = ( x − Π_X(x − η ∇ψ_σ(x)) ) / η                 (= ∇ψ_σ(x) when X = R^{d_x})
//
// at the returned x, with y_σ and z* re-solved to high accuracy (evaluation.hpp). x is an
// ε-stationary point of ψ_σ when ‖G_η(x)‖ <= ε; with σ = O(ε) this is the paper's target.
// Outputs: grad_mapping = ‖G_η(x)‖₂, psi = ψ_σ(x).
#include "evaluation.hpp"

namespace bilevel {

class PenaltyStationarity {
public:
    static constexpr tsr::Info info{"bilevel.penalty_stationarity", "1.0.0",
                                    "norm of the projected gradient mapping of the penalty function psi_sigma at "
                                    "the returned x (lower problems re-solved)",
                                    "Kwon, Kwon, Wright & Nowak, On penalty methods for nonconvex bilevel "
                                    "optimization and first-order stochastic approximation, ICLR 2024"};
    static constexpr const char* needs[] = {TSR_BILEVEL_V1};
    static constexpr tsr::Output outputs[] = {
        {"grad_mapping", TSR_LOWER_IS_BETTER, "||(x - P_X(x - eta grad psi_sigma(x))) / eta||_2"},
        {"psi", TSR_LOWER_IS_BETTER, "psi_sigma(x) = (min_y [sigma f + g] - min_z g) / sigma"},
    };
    struct Params {
        double sigma = 1e-2;
        double eta = 1.0;
        double tol = 1e-12;
        int64_t max_iter = 20000;
        static void schema(tsr::Schema<Params>& s) {
            s.real("sigma", &Params::sigma, "penalty parameter sigma of psi_sigma", {.min = 1e-12},
                   TSR_PARAM_FLAG_LOG_SCALE);
            s.real("eta", &Params::eta, "step of the gradient mapping", {.min = 1e-300}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("tol", &Params::tol, "lower solves stop at ||P(y - grad) - y||_inf <= tol", {.min = 0.0});
            s.integer("max_iter", &Params::max_iter, "iteration cap of each lower solve", {.min = 1});
        }
    };

    explicit PenaltyStationarity(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        std::fill(out.begin(), out.end(), kNaN);
        auto ev = Evaluation::of(r);
        if (!ev) return;
        const SolveSettings s{p_.tol, p_.max_iter};
        const tsr::BilevelRef& b = ev->problem();
        const Vec& x = ev->x();
        Vec z, y_sigma = ev->y(), fx(x.size()), gx(x.size()), gxz(x.size());
        const double g_star = ev->lower_solution(z, s);
        const double h_sigma = ev->penalized_solution(p_.sigma, y_sigma, s);
        b.upper(x, y_sigma, {}, fx.data(), nullptr);
        b.lower(x, y_sigma, {}, gx.data(), nullptr);
        b.lower(x, z, {}, gxz.data(), nullptr);
        const Vec grad = fx + (gx - gxz) / p_.sigma;
        Vec step = x - p_.eta * grad;
        b.project_x(step, step);
        out[0] = (x - step).norm() / p_.eta;
        out[1] = (h_sigma - g_star) / p_.sigma;
    }

private:
    Params p_;
};

TSR_REGISTER(PenaltyStationarity);

}  // namespace bilevel
