#include "figures.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "../errors.hpp"
#include "../text.hpp"
#include "curves.hpp"
#include "gnuplot.hpp"
#include "profile.hpp"
#include "sweeps.hpp"

namespace tsr::host::report {

namespace {

// Tableau 10: distinct, and readable on white.
constexpr const char* palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                   "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

std::string colour(size_t method) { return palette[method % std::size(palette)]; }
// Beyond ten methods colours repeat; the dash pattern then tells them apart.
int dash(size_t method) { return static_cast<int>(method / std::size(palette)) + 1; }

std::string num(double v) { return fmt::format("{:.7g}", v); }

std::string sanitize(const std::string& s) {
    std::string out;
    for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ? c : '_';
    out.erase(std::unique(out.begin(), out.end(), [](char a, char b) { return a == '_' && b == '_'; }), out.end());
    while (!out.empty() && out.back() == '_') out.pop_back();
    if (!out.empty() && out.front() == '_') out.erase(0, 1);
    return out.empty() ? "x" : out;
}

// A datablock named `name` with the given rows.
std::string datablock(const std::string& name, const std::vector<std::vector<double>>& rows) {
    std::string out = name + " << EOD\n";
    for (const auto& r : rows) {
        for (size_t i = 0; i < r.size(); ++i) {
            if (i) out += ' ';
            out += num(r[i]);
        }
        out += "\n";
    }
    return out + "EOD\n";
}

std::string common_header(const std::string& title, const std::string& xlabel, const std::string& ylabel) {
    return fmt::format("set title {}\nset xlabel {}\nset ylabel {}\nset grid lt 1 lw 0.5 lc rgb '#d8d8d8'\nset border lc rgb '#444444'\n",
                       gp_quote(title), gp_quote(xlabel), gp_quote(ylabel));
}

std::string direction_text(int32_t d) {
    return d < 0 ? " (lower is better)" : d > 0 ? " (higher is better)" : "";
}

// An x axis of convergence plots: total oracle units ("evals"), "seconds", "iterations", or
// "units:TEXT" — the sum of the oracle units of every proxy counter whose name contains TEXT
// ("units:gradient" adds loss, minibatch and full gradients; "units:tsr.operator.v1" all
// component evaluations), so methods that pay for the same thing through different functions
// share one axis.
struct Axis {
    std::string name;   // as asked
    std::string label;  // with units
    std::string what;   // in titles
    std::string stem;   // for file names
};

Axis make_axis(const std::string& name) {
    if (name == "evals") return {name, "oracle calls", "oracle calls", "evals"};
    if (name == "seconds") return {name, "seconds", "time", "seconds"};
    if (name == "iterations") return {name, "iterations", "iterations", "iterations"};
    if (name.rfind("units:", 0) == 0 && name.size() > 6) {
        const std::string text = name.substr(6);
        return {name, "oracle units of *" + text + "*", text + " calls", "units-" + sanitize(text)};
    }
    throw UsageError(fmt::format("x axis '{}' is not known; use evals, seconds, iterations or units:TEXT "
                                 "(the oracle units of the counters whose name contains TEXT)",
                                 name));
}

// x of every trace point of r on `axis`; empty when the run has no counter matching a units axis.
std::vector<double> axis_values(const RunResult& r, const Axis& axis) {
    const Trace& t = r.trace;
    std::vector<double> x(t.size(), 0.0);
    if (axis.name == "evals") {
        for (size_t i = 0; i < t.size(); ++i) x[i] = static_cast<double>(t.evals[i]);
    } else if (axis.name == "seconds") {
        x = t.seconds;
    } else if (axis.name == "iterations") {
        for (size_t i = 0; i < t.size(); ++i) x[i] = static_cast<double>(t.iteration[i]);
    } else {
        const std::string text = axis.name.substr(6);
        bool any = false;
        for (size_t c = 0; c < t.columns.size() && c < t.values.size(); ++c) {
            const std::string& col = t.columns[c];
            if (col.rfind("units:", 0) != 0 || col.find(text, 6) == std::string::npos) continue;
            any = true;
            for (size_t i = 0; i < t.size() && i < t.values[c].size(); ++i) x[i] += t.values[c][i];
        }
        if (!any) x.clear();
    }
    return x;
}

SeedCurve seed_curve(const RunResult& r, const Axis& axis, const std::string& curve) {
    SeedCurve s;
    const Trace& t = r.trace;
    const std::vector<double>* y = nullptr;
    if (curve == "objective") {
        y = &t.objective;
    } else {
        for (size_t c = 0; c < t.columns.size(); ++c)
            if (t.columns[c] == curve && c < t.values.size()) y = &t.values[c];
    }
    if (!y) return s;
    std::vector<double> x = axis_values(r, axis);
    const size_t n = std::min(x.size(), y->size());
    x.resize(n);
    s.x = std::move(x);
    s.y.assign(y->begin(), y->begin() + static_cast<std::ptrdiff_t>(n));
    return s;
}

void convergence(const std::vector<RunResult>& runs, const Model& m, size_t gi, const ReportOptions& o,
                 const std::string& curve, const Axis& axis, FigureSet& out) {
    const Group& g = m.groups[gi];
    std::vector<std::vector<SeedCurve>> seeds(g.rows.size());
    std::vector<size_t> without(g.rows.size(), 0);
    for (size_t j = 0; j < g.rows.size(); ++j)
        for (size_t i : g.rows[j].runs)
            if (!is_failure(runs[i].status)) seeds[j].push_back(seed_curve(runs[i], axis, curve));
    double lo = 0, hi = 0;
    for (const auto& s : seeds) {
        auto [a, b] = usable_range(s);
        if (a > 0) {
            lo = lo == 0 ? a : std::min(lo, a);
            hi = std::max(hi, b);
        }
    }
    if (!(lo > 0)) return;  // no trace with this value in the group: nothing to draw
    const size_t points = std::max<size_t>(o.grid_points, 2);
    std::vector<double> grid = log_grid(lo, hi, points);
    if (o.linear_x)
        for (size_t i = 0; i < points; ++i)
            grid[i] = lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(points - 1);
    Figure f;
    f.group = gi;
    f.kind = "convergence";
    f.title = fmt::format("{}: {} vs {}", g.name, curve, axis.what);
    f.stem = sanitize(g.name) + "-" + sanitize(curve) + "-vs-" + axis.stem;
    std::string data, plot;
    bool positive = true;
    double ylo = INFINITY, yhi = 0;
    size_t drawn = 0;
    std::vector<std::string> caption_bits;
    for (size_t j = 0; j < g.rows.size(); ++j) {
        const Band b = median_band(seeds[j], grid);
        const size_t no_data = seeds[j].size() - b.seeds;
        if (no_data) caption_bits.push_back(fmt::format("{}: {} of {} runs without usable points", g.rows[j].method, no_data, seeds[j].size()));
        if (b.x.empty()) continue;
        std::vector<std::vector<double>> rows;
        for (size_t k = 0; k < b.x.size(); ++k) {
            rows.push_back({b.x[k], b.q25[k], b.median[k], b.q75[k]});
            positive = positive && b.q25[k] > 0;
            ylo = std::min(ylo, b.q25[k]);
            yhi = std::max(yhi, b.q75[k]);
        }
        const std::string name = fmt::format("$m{}", j);
        data += datablock(name, rows);
        const size_t mi = g.rows[j].method_index;
        plot += fmt::format("{}{} using 1:2:4 with filledcurves fc rgb '{}' fs transparent solid 0.18 noborder notitle, "
                            "{} using 1:3 with lines lw 2 dt {} lc rgb '{}' title {}",
                            drawn ? ", " : "", name, colour(mi), name, dash(mi), colour(mi),
                            gp_quote(fmt::format("{} ({} seed{})", g.rows[j].method, b.seeds, b.seeds == 1 ? "" : "s")));
        ++drawn;
    }
    if (!drawn) return;
    // Log y for values spanning decades (suboptimality, regret); a ratio near 1 reads better linear.
    const bool log_y = positive && yhi >= 10 * ylo;
    f.body = data + common_header(f.title, std::string(axis.label) + (o.linear_x ? "" : " (log scale)"), curve + (log_y ? " (log scale)" : "")) +
             (o.linear_x ? "" : "set logscale x 10\n") + "set format x '%g'\nset autoscale xfix\n" +
             (log_y ? "set logscale y 10\nset format y '%g'\n" : "") + "set key bottom left opaque\n" +
             "plot " + plot + "\n";
    f.caption = fmt::format("Median over seeds (line) and 25–75% quantiles (band) of each run's last reported {}, "
                            "read at {} {}-spaced values of {}; a run that ended keeps its last value.",
                            curve, grid.size(), o.linear_x ? "evenly" : "log", axis.label);
    if (!caption_bits.empty()) f.caption += " " + join(caption_bits, "; ") + ".";
    out.figures.push_back(std::move(f));
}

void distribution(const Model& m, size_t gi, size_t k, FigureSet& out) {
    const Group& g = m.groups[gi];
    const Column& c = g.columns[k];
    std::string data, plot, tics;
    double lo = INFINITY, hi = -INFINITY;
    size_t longest = 0;
    for (size_t j = 0; j < g.rows.size(); ++j) {
        const Cell& cell = g.rows[j].cells[k];
        tics += fmt::format("{}{} {}", j ? ", " : "", gp_quote(g.rows[j].method), j + 1);
        longest = std::max(longest, g.rows[j].method.size());
        if (cell.values.empty()) continue;
        std::vector<std::vector<double>> rows;
        for (double v : cell.values) {
            rows.push_back({v});
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        const std::string name = fmt::format("$b{}", j);
        data += datablock(name, rows);
        const std::string col = colour(g.rows[j].method_index);
        plot += fmt::format("{}{} using ({}):1 with boxplot lc rgb '{}', {} using ({}):1 with points pt 7 ps 0.45 lc rgb '{}'",
                            plot.empty() ? "" : ", ", name, j + 1, col, name, j + 1, col);
    }
    if (plot.empty()) return;
    const bool log_y = lo > 0 && hi / lo > 1e3;
    Figure f;
    f.group = gi;
    f.kind = "distribution";
    f.title = fmt::format("{}: {} over seeds", g.name, c.header);
    f.stem = sanitize(g.name) + "-" + sanitize(c.key()) + "-box";
    f.body = data + common_header(f.title, "method", c.header + direction_text(c.direction) + (log_y ? " (log scale)" : "")) +
             (log_y ? "set logscale y 10\nset format y '%g'\n" : "") +
             "set style fill transparent solid 0.3 border\nset style boxplot nooutliers\nset boxwidth 0.5\nunset key\n" +
             fmt::format("set xrange [0.4:{}]\nset xtics ({}) {}\n", g.rows.size() + 0.6, tics,
                         g.rows.size() > 4 || longest > 12 ? "rotate by -25" : "") +
             "plot " + plot + "\n";
    f.caption = "Box: quartiles and median over seeds; whiskers: the most extreme values within 1.5 IQR; points: "
                "one per run (finite values only).";
    out.figures.push_back(std::move(f));
}

bool wanted(const std::vector<std::string>& names, const Column& c) {
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& w) { return w == c.key() || w == c.metric_id || w == c.output; });
}

void profile(const Model& m, const Column& c, FigureSet& out) {
    std::vector<size_t> groups;
    for (size_t gi = 0; gi < m.groups.size(); ++gi)
        for (const Column& d : m.groups[gi].columns)
            if (d.key() == c.key()) groups.push_back(gi);
    if (groups.empty()) return;
    // Methods run on every instance that has the metric.
    std::vector<size_t> methods, left_out;
    for (size_t mi = 0; mi < m.methods.size(); ++mi) {
        bool everywhere = true, somewhere = false;
        for (size_t gi : groups) {
            const auto& rows = m.groups[gi].rows;
            const bool here = std::any_of(rows.begin(), rows.end(), [&](const Row& r) { return r.method_index == mi; });
            everywhere = everywhere && here;
            somewhere = somewhere || here;
        }
        if (everywhere)
            methods.push_back(mi);
        else if (somewhere)
            left_out.push_back(mi);
    }
    if (methods.size() < 2) {
        out.notes.push_back(fmt::format("no performance profile of {}: fewer than two methods ran on every {} that has it",
                                        c.key(), groups.size() == 1 ? "group" : "one of the " + std::to_string(groups.size()) + " groups"));
        return;
    }
    std::vector<std::string> names, instances;
    for (size_t mi : methods) names.push_back(m.methods[mi]);
    std::vector<std::vector<double>> t;
    for (size_t gi : groups) {
        const Group& g = m.groups[gi];
        size_t k = 0;
        while (g.columns[k].key() != c.key()) ++k;
        instances.push_back(g.name);
        std::vector<double> row;
        for (size_t mi : methods)
            for (const Row& r : g.rows)
                if (r.method_index == mi) row.push_back(r.cells[k].center);
        t.push_back(std::move(row));
    }
    const PerformanceProfile p = performance_profile(instances, names, t);
    std::vector<std::string> notes = p.notes;
    if (!left_out.empty()) {
        std::vector<std::string> l;
        for (size_t mi : left_out) l.push_back(m.methods[mi]);
        notes.push_back(join(l, ", ") + (l.size() == 1 ? " is" : " are") + " left out: not run on every instance");
    }
    if (p.instances.empty()) {
        out.notes.push_back(fmt::format("no performance profile of {}: its best value is not positive on any {} "
                                        "(ratios need positive costs)",
                                        c.key(), m.groups.size() == 1 ? "group" : "of the groups"));
        return;
    }
    const double tau_max = std::max(2.0, p.max_ratio() * 1.5);
    std::string data, plot;
    for (size_t s = 0; s < p.methods.size(); ++s) {
        std::vector<double> r;
        for (double x : p.ratio[s])
            if (std::isfinite(x) && x > 1) r.push_back(x);
        std::sort(r.begin(), r.end());
        r.erase(std::unique(r.begin(), r.end()), r.end());
        std::vector<std::vector<double>> rows = {{1, p.rho(s, 1)}};
        for (double x : r) rows.push_back({x, p.rho(s, x)});
        rows.push_back({tau_max, p.rho(s, tau_max)});
        const std::string name = fmt::format("$p{}", s);
        data += datablock(name, rows);
        const size_t mi = methods[s];
        plot += fmt::format("{}{} using 1:2 with steps lw 2 dt {} lc rgb '{}' title {}", s ? ", " : "", name, dash(mi),
                            colour(mi), gp_quote(p.methods[s]));
    }
    Figure f;
    f.kind = "profile";
    f.title = fmt::format("Performance profile: {}", c.key());
    f.stem = "profile-" + sanitize(c.key());
    f.body = data +
             common_header(f.title, "τ: ratio to the best method on the instance (log2 scale)",
                           "fraction of instances with ratio ≤ τ") +
             fmt::format("set logscale x 2\nset xrange [1:{}]\nset yrange [0:1.05]\nset key bottom right\n", num(tau_max)) +
             "plot " + plot + "\n";
    f.caption = fmt::format("Dolan & Moré (2002): ρ(τ) is the fraction of the {} instance{} on which the method's {} over "
                            "seeds is within a factor τ of the best method's; a method without a value on an instance never "
                            "reaches it. ρ(1): how often it is the best.",
                            p.instances.size(), p.instances.size() == 1 ? "" : "s", m.median ? "median" : "mean");
    if (!notes.empty()) f.caption += " " + join(notes, "; ") + ".";
    out.figures.push_back(std::move(f));
}

// Runs `job(i)` for every i < n on a few threads.
void parallel_for(size_t n, const std::function<void(size_t)>& job) {
    const size_t threads = std::min<size_t>(n, std::clamp<size_t>(std::thread::hardware_concurrency(), 2, 8));
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    for (size_t t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (size_t i; (i = next++) < n;) job(i);
        });
    for (auto& th : pool) th.join();
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}


}  // namespace

