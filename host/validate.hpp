// host/validate.hpp — conformance checks of a plugin library (`tessera validate`).
//
// Each component of the library is exercised through the ABI exactly as the host would use it:
// created with its defaults, its interfaces called (gradients checked against finite
// differences), bad input fed to it (out-of-range parameters, bad indices, NaN points), and
// algorithms run twice with one seed on a compatible problem (same trace, same solution), with a
// small budget (they must stop when asked), and on a problem that returns NaN (no crash).
//
// Checks run in-process: a plugin that crashes takes `tessera validate` down with it, which is a
// failure too (non-zero exit).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "registry.hpp"

namespace tsr::host {

struct Check {
    std::string component;
    std::string name;
    enum Result { pass, fail, skip } result = pass;
    std::string detail;
};

// Validates every component of the library at `library_path` (already loaded into `reg`,
// which should also hold the installed plugins, to find problems for algorithms and metrics).
std::vector<Check> validate_library(Registry& reg, const std::string& library_path);

// The checks of one problem, created with `params` (name, value text) instead of its defaults:
// what validate_library runs for each problem of a library. Tests of the checks use it to feed
// deliberately wrong problems.
std::vector<Check> validate_problem(Registry& reg, const Component& problem,
                                    const std::vector<std::pair<std::string, std::string>>& params = {});

}  // namespace tsr::host
