// The HTML page of a report (report.hpp): one file, no external resource — the style is inline,
// the plots are inline SVG, there is no script.
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "../errors.hpp"
#include "../provenance.hpp"
#include "../text.hpp"
#include "figures.hpp"
#include "gnuplot.hpp"
#include "model.hpp"
#include "report.hpp"

namespace tsr::host::report {

namespace fs = std::filesystem;

namespace {

constexpr const char* style = R"css(
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 2em auto; max-width: 1400px; padding: 0 1.5em; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { font-size: 1.25em; margin-top: 2.2em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
.meta, .legend, figcaption, .notes { color: #555; font-size: .92em; }
nav a { margin-right: 1em; white-space: nowrap; }
table.report { border-collapse: collapse; margin: 1em 0; font-variant-numeric: tabular-nums; }
table.report th, table.report td { padding: .3em .8em; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
table.report th { background: #f4f4f4; font-weight: 600; }
table.report td.num { text-align: right; }
td.best { font-weight: 700; background: #eef6ee; }
span.miss { color: #a33; font-size: .9em; margin-left: .4em; }
.plots { display: flex; flex-wrap: wrap; gap: 1.2em; }
figure { margin: 0; flex: 1 1 560px; max-width: 680px; }
figure svg { width: 100%; height: auto; border: 1px solid #eee; }
.notes li { margin: .2em 0; }
)css";

std::string table_html(const Model& m, const Group& g) {
    bool ranked = false;
    std::string out = "<table class=\"report\">\n<thead><tr><th>method</th><th>runs</th>";
    for (const Column& c : g.columns) {
        ranked = ranked || c.direction != 0;
        out += fmt::format("<th title=\"{}\">{}</th>", xml_escape(c.key() + (c.direction < 0 ? ": lower is better" : c.direction > 0 ? ": higher is better" : "")),
                           xml_escape(column_title(c)));
    }
    if (ranked) out += "<th>rank</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const Row& row : g.rows) {
        out += fmt::format("<tr><td>{}</td><td>{}</td>", xml_escape(row.method), xml_escape(runs_text(row)));
        for (const Cell& c : row.cells) {
            const std::string miss = missing_text(c);
            out += fmt::format("<td{}>{}{}</td>", c.best ? " class=\"best\"" : "", xml_escape(value_text(c, m.median)),
                               miss.empty() ? "" : "<span class=\"miss\">" + xml_escape(miss) + "</span>");
        }
        if (ranked) out += fmt::format("<td class=\"num{}\">{}</td>", row.best_rank ? " best" : "", xml_escape(rank_text(row.rank)));
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

// The per-method summary across groups (as the terminal's last table).
std::string overall_html(const Model& m, GroupBy by) {
    const std::vector<Overall> ov = overall(m);
    double best = kNaN;
    for (const Overall& x : ov)
        if (!std::isnan(x.mean_rank) && (std::isnan(best) || x.mean_rank < best)) best = x.mean_rank;
    std::string out = fmt::format("<table class=\"report\">\n<thead><tr><th>method</th><th>{}s</th><th>runs</th>"
                                  "<th>mean rank</th><th>best in</th></tr></thead>\n<tbody>\n",
                                  group_by_name(by));
    for (const Overall& x : ov) {
        const bool is_best = !std::isnan(x.mean_rank) && std::abs(x.mean_rank - best) < 1e-9;
        out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td>{} ok{}</td><td class=\"num{}\">{}</td>"
                           "<td class=\"num\">{}</td></tr>\n",
                           xml_escape(x.method), x.groups, x.ok, x.failed ? fmt::format(", {} failed", x.failed) : "",
                           is_best ? " best" : "", xml_escape(rank_text(x.mean_rank)), x.wins);
    }
    return out + "</tbody>\n</table>\n";
}

std::string figure_html(const Figure& f, const Rendered& r) {
    if (!r.ok) return "";
    return fmt::format("<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n", r.svg, xml_escape(f.caption));
}

std::string anchor(size_t group) { return fmt::format("g{}", group + 1); }

}  // namespace

PlotSummary write_html(const std::vector<RunResult>& runs, const ReportOptions& o, const fs::path& file) {
    PlotSummary sum;
    const Model m = build_model(runs, o);

    FigureSet set = build_figures(runs, m, o);
    std::vector<Rendered> rendered(set.figures.size());
    std::string plotter;
    if (const auto version = gnuplot_version(o.gnuplot)) {
        plotter = *version;
        rendered = render_svg(set.figures, o.gnuplot);
        for (size_t i = 0; i < rendered.size(); ++i) {
            if (rendered[i].ok)
                ++sum.figures;
            else
                set.notes.push_back(fmt::format("plot '{}' failed: {}", set.figures[i].title, rendered[i].error));
        }
    } else if (!set.figures.empty()) {
        set.notes.insert(set.notes.begin(),
                         fmt::format("gnuplot not found (ran '{}'): the page has tables but no plots; install gnuplot "
                                     "(Debian/Ubuntu: apt-get install gnuplot-nox) or set TESSERA_GNUPLOT",
                                     o.gnuplot));
    }
    sum.notes = set.notes;

    size_t failed = 0;
    for (const Group& g : m.groups)
        for (const Row& r : g.rows)
            for (size_t k = 0; k < kStatusCount; ++k)
                if (is_failure(static_cast<RunStatus>(k))) failed += r.statuses[k];

    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += fmt::format("<title>Tessera report{}</title>\n", o.title.empty() ? "" : ": " + xml_escape(o.title));
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    h += fmt::format("<style>{}</style>\n</head>\n<body>\n", style);
    h += fmt::format("<h1>Tessera report{}</h1>\n", o.title.empty() ? "" : ": " + xml_escape(o.title));
    h += fmt::format("<p class=\"meta\">{} run{} ({} failed) in {} group{} by {} · {} over seeds · tessera {} · {}{}</p>\n",
                     m.runs, m.runs == 1 ? "" : "s", failed, m.groups.size(), m.groups.size() == 1 ? "" : "s",
                     group_by_name(o.group_by), m.median ? "median [25%, 75%]" : "mean ± std", xml_escape(host_version()),
                     xml_escape(utc_now_iso8601()), plotter.empty() ? "" : " · plots by " + xml_escape(plotter));
    if (m.superseded)
        h += fmt::format("<p class=\"meta\">{} earlier run{} of a retried run key left out.</p>\n", m.superseded,
                         m.superseded == 1 ? "" : "s");
    if (!set.notes.empty()) {
        h += "<ul class=\"notes\">\n";
        for (const std::string& n : set.notes) h += "<li>" + xml_escape(n) + "</li>\n";
        h += "</ul>\n";
    }
    bool profiles = false, sweeps = false;
    for (size_t i = 0; i < set.figures.size(); ++i) {
        profiles = profiles || (set.figures[i].kind == "profile" && rendered[i].ok);
        sweeps = sweeps || (set.figures[i].kind == "sweep" && rendered[i].ok);
    }
    h += "<nav>";
    for (size_t gi = 0; gi < m.groups.size(); ++gi)
        h += fmt::format("<a href=\"#{}\">{}</a> ", anchor(gi), xml_escape(m.groups[gi].name));
    bool ranked = false;
    for (const Column& c : m.columns) ranked = ranked || c.direction != 0;
    const bool across = m.groups.size() > 1 && ranked;
    if (across) h += "<a href=\"#across\">across</a> ";
    if (sweeps) h += "<a href=\"#sweeps\">against parameters</a> ";
    if (profiles) h += "<a href=\"#profiles\">performance profiles</a>";
    h += "</nav>\n";

    for (size_t gi = 0; gi < m.groups.size(); ++gi) {
        const Group& g = m.groups[gi];
        h += fmt::format("<section id=\"{}\">\n<h2>{} <small>· {} run{}</small></h2>\n", anchor(gi), xml_escape(g.name), g.run_count,
                         g.run_count == 1 ? "" : "s");
        h += table_html(m, g);
        std::string figs;
        for (size_t i = 0; i < set.figures.size(); ++i)
            if (set.figures[i].group == gi) figs += figure_html(set.figures[i], rendered[i]);
        if (!figs.empty()) h += "<div class=\"plots\">\n" + figs + "</div>\n";
        h += "</section>\n";
    }
    if (across)
        h += fmt::format("<section id=\"across\">\n<h2>Across {} {}s</h2>\n<p class=\"meta\">Mean rank: the mean of "
                         "the method's rank in each {} where it ran; best in: where its rank is the best.</p>\n{}</section>\n",
                         m.groups.size(), group_by_name(o.group_by), group_by_name(o.group_by), overall_html(m, o.group_by));
    if (sweeps) {
        h += "<section id=\"sweeps\">\n<h2>Metrics against parameters</h2>\n<div class=\"plots\">\n";
        for (size_t i = 0; i < set.figures.size(); ++i)
            if (set.figures[i].kind == "sweep") h += figure_html(set.figures[i], rendered[i]);
        h += "</div>\n</section>\n";
    }
    if (profiles) {
        h += "<section id=\"profiles\">\n<h2>Performance profiles</h2>\n<div class=\"plots\">\n";
        for (size_t i = 0; i < set.figures.size(); ++i)
            if (set.figures[i].kind == "profile") h += figure_html(set.figures[i], rendered[i]);
        h += "</div>\n</section>\n";
    }
    h += fmt::format("<p class=\"legend\">Cells: {} over seeds of the finite values; ↓/↑ lower/higher is better; bold: "
                     "best in its column (ties all marked); rank: mean over the ↓/↑ columns of the method's rank in each "
                     "(1 = best, ties share the average, no value ranks last); a note such as (n=2: 1 NaN) gives "
                     "the number of values when a cell has fewer than the row's runs, and why. Runs that ended with error, timeout, crashed or out_of_memory are "
                     "failures and give no value.</p>\n",
                     m.median ? "median [25%, 75% quantiles]" : "mean ± sample std");
    h += "</body>\n</html>\n";

    // Written beside the target, then renamed: a reader never sees half a page.
    const fs::path tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw UsageError(fmt::format("cannot write '{}': {}", file.string(), std::strerror(errno)));
        out << h;
        out.flush();
        if (!out) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw UsageError(fmt::format("cannot write '{}': {}", file.string(), std::strerror(errno)));
        }
    }
    std::error_code ec;
    fs::rename(tmp, file, ec);
    if (ec) {
        const std::string why = ec.message();
        fs::remove(tmp, ec);
        throw UsageError(fmt::format("cannot write '{}': {}", file.string(), why));
    }
    return sum;
}

}  // namespace tsr::host::report
