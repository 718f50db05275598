// glm_problem.hpp — the served side of a GlmCoordinate model: tsr.objective.v1 (value = F with
// the L1 term; value_gradient for λ = 0 only), tsr.coordinate.v1 and tsr.ground_truth.v1
// (f_star, x_star from glm_optimum.hpp on first request; x_true, the planted parameter).
// cd.least_squares and cd.logistic derive from it and only build their data.
#pragma once

#include <optional>
#include <string_view>

#include "glm_optimum.hpp"

namespace coordinate_problems {

template <class Loss>
class GlmProblem {
public:
    using provides = tsr::Provides<tsr::Objective, tsr::Coordinate, tsr::GroundTruth>;

    GlmProblem(GlmCoordinate<Loss> model, Vec x_true) : m_(std::move(model)), x_true_(std::move(x_true)) {}

    int64_t dim() const { return m_.d(); }
    void initial_point(tsr::VecMap x0) const { x0.setZero(); }
    double value(tsr::CVecMap x) { return m_.value(x); }
    double value_gradient(tsr::CVecMap x, tsr::VecMap g) {
        if (m_.l1() != 0.0)
            throw tsr::InvalidArgument("value_gradient: F has an L1 term (l1 > 0) and is not differentiable; "
                                       "use tsr.coordinate.v1");
        m_.gradient(x, g);
        return m_.smooth_value(x);
    }

    double l1_weight() const { return m_.l1(); }
    void gradient(tsr::CVecMap x, tsr::VecMap g) { m_.gradient(x, g); }
    void block_gradient(tsr::CVecMap x, std::span<const int64_t> idx, tsr::VecMap gb) { m_.block_gradient(x, idx, gb); }
    void coordinate_lipschitz(tsr::VecMap L) { L = m_.lipschitz(); }
    void block_bound(std::span<const int64_t> idx, tsr::RowMatMap M) { m_.block_bound(idx, M); }
    void block_hessian(tsr::CVecMap x, std::span<const int64_t> idx, tsr::RowMatMap H) { m_.block_hessian(x, idx, H); }

    std::optional<double> truth_scalar(std::string_view name) {
        if (name != "f_star") return std::nullopt;
        const GlmOptimum& o = optimum();
        return o.found ? std::optional<double>(o.f) : std::nullopt;
    }
    std::optional<tsr_array> truth_array(std::string_view name) {
        if (name == "x_true") return tsr::array_view(x_true_);
        if (name != "x_star") return std::nullopt;
        const GlmOptimum& o = optimum();
        return o.found ? std::optional<tsr_array>(tsr::array_view(o.x)) : std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const names[] = {"f_star", "x_star", "x_true", nullptr};
        return names;
    }

private:
    const GlmOptimum& optimum() {
        if (!optimum_) optimum_ = glm_optimum(m_);
        return *optimum_;
    }

    GlmCoordinate<Loss> m_;
    Vec x_true_;
    std::optional<GlmOptimum> optimum_;
};

// The design parameters every GLM component shares (paper defaults in sparse_design.hpp).
template <class P>
void design_schema(tsr::Schema<P>& s) {
    s.integer("n", &P::n, "number of samples (rows of A)", {.min = 1});
    s.integer("d", &P::d, "number of features (coordinates of x)", {.min = 1});
    s.real("bias", &P::bias, "added to every N(0,1) entry before column scaling (correlates the columns)");
    s.real("scaling", &P::scaling, "column j is multiplied by scaling * N(0,1)");
    s.real("sparsity", &P::sparsity, "an entry is kept with probability sparsity * log(n) / n", {.min = 0.0});
    s.real("solution_sparsity", &P::solution_sparsity, "probability that a planted coefficient is nonzero",
           {.min = 0.0, .max = 1.0});
    s.real("l1", &P::l1, "weight lambda of the L1 term lambda * ||x||_1 (0: smooth problem)", {.min = 0.0});
    s.real("l2", &P::l2, "weight mu of the ridge term (mu/2) ||x||^2", {.min = 0.0});
}

template <class P>
DesignParams design_of(const P& p) {
    return {p.n, p.d, p.bias, p.scaling, p.sparsity, p.solution_sparsity};
}

}  // namespace coordinate_problems
