#include "experiment.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <tessera/kit/rng.hpp>
#include <toml++/toml.h>

#include "claims.hpp"
#include "errors.hpp"
#include "params.hpp"
#include "sha256.hpp"
#include "table.hpp"
#include "text.hpp"

namespace tsr::host {

uint64_t Experiment::repetition_seed(size_t i) const {
    return i < seeds.size() ? seeds[i] : kit::mix_seed(seed, i);
}

bool AlgorithmEntry::runs_on(const std::string& problem_label) const {
    return problems.empty() || std::find(problems.begin(), problems.end(), problem_label) != problems.end();
}

namespace {

// More runs than this is a mistake in the file (a typo in a grid), not a plan.
constexpr double kMaxRuns = 1e6;

int line_of(const toml::source_region& s) { return static_cast<int>(s.begin.line); }

// "an integer (5)", "a string ("5")": what the user wrote, for messages.
std::string describe(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::string: return fmt::format("a string (\"{}\")", n.as_string()->get());
        case toml::node_type::integer: return fmt::format("an integer ({})", n.as_integer()->get());
        case toml::node_type::floating_point: return fmt::format("a float ({})", format_double(n.as_floating_point()->get()));
        case toml::node_type::boolean: return fmt::format("a boolean ({})", n.as_boolean()->get());
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "a list";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        default: return "nothing";
    }
}

// Text of a scalar as ParamSet::resolve reads it; nullopt for tables, lists, dates.
std::optional<std::string> scalar_text(const toml::node& n) {
    if (auto s = n.as_string()) return s->get();
    if (auto i = n.as_integer()) return std::to_string(i->get());
    if (auto f = n.as_floating_point()) return format_double(f->get());
    if (auto b = n.as_boolean()) return b->get() ? "true" : "false";
    return std::nullopt;
}

class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(int line, const std::string& key, const std::string& what, const std::string& expected) const {
        throw UsageError(fmt::format("{}:{}: {}: {}; expected {}", file_, line, key, what, expected));
    }

    // Every key of `t` must be among `allowed`.
    void check_keys(const toml::table& t, const std::string& path, const std::vector<std::string>& allowed) const {
        for (auto&& [k, v] : t) {
            const std::string name(k.str());
            if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
            std::string what = "unknown key";
            size_t best = std::string::npos;
            std::string near;
            for (const auto& a : allowed) {
                const size_t d = edit_distance(name, a);
                if (d < best) best = d, near = a;
            }
            if (best <= std::max<size_t>(2, name.size() / 3)) what += fmt::format(" (did you mean '{}'?)", near);
            int line = line_of(k.source());
            if (line == 0) line = line_of(v.source());
            fail(line, path + name, what, "one of " + join_or(allowed));
        }
    }

    const toml::table& table(const toml::node& n, const std::string& key, const char* expected = "a table") const {
        if (auto t = n.as_table()) return *t;
        fail(line_of(n.source()), key, "is " + describe(n), expected);
    }

    std::string string(const toml::node& n, const std::string& key, bool allow_empty = false) const {
        auto s = n.as_string();
        if (!s) fail(line_of(n.source()), key, "is " + describe(n), "a string");
        if (!allow_empty && s->get().empty()) fail(line_of(n.source()), key, "is empty", "a non-empty string");
        return s->get();
    }

    // An integer in [lo, hi]; integral floats (1e5) are accepted.
    int64_t integer(const toml::node& n, const std::string& key, int64_t lo, int64_t hi, const std::string& expected) const {
        int64_t v = 0;
        if (auto i = n.as_integer()) {
            v = i->get();
        } else if (auto f = n.as_floating_point()) {
            const double d = f->get();
            if (!(d == std::floor(d) && std::fabs(d) < 9.0e18)) fail(line_of(n.source()), key, "is " + describe(n), expected);
            v = static_cast<int64_t>(d);
        } else {
            fail(line_of(n.source()), key, "is " + describe(n), expected);
        }
        if (v < lo || v > hi) fail(line_of(n.source()), key, fmt::format("{} is out of range", v), expected);
        return v;
    }

    // A finite number >= lo.
    double number(const toml::node& n, const std::string& key, double lo, const std::string& expected) const {
        double v = 0;
        if (auto i = n.as_integer()) v = static_cast<double>(i->get());
        else if (auto f = n.as_floating_point()) v = f->get();
        else fail(line_of(n.source()), key, "is " + describe(n), expected);
        if (!std::isfinite(v) || v < lo) fail(line_of(n.source()), key, fmt::format("{} is out of range", format_double(v)), expected);
        return v;
    }

    std::string choice(const toml::node& n, const std::string& key, const std::vector<std::string>& choices) const {
        const std::string s = string(n, key, true);
        if (std::find(choices.begin(), choices.end(), s) == choices.end())
            fail(line_of(n.source()), key, fmt::format("'{}' is not a known value", s), "one of " + join_or(choices));
        return s;
    }

    // A label: non-empty, printable, without the brackets that mark grid points.
    std::string label(const toml::node& n, const std::string& key) const {
        std::string s = string(n, key);
        for (unsigned char c : s)
            if (c < 0x20 || c == 0x7f || c == '[' || c == ']')
                fail(line_of(n.source()), key, fmt::format("'{}' contains a bracket or a control character", s),
                     "a label of printable characters without '[' or ']' (they mark grid points)");
        return s;
    }

