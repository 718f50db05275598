// op.residual — how close the run's answer is to solving 0 ∈ F(u) + G(u).
//
//   residual          = res_η(x) = ‖x − J_{ηG}(x − ηF(x))‖/η   at the solution array "x"
//   relative_residual = res_η(x) / res_η(u0)                   (u0: the problem's starting point)
//   log10_residual    = log10(max(residual, 1e-16))
//   distance          = ‖x − x_star‖₂ when the problem serves ground truth "x_star", else NaN
//
// F, J and u0 are evaluated on the problem itself (not proxied, not counted). η = `eta` (default
// 1, the step the algorithms' traces use). All NaN when the run handed over no "x" of the
// operator's dimension.
#include <cmath>
#include <limits>

#include "../common/residual.hpp"

namespace operators {

class Residual {
public:
    static constexpr tsr::Info info{"op.residual", "1.0.0",
                                    "natural residual ||x - J(x - eta F(x))||/eta of the solution x, and ||x - x_star||",
                                    nullptr};
    static constexpr const char* needs[] = {TSR_OPERATOR_V1};
    static constexpr tsr::Output outputs[] = {
        {"residual", TSR_LOWER_IS_BETTER, "||x - J_{eta G}(x - eta F(x))|| / eta at the solution x"},
        {"relative_residual", TSR_LOWER_IS_BETTER, "residual(x) / residual(u0)"},
        {"log10_residual", TSR_LOWER_IS_BETTER, "log10 of the residual, clamped below at 1e-16"},
        {"distance", TSR_LOWER_IS_BETTER, "||x - x_star||_2 (NaN without ground truth x_star)"},
    };
    struct Params {
        double eta = 1.0;
        static void schema(tsr::Schema<Params>& s) {
            s.real("eta", &Params::eta, "step eta of the natural residual", {.min = 1e-300}, TSR_PARAM_FLAG_LOG_SCALE);
        }
    };

    explicit Residual(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        constexpr double nan = std::numeric_limits<double>::quiet_NaN();
        for (double& v : out) v = nan;
        const auto op = tsr::try_ref<tsr::OperatorRef, tsr_operator_v1>(r.problem(), TSR_OPERATOR_V1);
        const auto x = r.vector("x");
        if (!op || !x || x->size() != op->dim()) return;
        tsr::Vec Fu(op->dim()), w(op->dim());
        op->value(*x, Fu);
        out[0] = natural_residual(*op, *x, Fu, p_.eta, w);
        const tsr::Vec u0 = op->initial_point();
        op->value(u0, Fu);
        out[1] = out[0] / natural_residual(*op, u0, Fu, p_.eta, w);
        out[2] = std::isnan(out[0]) ? nan : std::log10(std::max(out[0], 1e-16));
        if (auto gt = r.ground_truth())
            if (auto xs = gt->array("x_star"); xs && xs->dtype == TSR_DTYPE_F64 && xs->ndim == 1 &&
                                               xs->shape[0] == x->size())
                out[3] = (*x - tsr::CVecMap(static_cast<const double*>(xs->data), xs->shape[0])).norm();
    }

private:
    Params p_;
};

TSR_REGISTER(Residual);

}  // namespace operators
