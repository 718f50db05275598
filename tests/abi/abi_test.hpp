// tests/abi/abi_test.hpp — shared helpers of the ABI tests (paths come from CMake).
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <tessera/iface/ground_truth.h>
#include <tessera/iface/objective.h>

#include <errors.hpp>
#include <registry.hpp>
#include <run_result.hpp>
#include <runner.hpp>

namespace abi_test {

namespace fs = std::filesystem;

// The canonical form the registry records for a path.
inline std::string canonical(const std::string& p) { return fs::weakly_canonical(fs::absolute(p)).string(); }

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

inline std::string problems_text(const tsr::host::Registry& reg) {
    std::string s;
    for (const auto& p : reg.problems()) s += p.path + ": " + p.reason + "\n";
    return s;
}

inline const tsr::host::Array* find_array(const tsr::host::RunResult& r, const std::string& name) {
    for (const auto& a : r.arrays)
        if (a.name == name) return &a;
    return nullptr;
}

inline std::vector<double> f64(const tsr::host::Array& a) {
    std::vector<double> v(a.bytes.size() / sizeof(double));
    std::copy(a.bytes.begin(), a.bytes.end(), reinterpret_cast<unsigned char*>(v.data()));
    return v;
}

inline const double* find_scalar(const tsr::host::RunResult& r, const std::string& name) {
    for (const auto& s : r.scalars)
        if (s.name == name) return &s.value;
    return nullptr;
}

inline const tsr::host::Counter* find_counter(const tsr::host::RunResult& r, const std::string& name) {
    for (const auto& c : r.counters)
        if (c.name == name) return &c;
    return nullptr;
}

inline tsr::host::RunRequest request(std::string algorithm, std::string problem, tsr::host::KeyValues ap = {},
                                     tsr::host::KeyValues pp = {}) {
    tsr::host::RunRequest r;
    r.algorithm = std::move(algorithm);
    r.problem = std::move(problem);
    r.algorithm_params = std::move(ap);
    r.problem_params = std::move(pp);
    r.seed = 1;
    return r;
}

}  // namespace abi_test
