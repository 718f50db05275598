// host/table.hpp — plain-text tables for the terminal, aligned, with an optional title.
#pragma once

#include <string>
#include <vector>

namespace tsr::host {

class Table {
public:
    explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    // Columns listed here are right-aligned (numbers).
    void align_right(size_t column) { right_.push_back(column); }
    std::string render() const;
    bool empty() const { return rows_.empty(); }

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
    std::vector<size_t> right_;
};

// Width of a UTF-8 string in terminal columns (code points; good enough for ± and ·).
size_t display_width(const std::string& s);

}  // namespace tsr::host
