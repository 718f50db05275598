#include "sweeps.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "../text.hpp"
#include "gnuplot.hpp"
#include "stats.hpp"

namespace tsr::host::report {

namespace {

std::optional<double> numeric(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// P's value in the run: the algorithm's parameter first, then the problem's.
std::optional<double> param_value(const RunResult& r, const std::string& param) {
    for (const ComponentUse* c : {&r.algorithm, &r.problem})
        for (const ParamText& p : c->params)
            if (p.name == param) return numeric(p.value);
    return std::nullopt;
}

std::optional<double> metric_value(const RunResult& r, const Column& c) {
    for (const MetricValue& v : r.metric_values)
        if (v.metric_id == c.metric_id && v.name == c.output && std::isfinite(v.value)) return v.value;
    return std::nullopt;
}

std::string safe_stem(const std::string& s) {
    std::string out;
    for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ? c : '_';
    return out;
}

}  // namespace

std::string strip_grid_param(const std::string& label, const std::string& param) {
    const size_t open = label.find('[');
    if (open == std::string::npos || label.back() != ']') return label;
    const std::string_view inside = std::string_view(label).substr(open + 1, label.size() - open - 2);
    std::string kept;
    for (size_t start = 0; start <= inside.size();) {
        const size_t comma = std::min(inside.find(',', start), inside.size());
        const std::string_view part = inside.substr(start, comma - start);
        if (!(part.size() > param.size() && part.starts_with(param) && part[param.size()] == '=')) {
            kept += kept.empty() ? "" : ",";
            kept += part;
        }
        start = comma + 1;
    }
    std::string out(label, 0, open);
    if (!kept.empty()) out += "[" + kept + "]";
    return out;
}

void sweep_figures(const std::vector<RunResult>& runs, const Model& m, const ReportOptions& o, const std::string& param,
                   FigureSet& out) {
    // The runs the model kept (superseded repeats left out), with their method colour.
    std::vector<std::pair<size_t, size_t>> used;  // (run, method index)
    for (const Group& g : m.groups)
        for (const Row& row : g.rows)
            for (size_t i : row.runs)
                if (!is_failure(runs[i].status)) used.emplace_back(i, row.method_index);
    // panel → column → series → x → values
    using Series = std::map<double, std::vector<double>>;
    std::map<std::string, std::map<std::string, std::map<std::string, Series>>> data;
    std::map<std::string, size_t> series_colour;
    bool any = false;
    for (const auto& [i, mi] : used) {
        const RunResult& r = runs[i];
        const std::optional<double> x = param_value(r, param);
        if (!x) continue;
        any = true;
        const std::string series = strip_grid_param(r.labels.algorithm.empty() ? r.algorithm.id : r.labels.algorithm, param);
        const std::string panel = strip_grid_param(r.labels.instance.empty() ? r.problem.id : r.labels.instance, param);
        series_colour.emplace(series, series_colour.size());
        for (const Column& c : m.columns) {
            if (c.metric_id.empty()) continue;
            if (const auto y = metric_value(r, c)) data[panel][c.key()][series][*x].push_back(*y);
        }
    }
    if (!any) {
        out.notes.push_back(fmt::format("no run has a numeric parameter '{}': no plot against it", param));
        return;
    }
    for (const auto& [panel, columns] : data)
        for (const Column& c : m.columns) {
            const auto it = columns.find(c.key());
            if (it == columns.end()) continue;
            std::string blocks, plot;
            double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
            size_t drawn = 0;
            for (const auto& [series, points] : it->second) {
                if (points.size() < 2) continue;
                std::string block = fmt::format("$s{} << EOD\n", drawn);
                for (auto [x, values] : points) {
                    std::sort(values.begin(), values.end());
                    const double med = quantile_sorted(values, 0.5);
                    block += fmt::format("{:.7g} {:.7g} {:.7g} {:.7g}\n", x, med, quantile_sorted(values, 0.25),
                                         quantile_sorted(values, 0.75));
                    xlo = std::min(xlo, x), xhi = std::max(xhi, x), ylo = std::min(ylo, med), yhi = std::max(yhi, med);
                }
                blocks += block + "EOD\n";
                const std::string col = fmt::format("'{}'", std::vector<const char*>{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                                                                   "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
                                                                                   "#17becf"}[series_colour[series] % 10]);
                plot += fmt::format("{}$s{} using 1:2:3:4 with yerrorlines lw 2 pt 7 ps 0.6 lc rgb {} title {}", drawn ? ", " : "",
                                    drawn, col, gp_quote(series));
                ++drawn;
            }
            if (!drawn) continue;
            const bool log_x = !o.linear_x && xlo > 0 && xhi >= 10 * xlo;
            const bool log_y = ylo > 0 && yhi >= 100 * ylo;
            Figure f;
            f.kind = "sweep";
            f.title = fmt::format("{}: {} vs {}", panel, c.key(), param);
            f.stem = safe_stem(panel + "-" + c.key() + "-vs-" + param);
            f.body = blocks +
                     fmt::format("set title {}\nset xlabel {}\nset ylabel {}\nset grid lt 1 lw 0.5 lc rgb '#d8d8d8'\n"
                                 "set border lc rgb '#444444'\nset key outside right top\n",
                                 gp_quote(f.title), gp_quote(param + (log_x ? " (log scale)" : "")),
                                 gp_quote(c.header + (log_y ? " (log scale)" : ""))) +
                     (log_x ? "set logscale x 10\nset format x '%g'\n" : "") + (log_y ? "set logscale y 10\nset format y '%g'\n" : "") +
                     "set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05\nplot " + plot + "\n";
            f.width = 760;
            f.caption = fmt::format("Median over seeds of {} at each value of {} (error bars: 25–75% quantiles); one line per "
                                    "method, its grid over {} read as one line.",
                                    c.key(), param, param);
            out.figures.push_back(std::move(f));
        }
}

}  // namespace tsr::host::report
