// The report's entry points (report.hpp): loading, tables, PNG files. The HTML page: html.cpp.
#include "report.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "../errors.hpp"
#include "../store.hpp"
#include "figures.hpp"
#include "gnuplot.hpp"
#include "model.hpp"

namespace tsr::host::report {

namespace fs = std::filesystem;

const char* group_by_name(GroupBy g) {
    switch (g) {
    case GroupBy::instance: return "instance";
    case GroupBy::problem: return "problem";
    case GroupBy::experiment: return "experiment";
    case GroupBy::all: return "all";
    }
    return "instance";
}

std::optional<GroupBy> parse_group_by(std::string_view text) {
    for (GroupBy g : {GroupBy::instance, GroupBy::problem, GroupBy::experiment, GroupBy::all})
        if (text == group_by_name(g)) return g;
    return std::nullopt;
}

std::vector<RunResult> load_runs(const Store& store) {
    std::vector<RunResult> runs;
    const std::vector<int64_t> ids = store.run_ids();
    runs.reserve(ids.size());
    for (int64_t id : ids) runs.push_back(store.load(id));
    return runs;
}

std::string render_tables(const std::vector<RunResult>& runs, const ReportOptions& o) {
    if (runs.empty()) return "no runs to report\n";
    return render_model_text(build_model(runs, o), o);
}

bool stdout_is_terminal() {
    if (!::isatty(STDOUT_FILENO)) return false;
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return !(no_color && *no_color) && !(term && std::strcmp(term, "dumb") == 0);
}

PlotSummary write_pngs(const std::vector<RunResult>& runs, const ReportOptions& o, const fs::path& dir) {
    PlotSummary sum;
    const Model m = build_model(runs, o);
    FigureSet set = build_figures(runs, m, o);
    sum.notes = set.notes;
    if (!gnuplot_version(o.gnuplot)) {
        sum.notes.push_back(fmt::format("gnuplot not found (ran '{}'): no PNG files written; install gnuplot "
                                        "(Debian/Ubuntu: apt-get install gnuplot-nox) or set TESSERA_GNUPLOT",
                                        o.gnuplot));
        return sum;
    }
    if (!gnuplot_has_terminal(o.gnuplot, "pngcairo")) {
        sum.notes.push_back(fmt::format("'{}' has no pngcairo terminal: no PNG files written (the HTML page needs "
                                        "only svg)", o.gnuplot));
        return sum;
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw UsageError(fmt::format("cannot create the PNG folder '{}': {}", dir.string(),
                                     ec ? ec.message() : "a file of that name is in the way"));
    const std::vector<Rendered> r = render_png(set.figures, o.gnuplot, dir);
    for (size_t i = 0; i < r.size(); ++i) {
        if (r[i].ok) {
            ++sum.figures;
            sum.files.push_back(dir / (set.figures[i].stem + ".png"));
        } else {
            sum.notes.push_back(fmt::format("plot '{}' failed: {}", set.figures[i].title, r[i].error));
        }
    }
    return sum;
}

}  // namespace tsr::host::report
