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
//
// Series (tsr.metric_series.v1), one value per trace point of the run:
//   ratio       f(S)/f(greedy) of the latest report at or before the point (placed in time by the
//               host's "stream.steps"); NaN before the first report, for an infeasible report, or
//               when f(greedy) = 0. At the last trace point of a finished run it is final_ratio.
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
    static constexpr tsr::Output series[] = {
        {"ratio", TSR_HIGHER_IS_BETTER, "f(S_t)/f(greedy_t) of the latest report at each trace point"},
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
        Reports reports(r);
        if (!reports.ok()) return;
        const int64_t R = reports.size();
        double min_r = std::numeric_limits<double>::infinity(), sum = 0.0, last = kNaN;
        int64_t counted = 0, infeasible = 0;
        const int64_t points = std::min(p_.points, R);
        int64_t prev = -1;
        for (int64_t q = 0; q < points; ++q) {
            // evenly spaced report indices ending at R − 1
            const int64_t i = R - 1 - ((points - 1 - q) * (R - 1)) / std::max<int64_t>(1, points - 1);
            if (i <= prev) continue;
            prev = i;
            const Ratio x = reports.ratio(i);
            if (!x.feasible) {
                ++infeasible;
                continue;
            }
            if (std::isnan(x.value)) continue;
            min_r = std::min(min_r, x.value);
            sum += x.value;
            last = x.value;
            ++counted;
        }
        out[3] = static_cast<double>(infeasible);
        if (counted == 0) return;
        out[0] = min_r;
        out[1] = sum / static_cast<double>(counted);
        out[2] = last;
    }

    void evaluate_series(const tsr::RunRecord& r, std::span<double> out) {
        std::fill(out.begin(), out.end(), kNaN);
        const auto steps = r.trace_column("stream.steps");
        Reports reports(r);
        if (!steps || !reports.ok()) return;
        int64_t latest = -1;
        double value = kNaN;
        for (size_t p = 0; p < steps->size(); ++p) {
            // the latest report handed over by the time the point was traced (steps never decrease)
            const int64_t i = reports.latest_at(static_cast<int64_t>((*steps)[p]));
            if (i < 0) continue;
            if (i != latest) {
                const Ratio x = reports.ratio(i);
                value = x.feasible ? x.value : kNaN;
                latest = i;
            }
            out[p] = value;
        }
    }

private:
    struct Ratio {
        bool feasible = true;
        double value = kNaN;  // NaN when f(greedy_t) = 0
    };

    // The run's reports, each scored against the lazy greedy on the active set at its step; ratio(i)
    // must be asked for in non-decreasing i (the active set is replayed forward only).
    class Reports {
    public:
        explicit Reports(const tsr::RunRecord& r)
            : f_(r.set_function()),  // not proxied: the metric's queries are not the run's
              steps_(i64_array(r, "stream.solution_step")),
              offsets_(i64_array(r, "stream.solution_offsets")),
              elements_(i64_array(r, "stream.solution_elements")),
              n_(f_ ? f_->ground_size() : 0),
              k_(f_ ? f_->properties().cardinality : 0),
              active_(n_, i64_array(r, "stream.updates")),
              seen_(static_cast<size_t>(n_), 0) {}

        bool ok() const { return f_ && !steps_.empty() && offsets_.size() == steps_.size() + 1; }
        int64_t size() const { return static_cast<int64_t>(steps_.size()); }
        // The last report whose step is ≤ `step`, or −1.
        int64_t latest_at(int64_t step) const {
            return static_cast<int64_t>(std::upper_bound(steps_.begin(), steps_.end(), step) - steps_.begin()) - 1;
        }

        Ratio ratio(int64_t i) {
            active_.advance_to(steps_[i]);
            const std::span<const int64_t> S(elements_.data() + offsets_[i], static_cast<size_t>(offsets_[i + 1] - offsets_[i]));
            Ratio x;
            x.feasible = k_ <= 0 || static_cast<int64_t>(S.size()) <= k_;
            for (int64_t e : S) {
                if (!active_.contains(e) || seen_[e]) x.feasible = false;
                if (e >= 0 && e < n_) seen_[e] = 1;
            }
            for (int64_t e : S)
                if (e >= 0 && e < n_) seen_[e] = 0;
            if (!x.feasible) return x;
            auto gains = [&](std::span<const int64_t> set, std::span<const int64_t> cand, std::span<double> o) {
                tsr::VecMap om(o.data(), static_cast<Eigen::Index>(o.size()));
                f_->gains(set, cand, om);
            };
            lazy_greedy(active_.elements(), k_ > 0 ? k_ : n_, gains, greedy_, scratch_);
            if (greedy_.value > 0.0) x.value = f_->value(S) / greedy_.value;
            return x;
        }

    private:
        std::optional<tsr::SetFunctionRef> f_;
        std::span<const int64_t> steps_, offsets_, elements_;
        int64_t n_, k_;
        ActiveSet active_;
        std::vector<uint8_t> seen_;
        GreedyResult greedy_;
        GreedyScratch scratch_;
    };

    Params p_;
};

TSR_REGISTER(ValueRatio);

}  // namespace setfn
