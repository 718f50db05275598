// The terminal tables of a report (see report.hpp). Best cells are bold with ANSI escapes on a
// terminal and marked "*" otherwise; widths are measured without the escapes.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "../table.hpp"
#include "../text.hpp"
#include "model.hpp"
#include "report.hpp"

namespace tsr::host::report {

namespace {

struct TextCell {
    std::string text;
    bool bold = false;
};

class AnsiTable {
public:
    explicit AnsiTable(std::vector<std::string> header) {
        for (auto& h : header) header_.push_back({std::move(h), false});
    }
    void add(std::vector<TextCell> row) { rows_.push_back(std::move(row)); }
    void align_right(size_t column) { right_.push_back(column); }

    std::string render(bool ansi) const {
        std::vector<size_t> width(header_.size(), 0);
        for (size_t i = 0; i < header_.size(); ++i) width[i] = display_width(header_[i].text);
        for (const auto& r : rows_)
            for (size_t i = 0; i < r.size() && i < width.size(); ++i) width[i] = std::max(width[i], display_width(r[i].text));
        auto line = [&](const std::vector<TextCell>& row) {
            std::string out;
            for (size_t i = 0; i < width.size(); ++i) {
                const TextCell cell = i < row.size() ? row[i] : TextCell{};
                const std::string pad(width[i] - display_width(cell.text), ' ');
                const std::string text = ansi && cell.bold ? "\x1b[1m" + cell.text + "\x1b[0m" : cell.text;
                const bool right = std::find(right_.begin(), right_.end(), i) != right_.end();
                out += right ? pad + text : text + pad;
                if (i + 1 < width.size()) out += "  ";
            }
            while (!out.empty() && out.back() == ' ') out.pop_back();
            return out + "\n";
        };
        size_t total = 0;
        for (size_t w : width) total += w;
        std::string out = line(header_);
        out += std::string(total + 2 * (width.empty() ? 0 : width.size() - 1), '-') + "\n";
        for (const auto& r : rows_) out += line(r);
        return out;
    }

private:
    std::vector<TextCell> header_;
    std::vector<std::vector<TextCell>> rows_;
    std::vector<size_t> right_;
};

// "value" with its best mark and its missing-count suffix.
TextCell cell_text(const Cell& c, bool median, bool ansi) {
    std::string t = value_text(c, median);
    if (c.best && !ansi) t += " *";
    const std::string miss = missing_text(c);
    if (!miss.empty()) t += " " + miss;
    return {t, c.best};
}

}  // namespace

std::string render_model_text(const Model& m, const ReportOptions& o) {
    std::string out;
    bool any_direction = false;
    for (const Group& g : m.groups) {
        out += fmt::format("{}  ·  {} run{}\n", g.name, g.run_count, g.run_count == 1 ? "" : "s");
        std::vector<std::string> header = {"method", "runs"};
        bool ranked = false;
        for (const Column& c : g.columns) {
            header.push_back(column_title(c));
            ranked = ranked || c.direction != 0;
        }
        any_direction = any_direction || ranked;
        if (ranked) header.push_back("rank");
        AnsiTable t(header);
        if (ranked) t.align_right(header.size() - 1);
        for (const Row& row : g.rows) {
            std::vector<TextCell> cells = {{row.method, false}, {runs_text(row), false}};
            for (const Cell& c : row.cells) cells.push_back(cell_text(c, m.median, o.ansi));
            if (ranked) {
                std::string rank = rank_text(row.rank);
                if (row.best_rank && !o.ansi) rank += " *";
                cells.push_back({rank, row.best_rank});
            }
            t.add(cells);
        }
        out += t.render(o.ansi) + "\n";
    }
    if (m.groups.size() > 1 && any_direction) {
        out += fmt::format("across {} {}s\n", m.groups.size(), group_by_name(o.group_by));
        AnsiTable t({"method", fmt::format("{}s", group_by_name(o.group_by)), "runs", "mean rank", "best in"});
        for (size_t i = 1; i < 5; ++i) t.align_right(i);
        const std::vector<Overall> ov = overall(m);
        double best = kNaN;
        for (const Overall& x : ov)
            if (!std::isnan(x.mean_rank) && (std::isnan(best) || x.mean_rank < best)) best = x.mean_rank;
        for (const Overall& x : ov) {
            const bool is_best = !std::isnan(x.mean_rank) && std::abs(x.mean_rank - best) < 1e-9;
            std::string runs = fmt::format("{} ok", x.ok);
            if (x.failed) runs += fmt::format(", {} failed", x.failed);
            t.add({{x.method, false},
                   {std::to_string(x.groups), false},
                   {runs, false},
                   {rank_text(x.mean_rank) + (is_best && !o.ansi ? " *" : ""), is_best},
                   {std::to_string(x.wins), false}});
        }
        out += t.render(o.ansi) + "\n";
    }
    out += fmt::format("{} over seeds of the finite values", m.median ? "median [25%, 75% quantiles]" : "mean ± std");
    if (any_direction)
        out += fmt::format("; ↓/↑ lower/higher is better; {} best in its column; rank: mean over the ↓/↑ "
                           "columns of the method's rank in each (1 = best, ties share)",
                           o.ansi ? "bold:" : "*");
    out += "; (n=2: 1 NaN): the values a cell has when fewer than the row's runs, and why.\n";
    if (m.superseded)
        out += fmt::format("{} earlier run{} of a retried run key left out.\n", m.superseded, m.superseded == 1 ? "" : "s");
    return out;
}

}  // namespace tsr::host::report
