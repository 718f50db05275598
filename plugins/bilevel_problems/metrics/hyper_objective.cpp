// bilevel.hyper_objective — the quality of a bilevel solution (x, y) handed over by a run.
//
//   phi          φ(x) = f(x, y*(x)) (optimistic value when the lower solution is not unique;
//                evaluation.hpp), re-solved here to high accuracy, not read from the run
//   phi_gap      φ(x) − phi_star (ground truth; NaN when unknown)
//   x_error      ‖x − x_star‖₂ (ground truth; NaN when unknown)
//   upper_value  f(x, y) at the returned pair
//   lower_gap    g(x, y) − min_z g(x, z): how far the returned y is from the lower solution set
#include "evaluation.hpp"

namespace bilevel {

class HyperObjective {
public:
    static constexpr tsr::Info info{"bilevel.hyper_objective", "1.0.0",
                                    "hyper-objective phi(x) = f(x, y*(x)) at the returned x (lower level re-solved), "
                                    "gap to phi_star, distance to x_star, lower-level gap of the returned y",
                                    nullptr};
    static constexpr const char* needs[] = {TSR_BILEVEL_V1};
    static constexpr tsr::Output outputs[] = {
        {"phi", TSR_LOWER_IS_BETTER, "phi(x) = f(x, y*(x)), optimistic when y*(x) is not unique"},
        {"phi_gap", TSR_LOWER_IS_BETTER, "phi(x) - phi_star (NaN when phi_star is unknown)"},
        {"x_error", TSR_LOWER_IS_BETTER, "||x - x_star||_2 (NaN when x_star is unknown)"},
        {"upper_value", TSR_LOWER_IS_BETTER, "f(x, y) at the returned pair"},
        {"lower_gap", TSR_LOWER_IS_BETTER, "g(x, y) - min_z g(x, z) at the returned pair"},
    };
    struct Params {
        double sigma_min = 1e-6;
        double tol = 1e-10;
        int64_t max_iter = 20000;
        static void schema(tsr::Schema<Params>& s) {
            s.real("sigma_min", &Params::sigma_min,
                   "last penalty of the continuation that computes the optimistic phi (non-unique lower level)",
                   {.min = 1e-14, .max = 0.1}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("tol", &Params::tol, "lower solves stop at ||P(y - grad) - y||_inf <= tol", {.min = 0.0});
            s.integer("max_iter", &Params::max_iter, "iteration cap of each lower solve", {.min = 1});
        }
    };

    explicit HyperObjective(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        std::fill(out.begin(), out.end(), kNaN);
        auto ev = Evaluation::of(r);
        if (!ev) return;
        const SolveSettings s{p_.tol, p_.max_iter};
        Vec ys;
        out[0] = ev->hyper_objective(ys, p_.sigma_min, s);
        if (auto phi_star = ev->truth("phi_star")) out[1] = out[0] - *phi_star;
        if (auto xs = ev->truth_vector("x_star"); xs && xs->size() == ev->x().size()) out[2] = (ev->x() - *xs).norm();
        const tsr::BilevelRef& b = ev->problem();
        out[3] = b.upper(ev->x(), ev->y(), {}, nullptr, nullptr);
        const double g_star = ev->lower_solution(ys, s);
        out[4] = b.lower(ev->x(), ev->y(), {}, nullptr, nullptr) - g_star;
    }

private:
    Params p_;
};

TSR_REGISTER(HyperObjective);

}  // namespace bilevel
