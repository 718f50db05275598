// fn.sphere — the shifted sphere, the simplest smooth benchmark.
//
//   f(x) = ‖x − s·1‖² = Σ_i (x_i − s)²
//
// Known optimum: f* = 0 at x* = (s, ..., s). Initial point: (1, ..., 1). Hessian: 2I.
// The instance is deterministic: the seed is not used.
// Reference: De Jong, "An analysis of the behavior of a class of genetic adaptive systems",
// PhD thesis, University of Michigan, 1975 (function F1).
#include <tessera/sdk.hpp>

#include "known_minimizer.hpp"

namespace baselines {

class Sphere : public KnownMinimizer {
public:
    static constexpr tsr::Info info{"fn.sphere", "1.0.0", "shifted sphere ||x - shift||^2, f* = 0",
                                    "De Jong, PhD thesis, University of Michigan, 1975 (F1)"};
    using provides = tsr::Provides<tsr::Objective, tsr::GroundTruth>;
    struct Params {
        int64_t d = 10;
        double shift = 0.0;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("d", &Params::d, "dimension", {.min = 1});
            s.real("shift", &Params::shift, "every coordinate of the minimizer x*");
        }
    };

    explicit Sphere(const Params& p) : KnownMinimizer(tsr::Vec::Constant(p.d, p.shift)) {}

    int64_t dim() const { return x_star_.size(); }
    void initial_point(tsr::VecMap x0) const { x0.setOnes(); }
    double value(tsr::CVecMap x) { return (x - x_star_).squaredNorm(); }
    double value_gradient(tsr::CVecMap x, tsr::VecMap g) {
        g = 2.0 * (x - x_star_);
        return 0.25 * g.squaredNorm();
    }
    void hessian_vector(tsr::CVecMap, tsr::CVecMap v, tsr::VecMap hv) { hv = 2.0 * v; }
};

TSR_REGISTER(Sphere);

}  // namespace baselines
