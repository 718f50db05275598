// sf.value_ratio — f(S_t) / f(greedy_t): the value of the solution the algorithm reported after
// update t over the value of the offline lazy greedy (lazy_greedy.hpp) recomputed by the metric on
// the active set at the same step, with the problem's cardinality k.
//
//   min_ratio   = min over the evaluated reports of f(S_t)/f(greedy_t)   (higher is better)
//   mean_ratio  = their mean                                              (higher is better)
//   final_ratio = the ratio at the last report                            (higher is better)
//   infeasible  = reports with |S_t| > k, a repeated element or an element not active at t
//                 (lower is better; a feasible algorithm has 0)
//
// Reports with f(greedy_t) = 0 (nothing active of positive value) are skipped. At most `points`
// reports are evaluated, evenly spaced over the run (the last always); each costs one lazy greedy
// on the active set, evaluated on the problem itself (not counted as the run's queries). The
// active set is replayed from the host's "stream.updates".
#include <algorithm>
#include <cmath>

#include "../lazy_greedy.hpp"
#include "stream_record.hpp"

namespace setfn {

class ValueRatio {
public:
    static constexpr tsr::Info info{"sf.value_ratio", "1.0.0",
                                    "f(S_t) / f(lazy greedy on the active set at t), min and mean over reports",
                                    "Nemhauser, Wolsey & Fisher 1978; Minoux 1978 (lazy greedy)"};
    static constexpr const char* needs[] = {TSR_SET_FUNCTION_V1, TSR_STREAM_V1};
    static constexpr tsr::Output outputs[] = {
        {"min_ratio", TSR_HIGHER_IS_BETTER, "smallest f(S_t)/f(greedy_t) over the evaluated reports"},
        {"mean_ratio", TSR_HIGHER_IS_BETTER, "mean f(S_t)/f(greedy_t) over the evaluated reports"},
        {"final_ratio", TSR_HIGHER_IS_BETTER, "f(S_t)/f(greedy_t) at the last report"},
        {"infeasible", TSR_LOWER_IS_BETTER, "reports that break |S| <= k, repeat an element or hold an inactive one"},
    };
    struct Params {
        int64_t points = 50;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("points", &Params::points, "most reports evaluated (evenly spaced, the last always)", {.min = 1});
        }
    };

    explicit ValueRatio(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        std::fill(out.begin(), out.end(), kNaN);
        const auto f = r.set_function();  // not proxied: the metric's queries are not the run's
        const auto updates = i64_array(r, "stream.updates");
        const auto steps = i64_array(r, "stream.solution_step");
        const auto offsets = i64_array(r, "stream.solution_offsets");
        const auto elements = i64_array(r, "stream.solution_elements");
        if (!f || steps.empty() || offsets.size() != steps.size() + 1) return;
        const int64_t n = f->ground_size(), k = f->properties().cardinality;
        const int64_t R = static_cast<int64_t>(steps.size());
        ActiveSet active(n, updates);
        auto gains = [&](std::span<const int64_t> S, std::span<const int64_t> cand, std::span<double> o) {
            tsr::VecMap om(o.data(), static_cast<Eigen::Index>(o.size()));
            f->gains(S, cand, om);
        };
        GreedyResult greedy;
        GreedyScratch scratch;
        std::vector<uint8_t> seen(static_cast<size_t>(n), 0);
        double min_r = std::numeric_limits<double>::infinity(), sum = 0.0, last = kNaN;
        int64_t counted = 0, infeasible = 0;
        const int64_t points = std::min(p_.points, R);
        int64_t prev = -1;
        for (int64_t q = 0; q < points; ++q) {
            // evenly spaced report indices ending at R − 1
            const int64_t i = R - 1 - ((points - 1 - q) * (R - 1)) / std::max<int64_t>(1, points - 1);
            if (i <= prev) continue;
            prev = i;
            active.advance_to(steps[i]);
            const std::span<const int64_t> S(elements.data() + offsets[i], static_cast<size_t>(offsets[i + 1] - offsets[i]));
            bool ok = (k <= 0 || static_cast<int64_t>(S.size()) <= k);
            for (int64_t e : S) {
                if (!active.contains(e) || seen[e]) ok = false;
                if (e >= 0 && e < n) seen[e] = 1;
            }
            for (int64_t e : S)
                if (e >= 0 && e < n) seen[e] = 0;
            if (!ok) {
                ++infeasible;
                continue;
            }
            lazy_greedy(active.elements(), k > 0 ? k : n, gains, greedy, scratch);
            if (!(greedy.value > 0.0)) continue;
            const double ratio = f->value(S) / greedy.value;
            min_r = std::min(min_r, ratio);
            sum += ratio;
            last = ratio;
            ++counted;
        }
        out[3] = static_cast<double>(infeasible);
        if (counted == 0) return;
        out[0] = min_r;
        out[1] = sum / static_cast<double>(counted);
        out[2] = last;
    }

private:
    Params p_;
};

TSR_REGISTER(ValueRatio);

}  // namespace setfn
