// operator_problem.hpp — what every op.* problem serves the same way: the constants of
// tsr.operator.v1 (dimension, number of components, L, L̂, cocoercivity, starting point) and the
// ground truth "x_star" when the instance has a known solution. Each problem derives from it and
// adds value / batch / resolvent.
#pragma once

#include <optional>
#include <string_view>

#include <Eigen/Eigenvalues>
#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

namespace operators {

using tsr::Vec;

struct OperatorConstants {
    int64_t dim = 0;
    int64_t n = 0;
    double lipschitz = 0.0;              // L  : ‖F(u) − F(v)‖ ≤ L‖u − v‖
    double mean_square_lipschitz = 0.0;  // L̂ : (1/n) Σ‖F_i(u) − F_i(v)‖² ≤ L̂²‖u − v‖²
    bool cocoercive = false;             // F is (1/L)-cocoercive
};

class OperatorProblem {
public:
    using provides = tsr::Provides<tsr::Operator, tsr::GroundTruth>;

    int64_t dim() const { return c_.dim; }
    int64_t n_components() const { return c_.n; }
    tsr_operator_properties properties() const {
        tsr_operator_properties p{};
        p.struct_size = sizeof p;
        p.cocoercive = c_.cocoercive ? 1 : 0;
        p.lipschitz = c_.lipschitz;
        p.mean_square_lipschitz = c_.mean_square_lipschitz;
        return p;
    }
    void initial_point(tsr::VecMap u0) const { u0 = u0_; }

    std::optional<double> truth_scalar(std::string_view) const { return std::nullopt; }
    std::optional<tsr_array> truth_array(std::string_view name) const {
        if (name == "x_star" && x_star_.size() > 0) return tsr::array_view(x_star_);
        return std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const with[] = {"x_star", nullptr};
        static const char* const without[] = {nullptr};
        return x_star_.size() > 0 ? with : without;
    }

protected:
    OperatorProblem(OperatorConstants c, Vec u0, Vec x_star = Vec())
        : c_(c), u0_(std::move(u0)), x_star_(std::move(x_star)) {}

    OperatorConstants c_;
    Vec u0_;
    Vec x_star_;  // borrowed by truth_array for the object's life: never resized after creation
};

// λ_max of a symmetric matrix (small: d × d).
inline double largest_eigenvalue(const tsr::Mat& S) {
    Eigen::SelfAdjointEigenSolver<tsr::Mat> es(S, Eigen::EigenvaluesOnly);
    return es.eigenvalues().maxCoeff();
}

}  // namespace operators
