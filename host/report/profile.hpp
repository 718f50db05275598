// host/report/profile.hpp — performance profiles (E. D. Dolan and J. J. Moré, "Benchmarking
// optimization software with performance profiles", Math. Programming 91, 2002).
//
// With t[p][s] the cost of method s on instance p (lower is better),
//     r[p][s] = t[p][s] / min_s t[p][s]                 (∞ when s did not solve p)
//     ρ_s(τ)  = |{p : r[p][s] ≤ τ}| / |instances|
// ρ_s(1) is the fraction of instances where s is (one of) the best; ρ_s(τ) for large τ the
// fraction it solves at all.
#pragma once

#include <string>
#include <vector>

namespace tsr::host::report {

struct PerformanceProfile {
    std::vector<std::string> methods;
    std::vector<std::string> instances;      // the instances kept
    std::vector<std::vector<double>> ratio;  // [method][instance]; +∞ when not solved
    std::vector<std::string> notes;          // instances left out and why

    double rho(size_t method, double tau) const;
    // The largest finite ratio (1 when there is none).
    double max_ratio() const;
};

// t[instance][method]; NaN or ±∞ means "not solved". An instance whose best t is ≤ 0 is left
// out (a ratio needs positive costs) and named in notes.
PerformanceProfile performance_profile(const std::vector<std::string>& instances, const std::vector<std::string>& methods,
                                       const std::vector<std::vector<double>>& t);

}  // namespace tsr::host::report
