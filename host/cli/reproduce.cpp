// tessera reproduce PAPER_ID [--quick] — a paper's headline experiment and its claims' verdicts.
#include <filesystem>
#include <thread>

#include <boost/dll/runtime_symbol_info.hpp>
#include <fmt/format.h>

#include "../bench.hpp"
#include "../claims.hpp"
#include "../errors.hpp"
#include "../report/report.hpp"
#include "command.hpp"

#ifndef TESSERA_SOURCE_DIR
#define TESSERA_SOURCE_DIR ""
#endif

namespace tsr::host::cli {

namespace fs = std::filesystem;

// configs/papers/<id>.toml: under the current folder, the source tree this host was built
// from, or the installed share/tessera.
static fs::path find_paper_config(const std::string& id, std::vector<std::string>& looked) {
    std::vector<fs::path> roots = {fs::current_path()};
    if (*TESSERA_SOURCE_DIR) roots.emplace_back(TESSERA_SOURCE_DIR);
    std::error_code ec;
    const fs::path exe = boost::dll::program_location(ec);
    if (!ec) roots.push_back(exe.parent_path() / ".." / "share" / "tessera");
    for (const fs::path& r : roots) {
        const fs::path f = r / "configs" / "papers" / (id + ".toml");
        looked.push_back(f.string());
        if (fs::is_regular_file(f)) return f;
    }
    return {};
}

int cmd_reproduce(const std::vector<std::string>& args) {
    po::options_description d("tessera reproduce");
    std::string id;
    BenchRequest req;
    std::string html;
    req.options.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    d.add_options()("help,h", "show this help")("paper", po::value(&id)->required(), "paper id (plugins/<id>)")(
        "quick", "the reduced grid the claim tests use")(
        "out,o", po::value(&req.out), "results store (default: results/papers/<id>[-quick].db)")(
        "backend", po::value(&req.backend)->default_value("processes"), "threads, processes or mpi")(
        "jobs,j", po::value(&req.options.jobs)->default_value(req.options.jobs), "runs at once")(
        "quiet,q", "no progress display")(
        "html", po::value(&html), "report page to write (default: the store's path with .html; 'none': no page)");
    add_plugin_options(d, req.plugin_paths);
    po::positional_options_description pos;
    pos.add("paper", 1);
    po::variables_map vm;
    if (!parse(args, d, pos, vm, "tessera reproduce PAPER_ID [--quick]")) return 0;
    std::vector<std::string> looked;
    const fs::path config = find_paper_config(id, looked);
    if (config.empty())
        throw UsageError(fmt::format("no experiment for paper '{}'; looked for {}", id, fmt::join(looked, ", ")));
    req.experiment_file = config.string();
    req.quick = vm.count("quick") > 0;
    req.quiet = vm.count("quiet") > 0;
    if (req.out.empty()) req.out = (fs::path("results") / "papers" / (id + (req.quick ? "-quick" : "") + ".db")).string();

    const BenchOutcome out = run_bench(req);
    if (out.rank != 0) return 0;
    report::ReportOptions o;
    o.ansi = report::stdout_is_terminal();
    fmt::print("{}", report::render_tables(out.runs, o));
    if (html != "none") {
        // The convergence plots of the experiment, drawn as its [report] section says.
        if (html.empty()) html = fs::path(req.out).replace_extension(".html").string();
        report::ReportOptions page = o;
        page.ansi = false;
        page.title = config.string();
        if (!out.experiment.report.curves.empty()) page.curves = out.experiment.report.curves;
        if (!out.experiment.report.x_axes.empty()) page.x_axes = out.experiment.report.x_axes;
        page.linear_x = out.experiment.report.linear_x;
        page.vs = out.experiment.report.vs;
        const report::PlotSummary s = report::write_html(out.runs, page, html);
        for (const std::string& note : s.notes) fmt::print("note: {}\n", note);
        fmt::print("report with {} figures: {}\n", s.figures, html);
    }
    if (out.experiment.claims.empty()) {
        fmt::print("{} declares no claims: nothing to verify\n", config.string());
        return 0;
    }
    const auto verdicts = evaluate_claims(out.experiment, out.runs);
    fmt::print("\n{}", verdict_table(verdicts));
    size_t held = 0, known = 0, surprises = 0;
    for (const auto& v : verdicts) {
        held += v.held;
        known += !v.expected_held;
        surprises += !v.as_expected();
    }
    fmt::print("\n{} of {} claims held{}", held, verdicts.size(), req.quick ? " (quick grid)" : "");
    if (known) fmt::print("; {} marked as not reproducing here", known);
    if (out.experiment.full_only_claims)
        fmt::print("; {} more only on the full grid", out.experiment.full_only_claims);
    fmt::print("; {}\n", surprises ? fmt::format("{} not as expected", surprises) : std::string("all as expected"));
    return surprises == 0 ? 0 : 1;
}

}  // namespace tsr::host::cli