    // A parameter table: scalars, and lists of scalars (grid axes) when `axes`.
    std::vector<ParamSpec> params(const toml::node& n, const std::string& key, bool axes) const {
        const toml::table& t = table(n, key, axes ? "a table of parameters: { name = value or [values], ... }"
                                                  : "a table of parameters: { name = value, ... }");
        std::vector<ParamSpec> out;
        for (auto&& [k, v] : t) {
            ParamSpec p;
            p.name = std::string(k.str());
            p.line = line_of(v.source());
            if (p.line == 0) p.line = line_of(k.source());
            const std::string path = key + "." + p.name;
            if (p.name.empty()) fail(p.line, key, "a parameter has an empty name", "a parameter name");
            const std::string one = "an integer, a float, a boolean or a string";
            if (auto arr = v.as_array()) {
                if (!axes)
                    fail(p.line, path, "is a list, but grids are not allowed here", one + " (a single value)");
                if (arr->empty())
                    fail(p.line, path, "is an empty list (a grid axis without values has no runs)",
                         "at least one value");
                p.axis = true;
                for (const toml::node& el : *arr) {
                    auto text = scalar_text(el);
                    if (!text) fail(line_of(el.source()) ? line_of(el.source()) : p.line, path, "has an element that is " + describe(el), one);
                    if (std::find(p.values.begin(), p.values.end(), *text) != p.values.end())
                        fail(p.line, path, fmt::format("lists the value {} twice", *text), "distinct values");
                    p.values.push_back(*text);
                }
            } else {
                auto text = scalar_text(v);
                if (!text) fail(p.line, path, "is " + describe(v), axes ? one + ", or a list of them (a grid axis)" : one);
                p.values.push_back(*text);
            }
            out.push_back(std::move(p));
        }
        std::sort(out.begin(), out.end(), [](const ParamSpec& a, const ParamSpec& b) { return a.name < b.name; });
        return out;
    }

    BudgetSpec budget(const toml::node& n, const std::string& key) const {
        const toml::table& t = table(n, key, "a table: { max_evals = N, max_iterations = N, max_seconds = S }");
        check_keys(t, key + ".", {"max_evals", "max_iterations", "max_seconds"});
        BudgetSpec b;
        b.line = line_of(n.source());
        const int64_t big = std::numeric_limits<int64_t>::max();
        if (auto v = t.get("max_evals")) b.max_evals = integer(*v, key + ".max_evals", 0, big, "an integer >= 0 (0: unlimited)");
        if (auto v = t.get("max_iterations"))
            b.max_iterations = integer(*v, key + ".max_iterations", 0, big, "an integer >= 0 (0: unlimited)");
        if (auto v = t.get("max_seconds")) b.max_seconds = number(*v, key + ".max_seconds", 0, "a number of seconds >= 0 (0: unlimited)");
        return b;
    }

    // The array of tables `key` ([[key]]); empty when absent.
    std::vector<const toml::table*> tables(const toml::table& root, const std::string& key) const {
        std::vector<const toml::table*> out;
        const toml::node* n = root.get(key);
        if (!n) return out;
        const std::string expected = fmt::format("an array of tables, each starting with [[{}]]", key);
        auto arr = n->as_array();
        if (!arr) fail(line_of(n->source()), key, "is " + describe(*n), expected);
        for (const toml::node& el : *arr) {
            auto t = el.as_table();
            if (!t) fail(line_of(el.source()) ? line_of(el.source()) : line_of(n->source()), key, "has an element that is " + describe(el), expected);
            out.push_back(t);
        }
        return out;
    }

    // A non-empty list of labels of `problems`, without repeats.
    std::vector<std::string> problem_labels(const toml::node& n, const std::string& key,
                                            const std::vector<ProblemEntry>& problems) const {
        auto arr = n.as_array();
        if (!arr) fail(line_of(n.source()), key, "is " + describe(n), "a list of problem labels");
        if (arr->empty()) fail(line_of(n.source()), key, "is an empty list", "at least one problem label");
        std::vector<std::string> labels, out;
        for (const ProblemEntry& p : problems) labels.push_back(p.label);
        for (const toml::node& el : *arr) {
            const std::string s = string(el, key);
            if (std::find(labels.begin(), labels.end(), s) == labels.end())
                fail(line_of(n.source()), key, fmt::format("'{}' is not a problem label of this experiment", s),
                     join_or(labels));
            if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
        }
        return out;
    }

    const std::string& file() const { return file_; }

private:
    std::string file_;
};

void apply(Budget& to, const BudgetSpec& from) {
    if (from.max_evals) to.max_evals = *from.max_evals;
    if (from.max_iterations) to.max_iterations = *from.max_iterations;
    if (from.max_seconds) to.max_seconds = *from.max_seconds;
}

// A cap where 0 means unlimited.
template <class T>
T cap(T value, T limit) {
    if (limit == 0) return value;
    if (value == 0) return limit;
    return std::min(value, limit);
}

void cap(Budget& b, const BudgetSpec& q) {
    if (q.max_evals) b.max_evals = cap(b.max_evals, *q.max_evals);
    if (q.max_iterations) b.max_iterations = cap(b.max_iterations, *q.max_iterations);
    if (q.max_seconds) b.max_seconds = cap(b.max_seconds, *q.max_seconds);
}

// Caps an override: a key it sets is capped; a key it leaves to the experiment stays unset (the
// experiment's value is capped instead).
void cap(BudgetSpec& b, const BudgetSpec& q) {
    if (q.max_evals && b.max_evals) b.max_evals = cap(*b.max_evals, *q.max_evals);
    if (q.max_iterations && b.max_iterations) b.max_iterations = cap(*b.max_iterations, *q.max_iterations);
    if (q.max_seconds && b.max_seconds) b.max_seconds = cap(*b.max_seconds, *q.max_seconds);
}

