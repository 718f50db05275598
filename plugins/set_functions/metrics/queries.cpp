// sf.queries — oracle queries per update, from the host's "stream.queries" (units spent when
// update i was pulled; the run's total after the last one): q_i = units(i+1) − units(i).
//
//   mean / max / total   over all updates (one gain query = one unit, one value query = one unit)
//   mean_late            mean over the second half of the stream (past the warm-up of inserts)
//   seconds_per_update   wall time of the run / U
//   overhead_fraction    1 − (seconds inside the problem's oracles) / wall time: host and
//                        algorithm time outside f (the data structure's own cost)
#include <algorithm>
#include <string_view>

#include "stream_record.hpp"

namespace setfn {

class Queries {
public:
    static constexpr tsr::Info info{"sf.queries", "1.0.0", "oracle queries (value + gain units) per stream update",
                                    nullptr};
    static constexpr const char* needs[] = {TSR_STREAM_V1};
    static constexpr tsr::Output outputs[] = {
        {"mean", TSR_LOWER_IS_BETTER, "mean oracle units per update"},
        {"max", TSR_LOWER_IS_BETTER, "largest oracle units of one update"},
        {"total", TSR_LOWER_IS_BETTER, "oracle units over the whole stream"},
        {"mean_late", TSR_LOWER_IS_BETTER, "mean oracle units per update over the second half of the stream"},
        {"seconds_per_update", TSR_LOWER_IS_BETTER, "wall seconds of the run per update"},
        {"overhead_fraction", TSR_LOWER_IS_BETTER, "fraction of wall time spent outside the set-function oracles"},
    };

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        std::fill(out.begin(), out.end(), kNaN);
        const auto q = i64_array(r, "stream.queries");
        if (q.empty()) return;
        const size_t U = q.size();
        const int64_t total_units = r.total_evals();
        double sum = 0.0, late = 0.0, mx = 0.0;
        for (size_t i = 0; i < U; ++i) {
            const int64_t next = i + 1 < U ? q[i + 1] : total_units;
            const double c = static_cast<double>(next - q[i]);
            sum += c;
            mx = std::max(mx, c);
            if (i >= U / 2) late += c;
        }
        out[0] = sum / static_cast<double>(U);
        out[1] = mx;
        out[2] = sum;
        out[3] = late / static_cast<double>(U - U / 2);
        out[4] = r.wall_seconds() / static_cast<double>(U);
        double oracle_seconds = 0.0;
        for (const tsr_counter& c : r.counters())
            if (std::string_view(c.name).starts_with(TSR_SET_FUNCTION_V1)) oracle_seconds += c.seconds;
        if (r.wall_seconds() > 0.0) out[5] = std::max(0.0, 1.0 - oracle_seconds / r.wall_seconds());
    }
};

TSR_REGISTER(Queries);

}  // namespace setfn
