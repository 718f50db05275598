// The HTML page and the PNG files: self-contained, well formed, plots present when gnuplot is,
// a clear note and no hang when it is not.
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <doctest/doctest.h>

#include "errors.hpp"
#include "report/figures.hpp"
#include "report/gnuplot.hpp"
#include "report/report.hpp"
#include "synthetic.hpp"

using namespace tsr::host;
using namespace tsr::host::report;
using namespace reporttest;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t p = 0; (p = text.find(what, p)) != std::string::npos; p += what.size()) ++n;
    return n;
}

bool have_gnuplot() {
    static const bool yes = gnuplot_version("gnuplot").has_value();
    return yes;
}

}  // namespace

TEST_CASE("the HTML page is one well-formed, self-contained file with tables and inline SVG plots") {
    const fs::path file = temp_dir() / "report.html";
    ReportOptions o;
    o.title = "synthetic.db";
    const PlotSummary s = write_html(benchmark(3, 60), o, file);
    const std::string h = slurp(file);
    CHECK(h.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(count(h, "<html") == 1);
    CHECK(count(h, "</html>") == 1);
    CHECK(h.find("</html>") > h.find("</body>"));
    CHECK(count(h, "<table") == 3 + 1);  // an instance each, and the summary across them
    CHECK(count(h, "<table") == count(h, "</table>"));
    CHECK(count(h, "<section") == count(h, "</section>"));
    CHECK(count(h, "<figure>") == count(h, "</figure>"));
    CHECK(count(h, "<tr>") == count(h, "</tr>"));
    // Nothing fetched from elsewhere.
    CHECK(h.find("<script") == std::string::npos);
    CHECK(h.find("<link") == std::string::npos);
    CHECK(h.find("src=") == std::string::npos);
    CHECK(h.find("<?xml") == std::string::npos);
    CHECK(h.find("<title>Tessera report: synthetic.db</title>") != std::string::npos);
    CHECK(h.find("quadratic[cond=10000]") != std::string::npos);
    CHECK(h.find("class=\"best\"") != std::string::npos);
    CHECK(h.find("1 crashed") != std::string::npos);
    CHECK(!fs::exists(file.string() + ".tmp"));
    if (!have_gnuplot()) {
        MESSAGE("gnuplot not installed: plots not checked");
        CHECK(h.find("gnuplot not found") != std::string::npos);
        return;
    }
    CHECK(s.figures == 3 * 2 + 3 * 3 + 2);
    CHECK(s.notes.empty());
    CHECK(count(h, "<svg") == s.figures);
    CHECK(count(h, "</svg>") == s.figures);
    CHECK(h.find("Performance profile: m.cost/suboptimality") != std::string::npos);
    CHECK(h.find("quadratic[cond=100]: objective vs oracle calls") != std::string::npos);
    CHECK(h.find("oracle calls (log scale)") != std::string::npos);
    CHECK(h.find("seconds (log scale)") != std::string::npos);
    // Ids stay unique across the inline SVGs (gnuplot reuses the same ones in every file).
    std::set<std::string> ids;
    size_t total = 0;
    const std::regex id_re("id=['\"]([^'\"]+)['\"]");
    for (auto it = std::sregex_iterator(h.begin(), h.end(), id_re); it != std::sregex_iterator(); ++it, ++total)
        ids.insert((*it)[1]);
    CHECK(ids.size() == total);
}

TEST_CASE("without gnuplot the page still has its tables, says why there are no plots, and does not hang") {
    const fs::path file = temp_dir() / "noplots.html";
    ReportOptions o;
    o.gnuplot = (temp_dir() / "no-such-gnuplot").string();
    const PlotSummary s = write_html(benchmark(2, 20), o, file);
    const std::string h = slurp(file);
    CHECK(s.figures == 0);
    REQUIRE(!s.notes.empty());
    CHECK(s.notes[0].find("gnuplot not found") != std::string::npos);
    CHECK(h.find("<svg") == std::string::npos);
    CHECK(h.find("gnuplot not found") != std::string::npos);
    CHECK(count(h, "<table") == 3 + 1);
    const PlotSummary p = write_pngs(benchmark(2, 20), o, temp_dir() / "nopng");
    CHECK(p.files.empty());
    CHECK(p.notes.back().find("gnuplot not found") != std::string::npos);
}

TEST_CASE("gnuplot that fails is reported, never fatal") {
    if (!have_gnuplot()) return;
    const GnuplotResult r = run_gnuplot("gnuplot", "plot $nothing using 1:2\n");
    CHECK(!r.ok);
    CHECK(r.error.find("exited with status") != std::string::npos);
    CHECK(run_gnuplot("gnuplot", "print 1\n").ok);
    CHECK(gp_quote("it's") == "'it''s'");
}

TEST_CASE("PNG files, one per figure") {
    if (!have_gnuplot() || !gnuplot_has_terminal("gnuplot", "pngcairo")) {
        MESSAGE("gnuplot with pngcairo not installed: PNG not checked");
        return;
    }
    const fs::path dir = temp_dir() / "png" / "nested";
    const PlotSummary s = write_pngs(benchmark(2, 30), {}, dir);
    CHECK(s.notes.empty());
    CHECK(s.files.size() == s.figures);
    CHECK(s.figures == 3 * 2 + 3 * 3 + 2);
    for (const fs::path& f : s.files) {
        CHECK(f.parent_path() == dir);
        CHECK(slurp(f).rfind("\x89PNG", 0) == 0);
    }
}

TEST_CASE("an unwritable HTML path is a usage error naming it") {
    ReportOptions o;
    o.gnuplot = "/nonexistent/gnuplot";
    const fs::path file = temp_dir() / "no" / "such" / "folder" / "r.html";
    CHECK_THROWS_WITH_AS(write_html(benchmark(1, 5), o, file), doctest::Contains("r.html"), UsageError);
}

TEST_CASE("a thousand runs of a thousand trace points make a report in seconds") {
    std::vector<RunResult> runs;
    for (int copy = 0; copy < 8; ++copy)
        for (RunResult r : benchmark(14, 1000)) {  // 3 × 3 × 14 = 126 runs a copy
            r.labels.instance += "#" + std::to_string(copy);
            r.run_key = *r.run_key + "#" + std::to_string(copy);
            runs.push_back(std::move(r));
        }
    REQUIRE(runs.size() == 1008);
    ReportOptions o;
    o.gnuplot = "/nonexistent/gnuplot";  // the plots' rendering is gnuplot's time, not ours
    const auto t0 = std::chrono::steady_clock::now();
    const std::string text = render_tables(runs, o);
    write_html(runs, o, temp_dir() / "big.html");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE("tables + page data for 1008 runs × 1000 points: " << seconds << " s");
    CHECK(seconds < 5);
    CHECK(text.find("across 24 instances") != std::string::npos);
}
