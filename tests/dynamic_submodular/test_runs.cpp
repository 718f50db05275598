// dynsub algorithms run through the host with the set_functions metrics: the host places trace
// points in the stream ("stream.steps"), and sf.value_ratio's series (tsr.metric_series.v1) gives
// f(S_t)/f(greedy_t) at every trace point — the plot of the value ratio over time in the report.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "../common/plugin_runs.hpp"

namespace {

using tsrtest::metric_value;
using tsrtest::run_checked;
using tsrtest::trace_column;

const tsr::host::KeyValues kCoverage = {{"n", "400"}, {"items", "300"}, {"k", "5"}, {"stream", "random"}};

}  // namespace

TEST_CASE("value ratio over time: one value per trace point, placed by stream.steps, ending at final_ratio") {
    for (const std::string algo : {"dynsub.dynamic", "dynsub.greedy", "dynsub.sieve"}) {
        CAPTURE(algo);
        const auto r = run_checked(algo, {}, "sf.coverage", kCoverage, {{"sf.value_ratio", {}}}, 3);
        const auto* steps = trace_column(r, "stream.steps");
        const auto* ratio = trace_column(r, "sf.value_ratio/ratio");
        REQUIRE(steps);
        REQUIRE(ratio);
        REQUIRE(ratio->size() == r.trace.size());
        REQUIRE(r.trace.size() >= 50);
        CHECK(std::is_sorted(steps->begin(), steps->end()));
        // the algorithms trace after handing over their solution: the point's step is its iteration
        for (size_t i = 0; i < r.trace.size(); ++i) CHECK((*steps)[i] == static_cast<double>(r.trace.iteration[i]));
        CHECK(ratio->back() == doctest::Approx(metric_value(r, "sf.value_ratio", "final_ratio")).epsilon(1e-12));
        double lo = 1e300;
        for (double x : *ratio)
            if (!std::isnan(x)) lo = std::min(lo, x);
        if (algo == "dynsub.greedy") {
            // the same lazy greedy on the same active set: the ratio is 1 up to ties
            CHECK(lo > 0.999);
        } else {
            CHECK(lo >= 1.0 / (2.0 * 1.1) - 1e-9);  // (1/2 − ε) bound, ε = 0.1
            CHECK(lo < 1.0 + 1e-9);
        }
    }
}
