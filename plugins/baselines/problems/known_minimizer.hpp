// Ground truth of a test function whose minimizer x* is known in closed form and f(x*) = 0:
// serves tsr.ground_truth.v1's "f_star" and "x_star" for the problems deriving from it.
#pragma once

#include <optional>
#include <string_view>

#include <tessera/sdk.hpp>

namespace baselines {

class KnownMinimizer {
public:
    std::optional<double> truth_scalar(std::string_view name) const {
        return name == "f_star" ? std::optional<double>(0.0) : std::nullopt;
    }
    std::optional<tsr_array> truth_array(std::string_view name) const {
        return name == "x_star" ? std::optional<tsr_array>(tsr::array_view(x_star_)) : std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const names[] = {"f_star", "x_star", nullptr};
        return names;
    }

protected:
    explicit KnownMinimizer(tsr::Vec x_star) : x_star_(std::move(x_star)) {}
    tsr::Vec x_star_;  // borrowed by truth_array for the object's life: never resized after creation
};

}  // namespace baselines
