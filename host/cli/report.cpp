// tessera report results.db [--html report.html] [--png DIR] [--group-by instance|problem|experiment|all]
//                [--median] [--metric NAME]... [--profile-metric NAME]... [--curve NAME]...
//                [--color auto|always|never] [--gnuplot PROGRAM]
// The tables go to standard output; notes (plots skipped, files written) to standard error.
// What is computed and drawn: report/report.hpp.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "../errors.hpp"
#include "../report/report.hpp"
#include "../store.hpp"
#include "../text.hpp"
#include "command.hpp"

namespace tsr::host::cli {

namespace {

// "a,b" and repeated options alike.
std::vector<std::string> split_commas(const std::vector<std::string>& in) {
    std::vector<std::string> out;
    for (const std::string& s : in) {
        size_t start = 0;
        for (size_t end; (end = s.find(',', start)) != std::string::npos; start = end + 1)
            if (end > start) out.push_back(s.substr(start, end - start));
        if (start < s.size()) out.push_back(s.substr(start));
    }
    return out;
}

}  // namespace

int cmd_report(const std::vector<std::string>& args) {
    namespace fs = std::filesystem;
    po::options_description d("tessera report");
    std::string file, html, png, group_by = "instance", color = "auto";
    std::vector<std::string> metrics, profile_metrics, curves, x_axes, vs;
    report::ReportOptions o;
    if (const char* g = std::getenv("TESSERA_GNUPLOT"); g && *g) o.gnuplot = g;
    d.add_options()("help,h", "show this help")(
        "store", po::value(&file)->required(), "results store written by `tessera bench` or `tessera run --out`")(
        "html", po::value(&html), "write one self-contained HTML page: tables and plots (inline SVG)")(
        "png", po::value(&png), "write the plots as PNG files into this folder")(
        "group-by", po::value(&group_by)->default_value("instance"),
        "one table per: instance, problem, experiment, or all (one table)")(
        "median", "median [25%, 75% quantiles] instead of mean ± std over seeds")(
        "metric", po::value(&metrics)->composing(),
        "metric column to show: ID/OUTPUT, ID or OUTPUT (repeatable or comma-separated; default: all)")(
        "profile-metric", po::value(&profile_metrics)->composing(),
        "metric for performance profiles (repeatable; default: every lower-is-better one)")(
        "curve", po::value(&curves)->composing(),
        "traced value to plot against oracle calls and time (repeatable; default: objective)")(
        "linear-x", "linear x axes for convergence plots (default: log)")(
        "x", po::value(&x_axes)->composing(),
        "x axis of convergence plots: evals, seconds, iterations or units:TEXT (oracle units of the counters "
        "whose name contains TEXT, e.g. units:gradient); repeatable; default: evals and seconds")(
        "vs", po::value(&vs)->composing(),
        "grid parameter to plot every metric against, one line per method (e.g. --vs B: regret vs the budget); "
        "repeatable")(
        "color", po::value(&color)->default_value("auto"), "bold best values with ANSI escapes: auto, always or never")(
        "gnuplot", po::value(&o.gnuplot), "gnuplot program to run (default: gnuplot in PATH; also TESSERA_GNUPLOT)");
    po::positional_options_description p;
    p.add("store", 1);
    po::variables_map vm;
    const char* usage = "tessera report results.db [--html report.html] [--png DIR] [--group-by instance|problem|...] "
                        "[--median] [--metric NAME]...";
    if (!parse(args, d, p, vm, usage)) return 0;

    const auto g = report::parse_group_by(group_by);
    if (!g) throw UsageError(fmt::format("--group-by {} is not known; use instance, problem, experiment or all", group_by));
    o.group_by = *g;
    o.median = vm.count("median") > 0;
    o.metrics = split_commas(metrics);
    o.profile_metrics = split_commas(profile_metrics);
    if (!curves.empty()) o.curves = split_commas(curves);
    if (!x_axes.empty()) o.x_axes = split_commas(x_axes);
    o.linear_x = vm.count("linear-x") > 0;
    o.vs = split_commas(vs);
    if (color == "auto")
        o.ansi = report::stdout_is_terminal();
    else if (color == "always" || color == "never")
        o.ansi = color == "always";
    else
        throw UsageError(fmt::format("--color {} is not known; use auto, always or never", color));
    o.title = file;

    // Store() creates a missing file: check first, so a typo does not leave an empty store behind.
    std::error_code ec;
    if (!fs::exists(file, ec))
        throw UsageError(fmt::format("no results store at '{}' (`tessera bench EXPERIMENT.toml --out {}` writes one)", file, file));
    if (fs::is_directory(file, ec)) throw UsageError(fmt::format("'{}' is a folder, not a results store", file));
    const Store store(file);
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<RunResult> runs = report::load_runs(store);
    if (runs.empty()) {
        fmt::print(stderr, "'{}' holds no runs yet; nothing to report\n", file);
        return 0;
    }
    fmt::print("{}", report::render_tables(runs, o));
    std::fflush(stdout);

    std::set<std::string> said;  // the page and the PNG files share most notes: each once
    auto notes = [&](const report::PlotSummary& s) {
        for (const std::string& n : s.notes)
            if (said.insert(n).second) fmt::print(stderr, "note: {}\n", n);
    };
    if (!html.empty()) {
        const report::PlotSummary s = report::write_html(runs, o, html);
        notes(s);
        fmt::print(stderr, "wrote {} ({} plot{})\n", html, s.figures, s.figures == 1 ? "" : "s");
    }
    if (!png.empty()) {
        const report::PlotSummary s = report::write_pngs(runs, o, png);
        notes(s);
        fmt::print(stderr, "wrote {} PNG file{} into {}\n", s.files.size(), s.files.size() == 1 ? "" : "s", png);
    }
    if (std::getenv("TESSERA_REPORT_TIMING"))
        fmt::print(stderr, "report took {:.2f} s\n",
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    return 0;
}

}  // namespace tsr::host::cli
