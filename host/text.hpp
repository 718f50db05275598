// host/text.hpp — small text helpers shared by the host's commands.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tsr::host {

// Levenshtein distance, for "did you mean" suggestions.
size_t edit_distance(std::string_view a, std::string_view b);
// "a, b or c"
std::string join_or(const std::vector<std::string>& items);
std::string join(const std::vector<std::string>& items, std::string_view sep);
// Text with &, <, > and " escaped for XML and HTML.
std::string xml_escape(const std::string& s);
// "3x4" for an array shape; "" for a scalar.
std::string shape_text(const std::vector<int64_t>& shape);
// Shortest text that reads back as the same double ("0.1", "1e-08", "inf").
std::string format_double(double v);

}  // namespace tsr::host