void override_params(std::vector<ParamSpec>& params, const std::vector<ParamSpec>& quick) {
    for (const ParamSpec& q : quick) {
        auto it = std::find_if(params.begin(), params.end(), [&](const ParamSpec& p) { return p.name == q.name; });
        if (it != params.end()) *it = q;
        else params.push_back(q);
    }
    std::sort(params.begin(), params.end(), [](const ParamSpec& a, const ParamSpec& b) { return a.name < b.name; });
}

double grid_size(const std::vector<ParamSpec>& params) {
    double n = 1;
    for (const ParamSpec& p : params) n *= static_cast<double>(p.values.size());
    return n;
}

bool has_axes(const std::vector<ParamSpec>& params) {
    return std::any_of(params.begin(), params.end(), [](const ParamSpec& p) { return p.axis; });
}

std::string axis_names(const std::vector<ParamSpec>& params) {
    std::vector<std::string> names;
    for (const ParamSpec& p : params)
        if (p.axis) names.push_back(p.name);
    return join(names, ", ");
}

// The algorithm entry a (variant) label belongs to.
const AlgorithmEntry* entry_of_variant(const Experiment& e, const std::string& label) {
    for (const AlgorithmEntry& a : e.algorithms)
        if (label == a.label || (label.size() > a.label.size() && label.compare(0, a.label.size(), a.label) == 0 &&
                                 label[a.label.size()] == '['))
            return &a;
    return nullptr;
}