FigureSet build_figures(const std::vector<RunResult>& runs, const Model& m, const ReportOptions& o) {
    FigureSet out;
    // Curves asked for that no run traces.
    for (const std::string& curve : o.curves) {
        if (curve == "objective") continue;
        const bool traced = std::any_of(runs.begin(), runs.end(), [&](const RunResult& r) {
            return std::find(r.trace.columns.begin(), r.trace.columns.end(), curve) != r.trace.columns.end();
        });
        if (!traced) out.notes.push_back(fmt::format("no run traces '{}': no convergence plot of it", curve));
    }
    std::vector<Axis> axes;
    for (const std::string& a : o.x_axes) axes.push_back(make_axis(a));
    for (size_t gi = 0; gi < m.groups.size(); ++gi) {
        for (const std::string& curve : o.curves)
            for (const Axis& axis : axes) convergence(runs, m, gi, o, curve, axis, out);
        for (size_t k = 0; k < m.groups[gi].columns.size(); ++k) distribution(m, gi, k, out);
    }
    for (const std::string& want : o.profile_metrics)
        if (std::none_of(m.columns.begin(), m.columns.end(), [&](const Column& c) { return wanted({want}, c); }))
            throw UsageError(fmt::format("profile metric '{}' is not among the report's columns", want));
    for (const Column& c : m.columns) {
        if (!o.profile_metrics.empty() && !wanted(o.profile_metrics, c)) continue;
        if (c.direction >= 0) {
            if (!o.profile_metrics.empty())
                out.notes.push_back(fmt::format("no performance profile of {}: profiles need a lower-is-better metric", c.key()));
            continue;
        }
        profile(m, c, out);
    }
    for (const std::string& param : o.vs) sweep_figures(runs, m, o, param, out);
    // Stems unique (two groups may sanitize alike).
    std::set<std::string> stems;
    for (Figure& f : out.figures) {
        std::string s = f.stem;
        for (int k = 2; !stems.insert(s).second; ++k) s = f.stem + "-" + std::to_string(k);
        f.stem = s;
    }
    return out;
}

