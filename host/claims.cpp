#include "claims.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <tessera/abi.h>

#include "text.hpp"

namespace tsr::host {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool failed(RunStatus s) {
    return s == RunStatus::error || s == RunStatus::timeout || s == RunStatus::crashed || s == RunStatus::out_of_memory;
}

std::string num(double v) { return std::isnan(v) ? "NaN" : fmt::format("{:.3g}", v); }

double aggregate(std::vector<double> v, Aggregate how) {
    if (v.empty()) return kNaN;
    for (double x : v)
        if (std::isnan(x)) return kNaN;
    if (how == Aggregate::mean) {
        double s = 0;
        for (double x : v) s += x;
        return s / static_cast<double>(v.size());
    }
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// One algorithm on one instance: its aggregated value and what was wrong with its runs.
struct Side {
    double value = kNaN;
    int32_t direction = TSR_NO_DIRECTION;
    int used = 0, failed = 0, missing = 0, nan = 0, no_value = 0;
    bool decided() const { return used > 0 && missing == 0 && nan == 0 && no_value == 0; }
};

using RunIndex = std::map<std::tuple<std::string, std::string, std::string>, std::vector<const RunResult*>>;

Side measure(const Experiment& e, const Claim& c, const RunIndex& index, const std::string& algorithm,
             const ClaimInstance& inst) {
    Side side;
    const size_t reps = static_cast<size_t>(std::max<int64_t>(e.repetitions, 0));
    // Per repetition, a successful run if there is one, else a failed one.
    std::vector<const RunResult*> chosen(reps, nullptr);
    if (auto it = index.find({algorithm, inst.problem, inst.instance}); it != index.end())
        for (const RunResult* r : it->second) {
            const auto rep = r->labels.repetition;
            if (rep < 0 || static_cast<size_t>(rep) >= reps) continue;
            const RunResult*& slot = chosen[static_cast<size_t>(rep)];
            if (!slot || (failed(slot->status) && !failed(r->status))) slot = r;
        }
    std::vector<double> values;
    for (const RunResult* r : chosen) {
        if (!r) {
            ++side.missing;
            continue;
        }
        if (failed(r->status)) {
            ++side.failed;
            continue;
        }
        const MetricValue* mv = nullptr;
        for (const MetricValue& v : r->metric_values)
            if (v.metric_id == c.metric && (c.output.empty() || v.name == c.output)) {
                mv = &v;
                break;
            }
        if (!mv) {
            ++side.no_value;
            continue;
        }
        side.direction = mv->direction;
        if (std::isnan(mv->value)) ++side.nan;
        values.push_back(mv->value);
        ++side.used;
    }
    side.value = aggregate(values, c.aggregate);
    return side;
}

// The other side of a claim against a bound: the constant, decided, without a direction of its own.
Side constant_side(double bound) {
    Side side;
    side.value = bound;
    side.used = 1;
    return side;
}

// "label[best]": every variant of the entry is measured and the best decided one is kept (the
// tuned hyper-parameter of a paper's protocol); `chosen` says which. Otherwise: measure().
Side measure_side(const Experiment& e, const Claim& c, const RunIndex& index, const std::string& label,
                  const ClaimInstance& inst, std::string& chosen) {
    chosen.clear();
    if (label.size() <= 6 || label.compare(label.size() - 6, 6, "[best]") != 0) return measure(e, c, index, label, inst);
    const std::string base = label.substr(0, label.size() - 6);
    const AlgorithmEntry* entry = nullptr;
    for (const AlgorithmEntry& a : e.algorithms)
        if (a.label == base) entry = &a;
    Side best;
    best.missing = 1;  // no variant at all: undecided
    bool have = false;
    for (const GridPoint& g : entry ? grid_points(entry->label, entry->params) : std::vector<GridPoint>{}) {
        const Side s = measure(e, c, index, g.label, inst);
        if (!s.decided()) {
            if (!have) best = s, chosen = g.label;
            continue;
        }
        const bool better = s.direction == TSR_HIGHER_IS_BETTER ? s.value > best.value : s.value < best.value;
        if (!have || better) best = s, chosen = g.label, have = true;
    }
    return best;
}

// Why a side cannot be compared, or "" when it can.
std::string trouble(const Side& s, const std::string& label) {
    std::vector<std::string> why;
    if (s.missing) why.push_back(fmt::format("{} run{} missing", s.missing, s.missing == 1 ? "" : "s"));
    if (s.used == 0 && s.failed) why.push_back("every run failed");
    if (s.no_value) why.push_back(fmt::format("no value in {} run{}", s.no_value, s.no_value == 1 ? "" : "s"));
    if (s.nan) why.push_back(fmt::format("NaN in {} run{}", s.nan, s.nan == 1 ? "" : "s"));
    return why.empty() ? std::string() : label + ": " + join(why, ", ");
}

bool beats(double b, double w, int32_t direction, const Claim& c) {
    if (direction == TSR_LOWER_IS_BETTER) return b < w && w - b >= c.margin && b * c.ratio <= w;
    return b > w && b - w >= c.margin && b >= w * c.ratio;
}

std::string failures(const Side& s, const std::string& label) {
    return s.failed ? fmt::format(" ({} failed run{} of {} left out)", s.failed, s.failed == 1 ? "" : "s", label) : "";
}

}  // namespace

std::vector<ClaimInstance> claim_instances(const Experiment& e, const Claim& c) {
    std::vector<ClaimInstance> out;
    for (const ProblemEntry& p : e.problems) {
        if (!c.problems.empty() && std::find(c.problems.begin(), c.problems.end(), p.label) == c.problems.end()) continue;
        for (const GridPoint& g : grid_points(p.label, p.params)) {
            bool match = true;
            for (const ParamSpec& w : c.where) {
                auto it = std::find_if(g.params.begin(), g.params.end(), [&](const auto& kv) { return kv.first == w.name; });
                match = match && it != g.params.end() &&
                        std::find(w.values.begin(), w.values.end(), it->second) != w.values.end();
            }
            if (match) out.push_back({p.label, g.label});
        }
    }
    return out;
}

std::vector<ClaimVerdict> evaluate_claims(const Experiment& e, const std::vector<RunResult>& runs) {
    RunIndex index;
    for (const RunResult& r : runs) index[{r.labels.algorithm, r.labels.problem, r.labels.instance}].push_back(&r);

    std::vector<ClaimVerdict> out;
    for (const Claim& c : e.claims) {
        ClaimVerdict v;
        v.text = c.text;
        const std::string metric = c.output.empty() ? c.metric : c.metric + "/" + c.output;
        std::vector<std::string> parts, problems;
        bool held = true, decided = true;
        int32_t direction = TSR_NO_DIRECTION;
        std::vector<double> better_values, worse_values;
        const auto instances = claim_instances(e, c);
        for (const ClaimInstance& inst : instances) {
            std::string best_b, best_w;
            const Side b = measure_side(e, c, index, c.better, inst, best_b);
            const Side w = c.bound ? constant_side(*c.bound) : measure_side(e, c, index, c.worse, inst, best_w);
            const std::string tb = trouble(b, c.better), tw = trouble(w, c.worse);
            std::string part = fmt::format("{}: {} {} vs {} {}", inst.instance, best_b.empty() ? c.better : best_b,
                                           num(b.value), c.bound ? "bound" : best_w.empty() ? c.worse : best_w,
                                           num(w.value));
            part += failures(b, c.better) + failures(w, c.worse);
            if (!tb.empty() || !tw.empty()) {
                std::vector<std::string> t;
                if (!tb.empty()) t.push_back(tb);
                if (!tw.empty()) t.push_back(tw);
                part += " (undecided: " + join(t, "; ") + ")";
                decided = false;
                parts.push_back(std::move(part));
                continue;
            }
            const int32_t dir = b.direction != TSR_NO_DIRECTION ? b.direction : w.direction;
            if (dir != TSR_LOWER_IS_BETTER && dir != TSR_HIGHER_IS_BETTER) {
                part += fmt::format(" (undecided: {} has no direction)", metric);
                decided = false;
                parts.push_back(std::move(part));
                continue;
            }
            direction = dir;
            better_values.push_back(b.value);
            worse_values.push_back(w.value);
            if (c.over == Over::each && !beats(b.value, w.value, dir, c)) {
                held = false;
                part += " (does not hold)";
            }
            parts.push_back(std::move(part));
        }
        const std::string how = c.aggregate == Aggregate::mean ? "mean" : "median";
        std::string head = fmt::format("{} over seeds of {}", how, metric);
        if (!decided) {
            held = false;
        } else if (c.over == Over::mean) {
            double mb = 0, mw = 0;
            for (double x : better_values) mb += x;
            for (double x : worse_values) mw += x;
            mb /= static_cast<double>(better_values.size());
            mw /= static_cast<double>(worse_values.size());
            held = beats(mb, mw, direction, c);
            parts.push_back(fmt::format("mean over {} instance{}: {} {} vs {} {}{}", better_values.size(),
                                        better_values.size() == 1 ? "" : "s", c.better, num(mb),
                                        c.bound ? "bound" : c.worse, num(mw),
                                        held ? "" : " (does not hold)"));
        }
        if (instances.empty()) held = false, parts.push_back("no problem instance selected");
        std::vector<std::string> req;
        if (c.margin > 0) req.push_back("margin " + format_double(c.margin));
        if (c.ratio != 1) req.push_back("ratio " + format_double(c.ratio));
        if (!req.empty()) head += " (" + join(req, ", ") + ")";
        v.held = held;
        v.expected_held = c.expected_held;
        v.note = c.note;
        v.detail = head + ": " + join(parts, "; ");
        v.how = std::move(head);
        v.measured = std::move(parts);
        out.push_back(std::move(v));
    }
    return out;
}

std::string verdict_table(const std::vector<ClaimVerdict>& verdicts) {
    // Not a grid: the measured values are long, so each claim is a block.
    //    held          L-BFGS beats GD on the quadratics
    //                  mean over seeds of opt.suboptimality/suboptimality:
    //                    quadratic[d=50]: lbfgs 1.2e-09 vs gd 0.0034
    std::string out;
    const std::string pad(14, ' ');
    for (const ClaimVerdict& v : verdicts) {
        out += fmt::format("{:<14}{}\n", v.held ? "held" : "did not hold", v.text);
        if (!v.expected_held)
            out += pad + (v.held ? "UNEXPECTED: marked `expected = \"not held\"`; update the config and README"
                                 : "expected: known not to reproduce here") +
                   (v.note.empty() ? "" : " (" + v.note + ")") + "\n";
        if (v.how.empty() && v.measured.empty()) {
            if (!v.detail.empty()) out += pad + v.detail + "\n";
            continue;
        }
        out += pad + v.how + ":\n";
        for (const std::string& m : v.measured) out += pad + "  " + m + "\n";
    }
    return out;
}

}  // namespace tsr::host