Experiment parse(const Reader& r, const toml::table& root, bool quick) {
    Experiment e;
    e.file = r.file();
    e.quick = quick;
    r.check_keys(root, "", {"name", "description", "seed", "repetitions", "seeds", "budget", "trace", "problem",
                            "algorithm", "metric", "claim", "quick", "report"});

    // ---- the experiment ----
    if (auto n = root.get("name")) {
        e.name = r.string(*n, "name");
        // It names the default results file (results/<name>.db): no folders, nothing hidden.
        const bool bad = e.name.front() == '.' || std::any_of(e.name.begin(), e.name.end(), [](unsigned char c) {
                             return c < 0x20 || c == 0x7f || c == '/' || c == '\\';
                         });
        if (bad)
            r.fail(line_of(n->source()), "name", fmt::format("'{}' cannot name a file", e.name),
                   "a name without '/', '\\' or control characters, not starting with '.' (it names the "
                   "default results file)");
    } else {
        r.fail(1, "name", "missing", "name = \"...\" at the top of the file");
    }
    if (auto n = root.get("description")) e.description = r.string(*n, "description", true);
    if (auto n = root.get("seed"))
        e.seed = static_cast<uint64_t>(r.integer(*n, "seed", 0, std::numeric_limits<int64_t>::max(), "an integer >= 0"));
    const toml::node* reps = root.get("repetitions");
    const toml::node* seeds = root.get("seeds");
    if (reps && seeds)
        r.fail(line_of(seeds->source()), "seeds", "given together with repetitions",
               "either repetitions = N or seeds = [...] (the number of seeds is the number of repetitions)");
    if (reps) e.repetitions = r.integer(*reps, "repetitions", 1, 1000000, "an integer in [1, 1000000]");
    if (seeds) {
        auto arr = seeds->as_array();
        if (!arr) r.fail(line_of(seeds->source()), "seeds", "is " + describe(*seeds), "a list of integers >= 0");
        if (arr->empty()) r.fail(line_of(seeds->source()), "seeds", "is an empty list", "at least one seed");
        for (const toml::node& s : *arr) {
            const uint64_t v = static_cast<uint64_t>(
                r.integer(s, "seeds", 0, std::numeric_limits<int64_t>::max(), "a list of integers >= 0"));
            if (std::find(e.seeds.begin(), e.seeds.end(), v) != e.seeds.end())
                r.fail(line_of(seeds->source()), "seeds", fmt::format("lists the seed {} twice", v),
                       "distinct seeds (equal seeds repeat the same runs)");
            e.seeds.push_back(v);
        }
        e.repetitions = static_cast<int64_t>(e.seeds.size());
    }
    if (auto n = root.get("budget")) apply(e.budget, r.budget(*n, "budget"));
    if (auto n = root.get("trace")) {
        const toml::table& t = r.table(*n, "trace", "a table: { every = K, log_points = N }");
        r.check_keys(t, "trace.", {"every", "log_points"});
        if (auto v = t.get("every")) e.trace.every = r.integer(*v, "trace.every", 1, 1000000000, "an integer >= 1");
        if (auto v = t.get("log_points"))
            e.trace.log_points = r.integer(*v, "trace.log_points", 0, 1000000000, "an integer >= 0 (0: off)");
    }

    // ---- [report] ----
    if (auto n = root.get("report")) {
        const toml::table& t = r.table(*n, "report", "a table: [report] with curves and x");
        r.check_keys(t, "report.", {"curves", "x", "linear_x", "vs"});
        if (auto v = t.get("linear_x")) {
            auto b = v->as_boolean();
            if (!b) r.fail(line_of(v->source()), "report.linear_x", "is " + describe(*v), "true or false");
            e.report.linear_x = b->get();
        }
        auto strings = [&](const char* key, std::vector<std::string>& out) {
            auto v = t.get(key);
            if (!v) return;
            const std::string path = std::string("report.") + key;
            auto a = v->as_array();
            if (!a || a->empty()) r.fail(line_of(v->source()), path, "is " + describe(*v), "a non-empty list of strings");
            for (const toml::node& item : *a) out.push_back(r.string(item, path));
        };
        strings("curves", e.report.curves);
        strings("x", e.report.x_axes);
        strings("vs", e.report.vs);
        for (const std::string& x : e.report.x_axes)
            if (x != "evals" && x != "seconds" && x != "iterations" && !(x.rfind("units:", 0) == 0 && x.size() > 6))
                r.fail(line_of(t.get("x")->source()), "report.x", fmt::format("'{}' is not a known axis", x),
                       "evals, seconds, iterations or units:TEXT");
    }

    // ---- [quick] ----
    std::optional<int64_t> quick_reps;
    BudgetSpec quick_budget;
    if (auto n = root.get("quick")) {
        const toml::table& t = r.table(*n, "quick", "a table: [quick] with repetitions and budget");
        r.check_keys(t, "quick.", {"repetitions", "budget"});
        if (auto v = t.get("repetitions")) {
            quick_reps = r.integer(*v, "quick.repetitions", 1, 1000000, "an integer in [1, 1000000]");
            if (!e.seeds.empty() && *quick_reps > static_cast<int64_t>(e.seeds.size()))
                r.fail(line_of(v->source()), "quick.repetitions",
                       fmt::format("{} is more than the {} seeds listed", *quick_reps, e.seeds.size()),
                       "at most the number of seeds (--quick uses the first ones)");
        }
        if (auto v = t.get("budget")) quick_budget = r.budget(*v, "quick.budget");
    }

    // ---- problems ----
    std::map<std::string, int> problem_lines;
    for (const toml::table* t : r.tables(root, "problem")) {
        ProblemEntry p;
        p.line = line_of(t->source());
        r.check_keys(*t, "problem.", {"id", "label", "params", "quick"});
        if (auto v = t->get("id")) p.id = r.string(*v, "problem.id");
        else r.fail(p.line, "problem.id", "missing", "id = \"...\" naming an installed problem (tessera list problems)");
        p.label = p.id;
        int label_line = p.line;
        if (auto v = t->get("label")) p.label = r.label(*v, "problem.label"), label_line = line_of(v->source());
        if (auto v = t->get("params")) p.params = r.params(*v, "problem.params", true);
        if (auto v = t->get("quick")) {
            auto q = r.params(*v, "problem.quick", true);
            if (quick) override_params(p.params, q);
        }
        if (auto [it, fresh] = problem_lines.emplace(p.label, p.line); !fresh)
            r.fail(label_line, "problem.label",
                   fmt::format("'{}' is already the label of the problem at line {}", p.label, it->second),
                   "distinct labels (label = \"...\" tells entries of one id apart)");
        e.problems.push_back(std::move(p));
    }
    if (e.problems.empty())
        r.fail(1, "problem", "missing: the experiment has no problem", "at least one [[problem]] table with an id");

    // ---- algorithms ----
    std::map<std::string, int> algorithm_labels;
    for (const toml::table* t : r.tables(root, "algorithm")) {
        AlgorithmEntry a;
        a.line = line_of(t->source());
        r.check_keys(*t, "algorithm.", {"id", "label", "params", "budget", "problems", "quick", "after"});
        if (auto v = t->get("id")) a.id = r.string(*v, "algorithm.id");
        else r.fail(a.line, "algorithm.id", "missing", "id = \"...\" naming an installed algorithm (tessera list algorithms)");
        a.label = a.id;
        int label_line = a.line;
        if (auto v = t->get("label")) a.label = r.label(*v, "algorithm.label"), label_line = line_of(v->source());
        if (auto v = t->get("params")) a.params = r.params(*v, "algorithm.params", true);
        if (auto v = t->get("budget")) a.budget = r.budget(*v, "algorithm.budget");
        if (auto v = t->get("problems")) a.problems = r.problem_labels(*v, "algorithm.problems", e.problems);
        if (auto v = t->get("after")) a.after = r.string(*v, "algorithm.after"), a.after_line = line_of(v->source());
        if (auto v = t->get("quick")) {
            auto q = r.params(*v, "algorithm.quick", true);
            if (quick) override_params(a.params, q);
        }
        if (auto [it, fresh] = algorithm_labels.emplace(a.label, a.line); !fresh)
            r.fail(label_line, "algorithm.label",
                   fmt::format("'{}' is already the label of the algorithm at line {}", a.label, it->second),
                   "distinct labels (label = \"...\" tells entries of one id apart)");
        e.algorithms.push_back(std::move(a));
    }
    if (e.algorithms.empty())
        r.fail(1, "algorithm", "missing: the experiment has no algorithm", "at least one [[algorithm]] table with an id");
    // `after` names another entry (every label checked before any chain is walked), and chains end.
    for (const AlgorithmEntry& a : e.algorithms) {
        if (a.after.empty() || (a.after != a.label && algorithm_labels.count(a.after))) continue;
        std::vector<std::string> all;
        for (const AlgorithmEntry& b : e.algorithms) all.push_back("'" + b.label + "'");
        r.fail(a.after_line, "algorithm.after",
               a.after == a.label ? "names the entry itself" : fmt::format("'{}' is not the label of an algorithm", a.after),
               "the label of another [[algorithm]] entry: " + join_or(all));
    }
    for (const AlgorithmEntry& a : e.algorithms) {
        std::string at = a.after;
        for (size_t hops = 0; !at.empty(); ++hops) {
            if (hops > e.algorithms.size())
                r.fail(a.after_line, "algorithm.after", "makes a cycle of entries each after another", "a chain that ends");
            const auto it = std::find_if(e.algorithms.begin(), e.algorithms.end(), [&](const AlgorithmEntry& b) { return b.label == at; });
            at = it->after;
        }
    }

    // ---- metrics ----
    std::map<std::string, int> metric_ids;
    for (const toml::table* t : r.tables(root, "metric")) {
        MetricEntry m;
        m.line = line_of(t->source());
        r.check_keys(*t, "metric.", {"id", "params"});
        if (auto v = t->get("id")) m.id = r.string(*v, "metric.id");
        else r.fail(m.line, "metric.id", "missing", "id = \"...\" naming an installed metric (tessera list metrics)");
        if (auto v = t->get("params"))
            for (const ParamSpec& p : r.params(*v, "metric.params", false)) m.params.emplace_back(p.name, p.values[0]);
        if (auto [it, fresh] = metric_ids.emplace(m.id, m.line); !fresh)
            r.fail(m.line, "metric.id", fmt::format("'{}' is already listed at line {}", m.id, it->second),
                   "each metric once (a run computes each metric once)");
        e.metrics.push_back(std::move(m));
    }

    // ---- quick reductions ----
    if (quick) {
        if (quick_reps) {
            e.repetitions = *quick_reps;
            if (!e.seeds.empty()) e.seeds.resize(static_cast<size_t>(*quick_reps));
        }
        cap(e.budget, quick_budget);
        for (AlgorithmEntry& a : e.algorithms) cap(a.budget, quick_budget);
    }

    // ---- size of the grid ----
    double pairs = 0;
    for (const ProblemEntry& p : e.problems)
        for (const AlgorithmEntry& a : e.algorithms)
            if (a.runs_on(p.label)) pairs += grid_size(p.params) * grid_size(a.params);
    const double runs = pairs * static_cast<double>(e.repetitions);
    if (runs > kMaxRuns)
        r.fail(1, "problem", fmt::format("the grid expands to {:.0f} runs ({:.0f} algorithm-problem pairs x {} "
                                         "repetitions)", runs, pairs, e.repetitions),
               fmt::format("at most {:.0f} runs", kMaxRuns));
    if (pairs == 0)
        r.fail(1, "algorithm", "no algorithm runs on any problem (see the algorithms' problems lists)",
               "at least one algorithm-problem pair");

    // ---- claims ----
    std::vector<std::string> variant_labels;
    for (const AlgorithmEntry& a : e.algorithms)
        for (const GridPoint& g : grid_points(a.label, a.params)) variant_labels.push_back(g.label);
    for (const toml::table* t : r.tables(root, "claim")) {
        Claim c;
        c.line = line_of(t->source());
        r.check_keys(*t, "claim.", {"text", "better", "worse", "bound", "metric", "aggregate", "margin", "ratio",
                                    "problems", "where", "over", "expected", "note", "quick"});
        // A full-grid-only claim is skipped under --quick before anything else is checked: it
        // may name instances and variants the reduced grid does not have.
        if (auto v = t->get("quick")) {
            auto b = v->as_boolean();
            if (!b) r.fail(line_of(v->source()), "claim.quick", "is " + describe(*v), "true or false");
            if (!b->get() && quick) {
                ++e.full_only_claims;
                continue;
            }
        }
        auto algorithm_ref = [&](const char* key) {
            const std::string path = std::string("claim.") + key;
            auto v = t->get(key);
            if (!v) r.fail(c.line, path, "missing", "an algorithm label of this experiment: " + join_or(variant_labels));
            std::string s = r.string(*v, path);
            if (std::find(variant_labels.begin(), variant_labels.end(), s) != variant_labels.end()) return s;
            // "label[best]": the entry's best variant per instance (a tuned hyper-parameter).
            if (s.size() > 6 && s.compare(s.size() - 6, 6, "[best]") == 0) {
                const std::string base = s.substr(0, s.size() - 6);
                for (const AlgorithmEntry& a : e.algorithms)
                    if (a.label == base) return s;
                r.fail(line_of(v->source()), path, fmt::format("'{}' is not an algorithm label of this experiment", base),
                       "LABEL[best] with LABEL one of " + join_or(variant_labels));
            }
            for (const AlgorithmEntry& a : e.algorithms)
                if (a.label == s) {
                    std::vector<std::string> mine;
                    for (const GridPoint& g : grid_points(a.label, a.params)) mine.push_back(g.label);
                    r.fail(line_of(v->source()), path,
                           fmt::format("'{}' has a grid over {}, so it names several variants", s, axis_names(a.params)),
                           "one of its variants: " + join_or(mine) + ", or '" + s + "[best]' (the best variant on each instance)");
                }
            r.fail(line_of(v->source()), path, fmt::format("'{}' is not an algorithm label of this experiment", s),
                   join_or(variant_labels));
        };
        c.better = algorithm_ref("better");
        if (auto v = t->get("bound")) {
            if (t->get("worse"))
                r.fail(line_of(v->source()), "claim.bound", "is given with worse", "either worse (an algorithm) or bound (a number)");
            auto d = v->value<double>();
            if (!d || !std::isfinite(*d)) r.fail(line_of(v->source()), "claim.bound", "is " + describe(*v), "a finite number");
            c.bound = *d;
        } else {
            c.worse = algorithm_ref("worse");
            if (c.better == c.worse)
                r.fail(line_of(t->get("worse")->source()), "claim.worse",
                       fmt::format("is the same as better ('{}')", c.better), "two different algorithms");
        }
        std::vector<std::string> metric_list;
        for (const MetricEntry& m : e.metrics) metric_list.push_back(m.id);
        if (auto v = t->get("metric")) {
            const std::string s = r.string(*v, "claim.metric");
            const size_t slash = s.find('/');
            c.metric = s.substr(0, slash);
            if (slash != std::string::npos) c.output = s.substr(slash + 1);
            if (!metric_ids.count(c.metric))
                r.fail(line_of(v->source()), "claim.metric", fmt::format("'{}' is not a [[metric]] of this experiment", c.metric),
                       metric_list.empty() ? std::string("a [[metric]] table for it")
                                           : "\"ID/OUTPUT\" with ID one of " + join_or(metric_list));
            if (slash != std::string::npos && c.output.empty())
                r.fail(line_of(v->source()), "claim.metric", "has an empty output name after '/'", "\"ID/OUTPUT\"");
        } else {
            r.fail(c.line, "claim.metric", "missing", "metric = \"ID/OUTPUT\", a [[metric]] id and one of its outputs");
        }
        if (auto v = t->get("aggregate"))
            c.aggregate = r.choice(*v, "claim.aggregate", {"mean", "median"}) == "mean" ? Aggregate::mean : Aggregate::median;
        if (auto v = t->get("over")) c.over = r.choice(*v, "claim.over", {"each", "mean"}) == "each" ? Over::each : Over::mean;
        if (auto v = t->get("margin")) c.margin = r.number(*v, "claim.margin", 0, "a number >= 0 (in metric units)");
        if (auto v = t->get("ratio")) c.ratio = r.number(*v, "claim.ratio", 1, "a number >= 1 (better <= worse / ratio)");
        if (auto v = t->get("problems")) c.problems = r.problem_labels(*v, "claim.problems", e.problems);
        if (auto v = t->get("where")) {
            c.where = r.params(*v, "claim.where", true);
            for (const ParamSpec& w : c.where) {
                bool set = false;
                for (const ProblemEntry& p : e.problems) {
                    if (!c.problems.empty() && std::find(c.problems.begin(), c.problems.end(), p.label) == c.problems.end())
                        continue;
                    for (const ParamSpec& q : p.params) set = set || q.name == w.name;
                }
                if (!set)
                    r.fail(w.line, "claim.where." + w.name, "no selected problem sets this parameter in its params",
                           "a parameter given in the params of a selected [[problem]]");
            }
        }
        if (auto v = t->get("text")) c.text = r.string(*v, "claim.text");
        else c.text = fmt::format("{} beats {} on {}", c.better, c.bound ? "the bound " + format_double(*c.bound) : c.worse,
                                  c.output.empty() ? c.metric : c.metric + "/" + c.output);
        if (auto v = t->get("expected")) c.expected_held = r.choice(*v, "claim.expected", {"held", "not held"}) == "held";
        if (auto v = t->get("note")) c.note = r.string(*v, "claim.note");
        if (!c.expected_held && c.note.empty())
            r.fail(c.line, "claim.note", "missing for a claim expected not to hold",
                   "note = \"why it does not reproduce here\" (the README gives the figures)");
        const auto instances = claim_instances(e, c);
        if (instances.empty())
            r.fail(c.line, "claim", "selects no problem instance (check problems and where)",
                   "a selection that matches at least one problem instance");
        for (const std::string* side : {&c.better, &c.worse}) {
            if (side->empty()) continue;  // a bound
            const AlgorithmEntry& a = *entry_of_variant(e, *side);
            for (const ClaimInstance& inst : instances)
                if (!a.runs_on(inst.problem))
                    r.fail(c.line, "claim", fmt::format("compares on problem '{}', where algorithm '{}' does not run "
                                                        "(its problems are {})", inst.problem, *side, join(a.problems, ", ")),
                           "claim.problems limited to problems both algorithms run on");
        }
        e.claims.push_back(std::move(c));
    }
    return e;
}

