#include "model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "../errors.hpp"
#include "../text.hpp"

namespace tsr::host::report {

namespace {

size_t status_index(RunStatus s) { return static_cast<size_t>(s); }

// Runs that count: for each run_key the last run that did not fail, else the last one.
std::vector<size_t> counted_runs(const std::vector<RunResult>& runs, size_t& superseded) {
    std::unordered_map<std::string, size_t> chosen;
    for (size_t i = 0; i < runs.size(); ++i) {
        if (!runs[i].run_key) continue;
        auto [it, fresh] = chosen.emplace(*runs[i].run_key, i);
        if (!fresh && !(is_failure(runs[i].status) && !is_failure(runs[it->second].status))) it->second = i;
    }
    std::vector<size_t> out;
    for (size_t i = 0; i < runs.size(); ++i)
        if (!runs[i].run_key || chosen.at(*runs[i].run_key) == i) out.push_back(i);
    superseded = runs.size() - out.size();
    return out;
}

// Names of components of runs without labels: the id, plus the parameters whose values differ
// between such runs of that id ("opt.gd[lr=0.1]").
class Namer {
public:
    void add(const ComponentUse& u) {
        Seen& seen = ids_[u.id];
        ++seen.runs;
        for (const ParamText& p : u.params) {
            auto& [values, runs] = seen.params[p.name];
            values.insert(p.value);
            ++runs;
        }
    }
    std::string name(const ComponentUse& u) const {
        const Seen& seen = ids_.at(u.id);
        std::vector<std::string> varying;
        for (const ParamText& p : u.params) {
            // A parameter differs when it takes several values or some runs lack it.
            const auto& [values, runs] = seen.params.at(p.name);
            if (values.size() > 1 || runs < seen.runs) varying.push_back(p.name + "=" + p.value);
        }
        return varying.empty() ? u.id : u.id + "[" + join(varying, ",") + "]";
    }

private:
    struct Seen {
        size_t runs = 0;
        std::map<std::string, std::pair<std::set<std::string>, size_t>> params;  // values, runs with it
    };
    std::map<std::string, Seen> ids_;
};

std::string group_name(const RunResult& r, GroupBy g, const Namer& problems) {
    switch (g) {
    case GroupBy::instance:
        if (!r.labels.instance.empty()) return r.labels.instance;
        if (!r.labels.problem.empty()) return r.labels.problem;
        return problems.name(r.problem);
    case GroupBy::problem: return r.labels.problem.empty() ? r.problem.id : r.labels.problem;
    case GroupBy::experiment: return r.labels.experiment.empty() ? "(no experiment)" : r.labels.experiment;
    case GroupBy::all: return "all runs";
    }
    return "";
}

const MetricValue* find_value(const RunResult& r, const Column& c) {
    for (const MetricValue& v : r.metric_values)
        if (v.metric_id == c.metric_id && v.name == c.output) return &v;
    return nullptr;
}

double last_finite_objective(const RunResult& r) {
    for (size_t i = r.trace.objective.size(); i-- > 0;)
        if (std::isfinite(r.trace.objective[i])) return r.trace.objective[i];
    return kNaN;
}

bool matches(const std::string& want, const Column& c) {
    return want == c.key() || want == c.metric_id || want == c.output;
}

}  // namespace

bool is_failure(RunStatus s) {
    return s == RunStatus::error || s == RunStatus::timeout || s == RunStatus::crashed ||
           s == RunStatus::out_of_memory;
}

size_t Cell::missing() const {
    size_t n = nonfinite + absent;
    for (size_t f : failed) n += f;
    return n;
}

Model build_model(const std::vector<RunResult>& runs, const ReportOptions& o) {
    Model m;
    m.median = o.median;
    const std::vector<size_t> used = counted_runs(runs, m.superseded);
    m.runs = used.size();

    Namer problems, algorithms;
    for (size_t i : used) {
        const RunResult& r = runs[i];
        if (r.labels.instance.empty() && r.labels.problem.empty()) {
            problems.add(r.problem);
        }
        if (r.labels.algorithm.empty()) {
            algorithms.add(r.algorithm);
        }
    }

    // Columns: every metric output seen, first-seen order, then narrowed by o.metrics.
    std::vector<Column> all;
    for (size_t i : used)
        for (const MetricValue& v : runs[i].metric_values)
            if (std::none_of(all.begin(), all.end(),
                             [&](const Column& c) { return c.metric_id == v.metric_id && c.output == v.name; }))
                all.push_back({v.metric_id, v.name, v.direction, ""});
    if (!o.metrics.empty()) {
        std::vector<std::string> known;
        for (const Column& c : all) known.push_back(c.key());
        for (const std::string& want : o.metrics)
            if (std::none_of(all.begin(), all.end(), [&](const Column& c) { return matches(want, c); }))
                throw UsageError(fmt::format("metric '{}' is in none of the runs; {}", want,
                                             known.empty() ? "they have no metric values"
                                                           : "they have " + join(known, ", ")));
        std::erase_if(all, [&](const Column& c) {
            return std::none_of(o.metrics.begin(), o.metrics.end(), [&](const std::string& w) { return matches(w, c); });
        });
    }
    const bool fallback = all.empty() && o.metrics.empty();
    if (fallback) all.push_back({"", "final objective", 0, ""});
    for (Column& c : all) {
        const bool shared = std::count_if(all.begin(), all.end(), [&](const Column& d) { return d.output == c.output; }) > 1;
        c.header = shared ? c.key() : c.output;
    }
    m.columns = all;

    // Groups and rows.
    std::map<std::string, size_t> group_at, method_at;
    std::vector<std::map<std::string, size_t>> row_at;
    for (size_t i : used) {
        const RunResult& r = runs[i];
        const std::string g = group_name(r, o.group_by, problems);
        const std::string method = r.labels.algorithm.empty() ? algorithms.name(r.algorithm) : r.labels.algorithm;
        auto [git, gnew] = group_at.emplace(g, m.groups.size());
        if (gnew) {
            m.groups.push_back({g, {}, {}, 0});
            row_at.emplace_back();
        }
        auto [mit, mnew] = method_at.emplace(method, m.methods.size());
        if (mnew) m.methods.push_back(method);
        Group& group = m.groups[git->second];
        auto [rit, rnew] = row_at[git->second].emplace(method, group.rows.size());
        if (rnew) {
            group.rows.push_back({});
            group.rows.back().method = method;
            group.rows.back().method_index = mit->second;
        }
        Row& row = group.rows[rit->second];
        row.runs.push_back(i);
        ++row.statuses[status_index(r.status)];
        ++group.run_count;
    }

    for (Group& g : m.groups) {
        for (const Column& c : all) {
            const bool present = fallback || std::any_of(g.rows.begin(), g.rows.end(), [&](const Row& row) {
                return std::any_of(row.runs.begin(), row.runs.end(), [&](size_t i) { return find_value(runs[i], c); });
            });
            if (present) g.columns.push_back(c);
        }
        for (Row& row : g.rows) {
            for (const Column& c : g.columns) {
                Cell cell;
                for (size_t i : row.runs) {
                    const RunResult& r = runs[i];
                    if (is_failure(r.status)) {
                        ++cell.failed[status_index(r.status)];
                        continue;
                    }
                    double v = kNaN;
                    if (c.metric_id.empty()) {
                        v = last_finite_objective(r);
                        if (std::isnan(v)) {
                            ++cell.absent;
                            continue;
                        }
                    } else if (const MetricValue* mv = find_value(r, c)) {
                        v = mv->value;
                    } else {
                        ++cell.absent;
                        continue;
                    }
                    if (std::isfinite(v))
                        cell.values.push_back(v);
                    else
                        ++cell.nonfinite;
                }
                cell.summary = summarize(cell.values);
                cell.center = o.median ? cell.summary.median : cell.summary.mean;
                row.cells.push_back(std::move(cell));
            }
        }
        // Best marks and ranks per column with a direction.
        std::vector<double> rank_sum(g.rows.size(), 0.0);
        size_t ranked_columns = 0;
        for (size_t k = 0; k < g.columns.size(); ++k) {
            const int32_t dir = g.columns[k].direction;
            if (dir == 0) continue;
            std::vector<double> centers;
            for (const Row& row : g.rows) centers.push_back(row.cells[k].center);
            if (std::all_of(centers.begin(), centers.end(), [](double v) { return std::isnan(v); })) continue;
            double best = kNaN;
            for (double v : centers)
                if (!std::isnan(v) && (std::isnan(best) || (dir < 0 ? v < best : v > best))) best = v;
            const std::vector<double> rk = ranks(centers, dir);
            for (size_t j = 0; j < g.rows.size(); ++j) {
                g.rows[j].cells[k].best = centers[j] == best;
                g.rows[j].cells[k].rank = rk[j];
                rank_sum[j] += rk[j];
            }
            ++ranked_columns;
        }
        if (ranked_columns) {
            double best = kNaN;
            for (size_t j = 0; j < g.rows.size(); ++j) {
                g.rows[j].rank = rank_sum[j] / static_cast<double>(ranked_columns);
                if (std::isnan(best) || g.rows[j].rank < best) best = g.rows[j].rank;
            }
            for (Row& row : g.rows) row.best_rank = std::abs(row.rank - best) < 1e-9;
        }
    }
    return m;
}

namespace {

// `digits` significant digits, but never an exponent for a number that reads fine without one
// (std 160 is "160", not "1.6e+02").
std::string num(double v, int digits) {
    if (std::isnan(v)) return "NaN";
    std::string s = fmt::format("{:.{}g}", v, digits);
    if (s.find("e+") != std::string::npos && std::abs(v) < 1e6) s = fmt::format("{:.0f}", v);
    return s;
}

}  // namespace

std::string value_text(const Cell& c, bool median) {
    const Summary& s = c.summary;
    if (s.n == 0) return "–";
    if (median) return s.n < 2 ? num(s.median, 4) : fmt::format("{} [{}, {}]", num(s.median, 4), num(s.q25, 4), num(s.q75, 4));
    return s.n < 2 ? num(s.mean, 4) : fmt::format("{} ± {}", num(s.mean, 4), num(s.std, 2));
}

std::string missing_text(const Cell& c) {
    // Failed runs are named in the row's "runs" cell; here they only lower n.
    std::vector<std::string> why;
    if (c.nonfinite) why.push_back(fmt::format("{} NaN", c.nonfinite));
    if (c.absent) why.push_back(fmt::format("{} without value", c.absent));
    if (c.missing() == 0) return "";
    if (c.summary.n == 0) return why.empty() ? "" : fmt::format("({})", join(why, ", "));
    return why.empty() ? fmt::format("(n={})", c.summary.n) : fmt::format("(n={}: {})", c.summary.n, join(why, ", "));
}

std::string runs_text(const Row& r) {
    const size_t ok = r.statuses[status_index(RunStatus::ok)] + r.statuses[status_index(RunStatus::stopped)] +
                      r.statuses[status_index(RunStatus::budget_exhausted)];
    std::string out = fmt::format("{} ok", ok);
    for (RunStatus s : {RunStatus::diverged, RunStatus::error, RunStatus::timeout, RunStatus::crashed,
                        RunStatus::out_of_memory})
        if (r.statuses[status_index(s)]) out += fmt::format(", {} {}", r.statuses[status_index(s)], run_status_name(s));
    return out;
}

std::string rank_text(double rank) { return std::isnan(rank) ? "–" : fmt::format("{:.3g}", rank); }

std::string column_title(const Column& c) {
    return c.header + (c.direction < 0 ? " ↓" : c.direction > 0 ? " ↑" : "");
}

std::vector<Overall> overall(const Model& m) {
    std::vector<Overall> out(m.methods.size());
    std::vector<double> rank_sum(m.methods.size(), 0.0);
    std::vector<size_t> ranked(m.methods.size(), 0);
    for (size_t i = 0; i < m.methods.size(); ++i) out[i].method = m.methods[i];
    for (const Group& g : m.groups)
        for (const Row& row : g.rows) {
            Overall& o = out[row.method_index];
            ++o.groups;
            for (size_t k = 0; k < kStatusCount; ++k)
                (is_failure(static_cast<RunStatus>(k)) ? o.failed : o.ok) += row.statuses[k];
            if (!std::isnan(row.rank)) {
                rank_sum[row.method_index] += row.rank;
                ++ranked[row.method_index];
            }
            o.wins += row.best_rank;
        }
    for (size_t i = 0; i < out.size(); ++i)
        if (ranked[i]) out[i].mean_rank = rank_sum[i] / static_cast<double>(ranked[i]);
    return out;
}

}  // namespace tsr::host::report
