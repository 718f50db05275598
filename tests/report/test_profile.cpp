// Performance profiles (Dolan & Moré) and convergence bands, on examples computed by hand.
#include <cmath>

#include <doctest/doctest.h>

#include "report/curves.hpp"
#include "report/figures.hpp"
#include "report/model.hpp"
#include "report/profile.hpp"
#include "synthetic.hpp"

using namespace tsr::host::report;

TEST_CASE("performance profile of three methods on three instances") {
    // t[instance][method]         A   B   C
    //   p1                        1   2   –  (C failed)
    //   p2                        3   3   6
    //   p3                        4   2   8
    // ratios:  A 1 1 2    B 2 1 1    C ∞ 2 4
    const PerformanceProfile p =
        performance_profile({"p1", "p2", "p3"}, {"A", "B", "C"}, {{1, 2, NAN}, {3, 3, 6}, {4, 2, 8}});
    REQUIRE(p.instances.size() == 3);
    CHECK(p.ratio[0] == std::vector<double>{1, 1, 2});
    CHECK(p.ratio[1] == std::vector<double>{2, 1, 1});
    CHECK(std::isinf(p.ratio[2][0]));
    CHECK(p.rho(0, 1) == doctest::Approx(2.0 / 3));
    CHECK(p.rho(1, 1) == doctest::Approx(2.0 / 3));
    CHECK(p.rho(2, 1) == 0);
    CHECK(p.rho(0, 1.5) == doctest::Approx(2.0 / 3));
    CHECK(p.rho(0, 2) == 1);
    CHECK(p.rho(2, 2) == doctest::Approx(1.0 / 3));
    CHECK(p.rho(2, 4) == doctest::Approx(2.0 / 3));
    CHECK(p.rho(2, 1e300) == doctest::Approx(2.0 / 3));  // never solves p1
    CHECK(p.max_ratio() == 4);
    CHECK(p.notes.empty());
}

TEST_CASE("performance profile leaves out instances whose best cost is not positive") {
    const PerformanceProfile p = performance_profile({"p1", "p2", "p3"}, {"A", "B"}, {{0, 1}, {2, 1}, {NAN, NAN}});
    // p1 left out (best 0); p3: nobody solved it, ratios ∞ for both.
    CHECK(p.instances == std::vector<std::string>{"p2", "p3"});
    REQUIRE(p.notes.size() == 1);
    CHECK(p.notes[0].find("p1") != std::string::npos);
    CHECK(p.rho(0, 1) == 0);
    CHECK(p.rho(1, 1) == 0.5);
    CHECK(p.rho(0, 2) == 0.5);
    CHECK(std::isinf(p.ratio[1][1]));
}

TEST_CASE("log grids are log-spaced with exact ends") {
    const auto g = log_grid(1, 100, 3);
    REQUIRE(g.size() == 3);
    CHECK(g[0] == 1);
    CHECK(g[1] == doctest::Approx(10));
    CHECK(g[2] == 100);
    CHECK(log_grid(5, 5, 10) == std::vector<double>{5});
    CHECK(log_grid(0, 5, 10).empty());
}

TEST_CASE("median band: step interpolation, common start, last value held") {
    // Three seeds as step functions of x:
    //   s1: x 1 2 4   y 10 8 1
    //   s2: x 1 4     y 12 2        (a point with x = 0 and a NaN are ignored)
    //   s3: x 2 3     y 9 3         (starts at 2, ends at 3)
    std::vector<SeedCurve> seeds = {{{1, 2, 4}, {10, 8, 1}}, {{0, 1, 3.5, 4}, {50, 12, NAN, 2}}, {{2, 3}, {9, 3}}};
    const Band b = median_band(seeds, {1, 2, 3, 4, 8});
    CHECK(b.seeds == 3);
    // x = 1 is before s3 starts; 8 is after every seed ended: both left out.
    REQUIRE(b.x == std::vector<double>{2, 3, 4});
    // x=2: {8, 12, 9}; x=3: {8, 12, 3}; x=4: {1, 2, 3 (held)}
    CHECK(b.median == std::vector<double>{9, 8, 2});
    CHECK(b.q25[0] == doctest::Approx(8.5));
    CHECK(b.q75[0] == doctest::Approx(10.5));
    CHECK(b.q25[2] == doctest::Approx(1.5));
    CHECK(b.q75[2] == doctest::Approx(2.5));
    CHECK(median_band({{{0}, {1}}}, {1, 2}).seeds == 0);
}

TEST_CASE("figures of a benchmark: curves vs oracle calls and time, box plots, profiles; labelled axes") {
    const auto runs = reporttest::benchmark(3, 40);
    const Model m = build_model(runs, {});
    const FigureSet set = build_figures(runs, m, {});
    size_t convergence = 0, boxes = 0, profiles = 0;
    for (const Figure& f : set.figures) {
        CHECK(!f.title.empty());
        CHECK(f.body.find("set title") != std::string::npos);
        CHECK(f.body.find("set xlabel") != std::string::npos);
        CHECK(f.body.find("set ylabel") != std::string::npos);
        if (f.kind == "convergence") {
            ++convergence;
            CHECK((f.body.find("'oracle calls (log scale)'") != std::string::npos ||
                   f.body.find("'seconds (log scale)'") != std::string::npos));
            CHECK(f.body.find("set logscale y") != std::string::npos);  // objectives are positive
        }
        boxes += f.kind == "distribution";
        profiles += f.kind == "profile";
    }
    CHECK(convergence == 3 * 2);  // 3 instances × (oracle calls, seconds)
    CHECK(boxes == 3 * 3);        // 3 instances × 3 metric outputs
    CHECK(profiles == 2);         // the two lower-is-better outputs
    ReportOptions o;
    o.profile_metrics = {"accuracy"};
    const FigureSet higher = build_figures(runs, m, o);
    CHECK(higher.notes.size() == 1);  // profiles need a lower-is-better metric
}