// Escapes what would make the canonical text ambiguous.
std::string canon(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

void canon_params(std::string& out, const char* role, const std::vector<ParamText>& params) {
    for (const ParamText& p : params) out += fmt::format("{}.param {}={}\n", role, canon(p.name), canon(p.value));
}

// Runs a check; a UsageError gets the entry's place in front.
template <class F>
decltype(auto) at(const Experiment& e, int line, const std::string& what, F&& f) {
    try {
        return f();
    } catch (const UsageError& err) {
        throw UsageError(fmt::format("{}:{}: {}{}", e.file, line, what, err.what()));
    }
}

}  // namespace

Experiment load_experiment(const std::filesystem::path& file, bool quick) {
    const std::string name = file.string();
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw UsageError(fmt::format("{}: cannot open the experiment file ({}); expected a readable TOML file", name,
                                     std::strerror(errno)));
    std::ostringstream buf;
    buf << in.rdbuf();
    const std::string text = buf.str();
    Reader reader(name);
    toml::table root;
    try {
        root = toml::parse(text, name);
    } catch (const toml::parse_error& err) {
        throw UsageError(fmt::format("{}:{}: TOML syntax: {}; expected a valid TOML file (https://toml.io)", name,
                                     line_of(err.source()), err.description()));
    }
    return parse(reader, root, quick);
}

