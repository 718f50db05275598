// s_schedule.hpp — the per-stage M-matrix domain parameters s_0, s_1, ... of DAGMA-style path
// following (DAGMA Algorithm 1; CoLiDE Algorithm 1), given as a comma-separated parameter
// ("1,0.9,0.8,0.7"); the last value repeats for later stages, as both reference codes do
// (`s + (T − len(s)) * [s[-1]]`).
#pragma once

#include <tessera/sdk.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace tsr::kit::dag {

inline std::vector<double> parse_s_schedule(const std::string& text, int64_t stages) {
    std::vector<double> s;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            size_t used = 0;
            const double v = std::stod(item, &used);
            if (!(v > 0)) throw std::invalid_argument("");
            s.push_back(v);
        } catch (const std::exception&) {
            throw tsr::InvalidArgument("parameter 's': '" + item + "' is not a positive number");
        }
    }
    if (s.empty()) throw tsr::InvalidArgument("parameter 's' needs at least one value");
    while (static_cast<int64_t>(s.size()) < stages) s.push_back(s.back());
    return s;
}

}  // namespace tsr::kit::dag
