#include "table.hpp"

#include <algorithm>

namespace tsr::host {

size_t display_width(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::string Table::render() const {
    std::vector<size_t> width(header_.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (size_t i = 0; i < row.size() && i < width.size(); ++i) width[i] = std::max(width[i], display_width(row[i]));
    };
    measure(header_);
    for (const auto& r : rows_) measure(r);
    auto line = [&](const std::vector<std::string>& row) {
        std::string out;
        for (size_t i = 0; i < width.size(); ++i) {
            const std::string cell = i < row.size() ? row[i] : "";
            const std::string pad(width[i] - display_width(cell), ' ');
            const bool right = std::find(right_.begin(), right_.end(), i) != right_.end();
            out += right ? pad + cell : cell + pad;
            if (i + 1 < width.size()) out += "  ";
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(header_);
    size_t total = 0;
    for (size_t w : width) total += w;
    out += std::string(total + 2 * (width.empty() ? 0 : width.size() - 1), '-') + "\n";
    for (const auto& r : rows_) out += line(r);
    return out;
}

}  // namespace tsr::host