std::vector<GridPoint> grid_points(const std::string& label, const std::vector<ParamSpec>& params) {
    std::vector<GridPoint> out(1);
    for (const ParamSpec& p : params) {
        std::vector<GridPoint> next;
        next.reserve(out.size() * p.values.size());
        for (const GridPoint& g : out)
            for (const std::string& v : p.values) {
                GridPoint n = g;
                n.params.emplace_back(p.name, v);
                if (p.axis) n.axes.emplace_back(p.name, v);
                next.push_back(std::move(n));
            }
        out = std::move(next);
    }
    for (GridPoint& g : out) {
        g.label = label;
        if (!has_axes(params)) continue;
        std::vector<std::string> parts;
        for (const auto& [k, v] : g.axes) parts.push_back(k + "=" + v);
        g.label += "[" + join(parts, ",") + "]";
    }
    return out;
}

std::vector<PlannedRun> expand(const Experiment& e, const Registry& reg) {
    // Metrics: ids and parameters.
    std::vector<MetricRequest> metrics;
    std::string metric_canon;
    for (const MetricEntry& m : e.metrics) {
        const Component& c = at(e, m.line, "", [&]() -> const Component& { return reg.require(m.id, TSR_KIND_METRIC); });
        const ParamSet ps = at(e, m.line, fmt::format("metric '{}': params: ", m.id), [&] { return ParamSet::resolve(c, m.params); });
        metric_canon += fmt::format("metric {} {}\n", canon(m.id), canon(c.desc->version));
        canon_params(metric_canon, "metric", ps.text());
        metrics.push_back({m.id, m.params});
    }
    // Claims: the metric output exists and has a direction.
    for (const Claim& c : e.claims) {
        const Component& m = reg.require(c.metric, TSR_KIND_METRIC);
        std::vector<std::string> outputs;
        const tsr_metric_output* found = nullptr;
        for (uint32_t i = 0; i < m.desc->n_outputs; ++i) {
            const tsr_metric_output& o = m.output(i);
            outputs.push_back(c.metric + "/" + o.name);
            if (c.output.empty() ? m.desc->n_outputs == 1 : c.output == o.name) found = &o;
        }
        if (!found)
            throw UsageError(fmt::format("{}:{}: claim.metric: '{}' {}; expected one of {}", e.file, c.line,
                                         c.output.empty() ? c.metric : c.metric + "/" + c.output,
                                         c.output.empty() ? "names a metric with several outputs" : "is not an output of the metric",
                                         join_or(outputs)));
        if (found->direction != TSR_LOWER_IS_BETTER && found->direction != TSR_HIGHER_IS_BETTER)
            throw UsageError(fmt::format("{}:{}: claim.metric: {}/{} has no direction (neither lower nor higher is better); "
                                         "expected an output one method can beat another on",
                                         e.file, c.line, c.metric, found->name));
    }

    struct Point {
        GridPoint grid;
        std::string canon;
    };
    auto points = [&](const std::string& id, const std::string& label, const std::vector<ParamSpec>& params, int32_t kind,
                      int line, const char* role) {
        std::vector<Point> out;
        const Component& c = at(e, line, "", [&]() -> const Component& { return reg.require(id, kind); });
        for (GridPoint& g : grid_points(label, params)) {
            const ParamSet ps = at(e, line, fmt::format("{} '{}': params: ", role, g.label),
                                   [&] { return ParamSet::resolve(c, g.params); });
            std::string text = fmt::format("{} {} {} {}\n", role, canon(id), canon(c.desc->version), c.library->sha256());
            canon_params(text, role, ps.text());
            out.push_back({std::move(g), std::move(text)});
        }
        return out;
    };
    std::vector<std::vector<Point>> problem_points, algorithm_points;
    for (const ProblemEntry& p : e.problems)
        problem_points.push_back(points(p.id, p.label, p.params, TSR_KIND_PROBLEM, p.line, "problem"));
    for (const AlgorithmEntry& a : e.algorithms)
        algorithm_points.push_back(points(a.id, a.label, a.params, TSR_KIND_ALGORITHM, a.line, "algorithm"));
    // An entry run `after` another continues that entry's run on the same instance and seed: the
    // source must be one run per instance (no grid) and run wherever the entry runs.
    std::vector<size_t> source(e.algorithms.size(), SIZE_MAX);
    for (size_t ai = 0; ai < e.algorithms.size(); ++ai) {
        const AlgorithmEntry& a = e.algorithms[ai];
        if (a.after.empty()) continue;
        for (size_t bi = 0; bi < e.algorithms.size(); ++bi)
            if (e.algorithms[bi].label == a.after) source[ai] = bi;
        const AlgorithmEntry& b = e.algorithms[source[ai]];
        if (algorithm_points[source[ai]].size() != 1)
            throw UsageError(fmt::format("{}:{}: algorithm.after: '{}' has a parameter grid ({} points); expected an entry "
                                         "with one point, so that each run has one run to continue",
                                         e.file, a.after_line, a.after, algorithm_points[source[ai]].size()));
        for (const ProblemEntry& pe : e.problems)
            if (a.runs_on(pe.label) && !b.runs_on(pe.label))
                throw UsageError(fmt::format("{}:{}: algorithm.after: '{}' does not run on problem '{}', where '{}' runs; "
                                             "expected the same problems (or fewer for '{}')",
                                             e.file, a.after_line, a.after, pe.label, a.label, a.label));
    }

    // The key hashes what determines the result; for a run `after` another, that run's key too.
    std::function<std::string(size_t, const std::string&, const std::string&, uint64_t)> run_key =
        [&](size_t ai, const std::string& algorithm_canon, const std::string& problem_canon, uint64_t seed) {
            Budget budget = e.budget;
            apply(budget, e.algorithms[ai].budget);
            std::string text = fmt::format("tessera.run.v1\n{}{}{}seed {}\nbudget {} {} {}\n", algorithm_canon, problem_canon,
                                           metric_canon, seed, budget.max_evals, budget.max_iterations,
                                           format_double(budget.max_seconds));
            if (source[ai] != SIZE_MAX)
                text += "after " + run_key(source[ai], algorithm_points[source[ai]][0].canon, problem_canon, seed) + "\n";
            return sha256_hex(text);
        };
    std::vector<PlannedRun> plan;
    std::map<std::string, size_t> keys;
    for (size_t pi = 0; pi < e.problems.size(); ++pi) {
        const ProblemEntry& pe = e.problems[pi];
        for (const Point& pp : problem_points[pi]) {
            for (size_t ai = 0; ai < e.algorithms.size(); ++ai) {
                const AlgorithmEntry& ae = e.algorithms[ai];
                if (!ae.runs_on(pe.label)) continue;
                Budget budget = e.budget;
                apply(budget, ae.budget);
                for (const Point& ap : algorithm_points[ai]) {
                    RunRequest req;
                    req.algorithm = ae.id;
                    req.algorithm_params = ap.grid.params;
                    req.problem = pe.id;
                    req.problem_params = pp.grid.params;
                    req.budget = budget;
                    req.max_threads = 1;
                    // Compatibility: the algorithm with the problem, then each metric with it.
                    at(e, ae.line, fmt::format("algorithm '{}' on problem '{}': ", ap.grid.label, pp.grid.label),
                       [&] { return check_request(reg, req), 0; });
                    for (size_t mi = 0; mi < metrics.size(); ++mi) {
                        req.metrics = {metrics[mi]};
                        at(e, e.metrics[mi].line, fmt::format("metric '{}' on problem '{}': ", metrics[mi].id, pp.grid.label),
                           [&] { return check_request(reg, req), 0; });
                    }
                    req.metrics = metrics;
                    for (int64_t r = 0; r < e.repetitions; ++r) {
                        PlannedRun run;
                        run.request = req;
                        run.request.seed = e.repetition_seed(static_cast<size_t>(r));
                        run.labels.experiment = e.name;
                        run.labels.algorithm = ap.grid.label;
                        run.labels.problem = pe.label;
                        run.labels.instance = pp.grid.label;
                        run.labels.repetition = r;
                        run.key = run_key(ai, ap.canon, pp.canon, run.request.seed);
                        if (source[ai] != SIZE_MAX)
                            run.after_key = run_key(source[ai], algorithm_points[source[ai]][0].canon, pp.canon, run.request.seed);
                        run.index = plan.size();
                        if (auto [it, fresh] = keys.emplace(run.key, run.index); !fresh) {
                            const PlannedRun& other = plan[it->second];
                            throw UsageError(fmt::format(
                                "{}:{}: algorithm '{}' on problem '{}' (repetition {}) is the same computation as "
                                "algorithm '{}' on problem '{}' (repetition {}): same components, resolved parameters, "
                                "seed and budget; expected entries that differ (remove one, or change a parameter)",
                                e.file, ae.line, run.labels.algorithm, run.labels.instance, r, other.labels.algorithm,
                                other.labels.instance, other.labels.repetition));
                        }
                        plan.push_back(std::move(run));
                    }
                }
            }
        }
    }
    return plan;
}

