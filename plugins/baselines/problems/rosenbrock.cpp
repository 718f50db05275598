// fn.rosenbrock — the extended (chained) Rosenbrock function.
//
//   f(x) = Σ_{i=1}^{d−1} [ 100 (x_{i+1} − x_i²)² + (1 − x_i)² ]
//
// Known optimum: f* = 0 at x* = (1, ..., 1) (the unique global minimizer for d <= 3; for
// 4 <= d <= 7 a local minimizer near x_1 = −1 exists too: Kok & Sandrock, Evolutionary
// Computation 17(3), 2009). Initial point: the classic (−1.2, 1, −1.2, 1, ...).
// Hessian: tridiagonal, H_ii = 1200 x_i² − 400 x_{i+1} + 2 (i < d) + 200 (i > 1),
// H_{i,i+1} = −400 x_i; hessian_vector applies it exactly.
// The instance is deterministic: the seed is not used (as pagmo2's rosenbrock).
// Reference: Rosenbrock, "An automatic method for finding the greatest or least value of a
// function", The Computer Journal 3(3), 1960; chained form: Moré, Garbow & Hillstrom, ACM TOMS 7(1), 1981.
#include <tessera/sdk.hpp>

#include "known_minimizer.hpp"

namespace baselines {

class Rosenbrock : public KnownMinimizer {
public:
    static constexpr tsr::Info info{"fn.rosenbrock", "1.0.0", "chained Rosenbrock function, f* = 0 at (1, ..., 1)",
                                    "Rosenbrock, The Computer Journal 3(3), 1960"};
    using provides = tsr::Provides<tsr::Objective, tsr::GroundTruth>;
    struct Params {
        int64_t d = 10;
        static void schema(tsr::Schema<Params>& s) { s.integer("d", &Params::d, "dimension (>= 2)", {.min = 2}); }
    };

    explicit Rosenbrock(const Params& p) : KnownMinimizer(tsr::Vec::Ones(p.d)) {}

    int64_t dim() const { return x_star_.size(); }
    void initial_point(tsr::VecMap x0) const {
        for (int64_t i = 0; i < x0.size(); ++i) x0[i] = i % 2 == 0 ? -1.2 : 1.0;
    }

    double value(tsr::CVecMap x) {
        double f = 0.0;
        for (int64_t i = 0; i + 1 < x.size(); ++i) {
            const double a = x[i + 1] - x[i] * x[i], b = 1.0 - x[i];
            f += 100.0 * a * a + b * b;
        }
        return f;
    }
    double value_gradient(tsr::CVecMap x, tsr::VecMap g) {
        double f = 0.0;
        g.setZero();
        for (int64_t i = 0; i + 1 < x.size(); ++i) {
            const double a = x[i + 1] - x[i] * x[i], b = 1.0 - x[i];
            f += 100.0 * a * a + b * b;
            g[i] += -400.0 * x[i] * a - 2.0 * b;
            g[i + 1] += 200.0 * a;
        }
        return f;
    }
    void hessian_vector(tsr::CVecMap x, tsr::CVecMap v, tsr::VecMap hv) {
        hv.setZero();
        for (int64_t i = 0; i + 1 < x.size(); ++i) {
            // the Hessian of term i on coordinates (i, i+1)
            const double hii = 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0, hij = -400.0 * x[i];
            hv[i] += hii * v[i] + hij * v[i + 1];
            hv[i + 1] += hij * v[i] + 200.0 * v[i + 1];
        }
    }
};

TSR_REGISTER(Rosenbrock);

}  // namespace baselines
