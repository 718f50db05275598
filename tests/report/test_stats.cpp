// Summaries over seeds, quantiles and ranks (report/stats.hpp).
#include <cmath>

#include <doctest/doctest.h>

#include "report/stats.hpp"

using namespace tsr::host::report;

TEST_CASE("summaries: mean, sample std, median and quartiles (type 7)") {
    const Summary s = summarize({4, 1, 3, 2});
    CHECK(s.n == 4);
    CHECK(s.mean == doctest::Approx(2.5));
    CHECK(s.std == doctest::Approx(std::sqrt(5.0 / 3.0)));  // Σ(x − 2.5)² = 5, over n − 1 = 3
    CHECK(s.median == doctest::Approx(2.5));
    CHECK(s.q25 == doctest::Approx(1.75));  // h = 3 · 0.25 = 0.75: 1 + 0.75 · (2 − 1)
    CHECK(s.q75 == doctest::Approx(3.25));
    CHECK(s.min == 1);
    CHECK(s.max == 4);

    const Summary odd = summarize({5, 1, 3});
    CHECK(odd.median == 3);
    CHECK(odd.q25 == 2);
    CHECK(odd.q75 == 4);
}

TEST_CASE("summaries ignore NaN and infinities; one value has no std; none has nothing") {
    const Summary s = summarize({2, NAN, INFINITY, -INFINITY, 4});
    CHECK(s.n == 2);
    CHECK(s.mean == 3);
    CHECK(s.std == doctest::Approx(std::sqrt(2.0)));
    const Summary one = summarize({7});
    CHECK(one.n == 1);
    CHECK(one.mean == 7);
    CHECK(one.median == 7);
    CHECK(std::isnan(one.std));
    const Summary none = summarize({NAN});
    CHECK(none.n == 0);
    CHECK(std::isnan(none.mean));
    CHECK(std::isnan(none.median));
}

TEST_CASE("quantiles interpolate between order statistics") {
    CHECK(quantile_sorted({10}, 0.3) == 10);
    CHECK(quantile_sorted({0, 10}, 0.3) == doctest::Approx(3));
    CHECK(quantile_sorted({0, 10, 20}, 1.0) == 20);
    CHECK(std::isnan(quantile_sorted({}, 0.5)));
}

TEST_CASE("ranks follow the direction, share ties and put NaN last") {
    CHECK(ranks({3, 1, 2}, -1) == std::vector<double>{3, 1, 2});
    CHECK(ranks({3, 1, 2}, 1) == std::vector<double>{1, 3, 2});
    CHECK(ranks({1, 1, 2}, -1) == std::vector<double>{1.5, 1.5, 3});
    CHECK(ranks({5, 5, 5}, 1) == std::vector<double>{2, 2, 2});
    CHECK(ranks({NAN, 2, 1, NAN}, -1) == std::vector<double>{3.5, 2, 1, 3.5});
    const auto none = ranks({1, 2}, 0);
    CHECK(std::isnan(none[0]));
    CHECK(std::isnan(none[1]));
}