std::string describe_plan(const std::vector<PlannedRun>& plan) {
    Table table({"#", "algorithm", "problem instance", "rep", "seed", "budget", "key"});
    table.align_right(0);
    table.align_right(3);
    table.align_right(4);
    std::set<std::string> instances, algorithms;
    std::set<int64_t> reps;
    for (const PlannedRun& p : plan) {
        const Budget& b = p.request.budget;
        std::vector<std::string> budget;
        if (b.max_evals) budget.push_back(fmt::format("{} evals", b.max_evals));
        if (b.max_iterations) budget.push_back(fmt::format("{} iterations", b.max_iterations));
        if (b.max_seconds > 0) budget.push_back(fmt::format("{} s", format_double(b.max_seconds)));
        table.add({std::to_string(p.index), p.labels.algorithm, p.labels.instance, std::to_string(p.labels.repetition),
                   std::to_string(p.request.seed), budget.empty() ? "unlimited" : join(budget, ", "), p.key.substr(0, 12)});
        instances.insert(p.labels.instance);
        algorithms.insert(p.labels.algorithm);
        reps.insert(p.labels.repetition);
    }
    std::string out = table.render();
    out += fmt::format("{} run{} ({} problem instance{}, {} algorithm variant{}, {} repetition{})\n", plan.size(),
                       plan.size() == 1 ? "" : "s", instances.size(), instances.size() == 1 ? "" : "s", algorithms.size(),
                       algorithms.size() == 1 ? "" : "s", reps.size(), reps.size() == 1 ? "" : "s");
    return out;
}

