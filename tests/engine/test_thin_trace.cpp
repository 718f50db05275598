// Trace sampling: every k-th point or about N log-spaced points, first and last always kept,
// every column thinned alike.
#include <algorithm>
#include <cmath>

#include <doctest/doctest.h>

#include "experiment.hpp"

using namespace tsr::host;

namespace {

// A trace of n points whose every column holds the point index (the extra column: 10 x it).
Trace make_trace(size_t n) {
    Trace t;
    t.columns = {"a", "b"};
    t.values.resize(2);
    for (size_t i = 0; i < n; ++i) {
        t.iteration.push_back(static_cast<int64_t>(i));
        t.evals.push_back(static_cast<int64_t>(2 * i));
        t.seconds.push_back(0.5 * static_cast<double>(i));
        t.objective.push_back(static_cast<double>(i));
        t.values[0].push_back(10.0 * static_cast<double>(i));
        t.values[1].push_back(std::nan(""));
    }
    return t;
}

// The kept point indices; checks that every column agrees.
std::vector<int64_t> kept(const Trace& t) {
    REQUIRE(t.evals.size() == t.size());
    REQUIRE(t.seconds.size() == t.size());
    REQUIRE(t.objective.size() == t.size());
    REQUIRE(t.values.size() == 2);
    REQUIRE(t.values[0].size() == t.size());
    REQUIRE(t.values[1].size() == t.size());
    for (size_t r = 0; r < t.size(); ++r) {
        const auto i = t.iteration[r];
        CHECK(t.evals[r] == 2 * i);
        CHECK(t.seconds[r] == 0.5 * static_cast<double>(i));
        CHECK(t.objective[r] == static_cast<double>(i));
        CHECK(t.values[0][r] == 10.0 * static_cast<double>(i));
        CHECK(std::isnan(t.values[1][r]));
    }
    return t.iteration;
}

}  // namespace

TEST_CASE("thin_trace: every = 1 and no log points keeps everything") {
    Trace t = make_trace(10);
    thin_trace(t, 1, 0);
    CHECK(kept(t).size() == 10);
}

TEST_CASE("thin_trace: every k-th point, the last one always") {
    Trace t = make_trace(10);
    thin_trace(t, 3, 0);
    CHECK(kept(t) == std::vector<int64_t>{0, 3, 6, 9});
    Trace u = make_trace(11);
    thin_trace(u, 3, 0);
    CHECK(kept(u) == std::vector<int64_t>{0, 3, 6, 9, 10});
    Trace w = make_trace(5);
    thin_trace(w, 100, 0);
    CHECK(kept(w) == std::vector<int64_t>{0, 4});
}

TEST_CASE("thin_trace: log-spaced points, denser at the start") {
    Trace t = make_trace(10000);
    thin_trace(t, 1, 50);
    const auto k = kept(t);
    CHECK(k.front() == 0);
    CHECK(k.back() == 9999);
    CHECK(k.size() <= 50);
    CHECK(k.size() >= 35);  // duplicates among the first indices merge
    for (size_t i = 1; i < k.size(); ++i) CHECK(k[i] > k[i - 1]);
    // Log spacing: as many points in [1, 100) as in [100, 10000).
    const auto below = std::count_if(k.begin(), k.end(), [](int64_t i) { return i >= 1 && i < 100; });
    const auto above = std::count_if(k.begin(), k.end(), [](int64_t i) { return i >= 100; });
    CHECK(std::abs(static_cast<long>(below) - static_cast<long>(above)) <= 8);
    // log_points wins over every.
    Trace u = make_trace(1000);
    thin_trace(u, 7, 20);
    CHECK(kept(u).size() <= 20);
    CHECK(kept(u)[1] == 1);
}

TEST_CASE("thin_trace: short and empty traces, and more points asked than there are") {
    Trace e;
    thin_trace(e, 5, 0);
    thin_trace(e, 1, 10);
    CHECK(e.size() == 0);
    Trace one = make_trace(1);
    thin_trace(one, 5, 3);
    CHECK(kept(one).size() == 1);
    Trace two = make_trace(2);
    thin_trace(two, 5, 0);
    CHECK(kept(two).size() == 2);
    Trace few = make_trace(8);
    thin_trace(few, 1, 100);
    CHECK(kept(few).size() == 8);
    Trace lp1 = make_trace(8);
    thin_trace(lp1, 1, 1);
    CHECK(kept(lp1) == std::vector<int64_t>{0, 7});
}
