// Metrics plotted against a grid parameter (host/report/sweeps.hpp): labels read without the
// parameter, one line per method and one figure per instance and metric, medians at each value.
#include <doctest/doctest.h>

#include "report/figures.hpp"
#include "report/model.hpp"
#include "report/sweeps.hpp"
#include "synthetic.hpp"

using namespace tsr::host::report;

TEST_CASE("strip_grid_param removes one parameter from a grid label") {
    CHECK(strip_grid_param("sc[B=10,eta=1]", "B") == "sc[eta=1]");
    CHECK(strip_grid_param("sc[B=10]", "B") == "sc");
    CHECK(strip_grid_param("sc[eta=1,B=10]", "B") == "sc[eta=1]");
    CHECK(strip_grid_param("sc[BB=3]", "B") == "sc[BB=3]");
    CHECK(strip_grid_param("plain", "B") == "plain");
}

TEST_CASE("sweep figures: a metric against an algorithm parameter, one line per method") {
    std::vector<tsr::host::RunResult> runs;
    for (const char* method : {"framework", "bandit"})
        for (int B : {10, 100, 1000})
            for (int seed = 0; seed < 3; ++seed) {
                auto r = reporttest::run(std::string(method) + "[B=" + std::to_string(B) + "]", "walk[T=1000]", seed,
                                         {reporttest::lower("regret", 1000.0 / B + seed)});
                r.algorithm.params.push_back({"B", std::to_string(B)});
                runs.push_back(std::move(r));
            }
    // A run without B, and a failed one, do not count.
    runs.push_back(reporttest::run("other", "walk[T=1000]", 0, {reporttest::lower("regret", 5)}));
    const Model m = build_model(runs, {});
    ReportOptions o;
    o.vs = {"B"};
    const FigureSet set = build_figures(runs, m, o);
    std::vector<const Figure*> sweeps;
    for (const Figure& f : set.figures)
        if (f.kind == "sweep") sweeps.push_back(&f);
    REQUIRE(sweeps.size() == 1);
    const Figure& f = *sweeps[0];
    CHECK(f.title == "walk[T=1000]: m.cost/regret vs B");
    CHECK(f.body.find("title 'framework'") != std::string::npos);
    CHECK(f.body.find("title 'bandit'") != std::string::npos);
    CHECK(f.body.find("'other'") == std::string::npos);     // one B value only: no line
    CHECK(f.body.find("set logscale x 10") != std::string::npos);  // B spans 100x
    CHECK(f.body.find("10 101 100.5 101.5") != std::string::npos);   // B = 10: median of {100, 101, 102}, quartiles
    o.vs = {"nothing"};
    CHECK(build_figures(runs, m, o).notes.back().find("'nothing'") != std::string::npos);
}