std::string inline_svg(const std::string& svg, const std::string& prefix, const std::string& title) {
    const size_t start = svg.find("<svg");
    if (start == std::string::npos) return "";
    std::string s = svg.substr(start);
    replace_all(s, "id='", "id='" + prefix);
    replace_all(s, "id=\"", "id=\"" + prefix);
    replace_all(s, "href='#", "href='#" + prefix);
    replace_all(s, "href=\"#", "href=\"#" + prefix);
    replace_all(s, "url(#", "url(#" + prefix);
    replace_all(s, "<title>Gnuplot</title>", "<title>" + xml_escape(title) + "</title>");
    // gnuplot repeats a few ids itself (an opaque key is drawn twice): number the repeats.
    std::set<std::string> seen;
    for (size_t pos = 0; (pos = s.find("id=", pos)) != std::string::npos;) {
        pos += 3;
        if (pos >= s.size() || (s[pos] != '\'' && s[pos] != '"')) continue;
        const size_t end = s.find(s[pos], pos + 1);
        if (end == std::string::npos) break;
        const std::string id = s.substr(pos + 1, end - pos - 1);
        std::string unique = id;
        for (int k = 2; seen.count(unique); ++k) unique = id + "-" + std::to_string(k);
        seen.insert(unique);
        if (unique != id) s.replace(pos + 1, id.size(), unique);
        pos += unique.size() + 2;
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    return s;
}

std::vector<Rendered> render_svg(const std::vector<Figure>& figures, const std::string& program) {
    std::vector<Rendered> out(figures.size());
    parallel_for(figures.size(), [&](size_t i) {
        const Figure& f = figures[i];
        const std::string script =
            fmt::format("set terminal svg size {},{} dynamic noenhanced font 'sans,11' background rgb 'white'\n", f.width, f.height) +
            "set encoding utf8\n" + f.body;
        GnuplotResult r = run_gnuplot(program, script);
        Rendered& x = out[i];
        x.ok = r.ok && r.output.find("<svg") != std::string::npos;
        if (x.ok)
            x.svg = inline_svg(r.output, fmt::format("f{}-", i), f.title);
        else
            x.error = r.ok ? "gnuplot wrote no SVG" : r.error;
    });
    return out;
}

std::vector<Rendered> render_png(const std::vector<Figure>& figures, const std::string& program,
                                 const std::filesystem::path& dir) {
    std::vector<Rendered> out(figures.size());
    parallel_for(figures.size(), [&](size_t i) {
        const Figure& f = figures[i];
        const std::filesystem::path file = dir / (f.stem + ".png");
        const std::string script =
            fmt::format("set terminal pngcairo size {},{} noenhanced font 'sans,10' background rgb 'white'\n", f.width * 5 / 4,
                        f.height * 5 / 4) +
            "set encoding utf8\nset output " + gp_quote(file.string()) + "\n" + f.body + "unset output\n";
        GnuplotResult r = run_gnuplot(program, script);
        out[i].ok = r.ok && std::filesystem::exists(file);
        if (!out[i].ok) out[i].error = r.ok ? "gnuplot wrote no file" : r.error;
    });
    return out;
}

}  // namespace tsr::host::report