void thin_trace(Trace& t, int64_t every, int64_t log_points) {
    const size_t n = t.size();
    if (n <= 2) return;
    std::vector<char> keep(n, 0);
    if (log_points > 0) {
        // Point indices 1..n spaced evenly in log scale: n^(k/(m-1)).
        const int64_t m = std::max<int64_t>(log_points, 2);
        for (int64_t k = 0; k < m; ++k) {
            const double pos = std::pow(static_cast<double>(n), static_cast<double>(k) / static_cast<double>(m - 1));
            const size_t i = std::min(n - 1, static_cast<size_t>(std::llround(pos)) - 1);
            keep[i] = 1;
        }
    } else {
        if (every <= 1) return;
        for (size_t i = 0; i < n; i += static_cast<size_t>(every)) keep[i] = 1;
    }
    keep[0] = keep[n - 1] = 1;
    auto compact = [&](auto& v) {
        if (v.size() != n) return;  // a malformed column is left alone rather than misaligned further
        size_t w = 0;
        for (size_t i = 0; i < n; ++i)
            if (keep[i]) v[w++] = v[i];
        v.resize(w);
    };
    compact(t.iteration);
    compact(t.evals);
    compact(t.seconds);
    compact(t.objective);
    for (auto& c : t.values) compact(c);
}

}  // namespace tsr::host
