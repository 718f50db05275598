// Grouping, cells, failures, best marks and ranks, and the terminal tables (report/model.hpp).
#include <algorithm>
#include <cmath>

#include <doctest/doctest.h>

#include "errors.hpp"
#include "report/model.hpp"
#include "report/report.hpp"
#include "synthetic.hpp"
#include "table.hpp"

using namespace tsr::host;
using namespace tsr::host::report;
using namespace reporttest;

namespace {

// Three methods on one instance, numbers chosen for exact means:
//   suboptimality (lower):  A 1 2 3        B 4 5 (crashed)   C 2 2 NaN
//   accuracy (higher):      A .25 .5 .75   B .75 .75 (–)      C .75 .75 .75
std::vector<RunResult> hand() {
    return {
        run("A", "p[a=1]", 0, {lower("suboptimality", 1), higher("accuracy", 0.25)}),
        run("A", "p[a=1]", 1, {lower("suboptimality", 2), higher("accuracy", 0.5)}),
        run("A", "p[a=1]", 2, {lower("suboptimality", 3), higher("accuracy", 0.75)}),
        run("B", "p[a=1]", 0, {lower("suboptimality", 4), higher("accuracy", 0.75)}),
        run("B", "p[a=1]", 1, {lower("suboptimality", 5), higher("accuracy", 0.75)}, RunStatus::budget_exhausted),
        run("B", "p[a=1]", 2, {}, RunStatus::crashed),
        run("C", "p[a=1]", 0, {lower("suboptimality", 2), higher("accuracy", 0.75)}),
        run("C", "p[a=1]", 1, {lower("suboptimality", 2), higher("accuracy", 0.75)}),
        run("C", "p[a=1]", 2, {lower("suboptimality", NAN), higher("accuracy", 0.75)}, RunStatus::diverged),
    };
}

const Row& row(const Group& g, const std::string& method) {
    auto it = std::find_if(g.rows.begin(), g.rows.end(), [&](const Row& r) { return r.method == method; });
    REQUIRE(it != g.rows.end());
    return *it;
}

std::string strip_ansi(std::string s) {
    for (size_t p; (p = s.find('\x1b')) != std::string::npos;) s.erase(p, s.find('m', p) - p + 1);
    return s;
}

}  // namespace

TEST_CASE("cells: mean ± std over the finite values; failures and NaN counted") {
    const Model m = build_model(hand(), {});
    REQUIRE(m.groups.size() == 1);
    const Group& g = m.groups[0];
    CHECK(g.name == "p[a=1]");
    CHECK(g.run_count == 9);
    REQUIRE(g.columns.size() == 2);
    CHECK(g.columns[0].key() == "m.cost/suboptimality");
    CHECK(g.columns[0].header == "suboptimality");
    CHECK(column_title(g.columns[0]) == "suboptimality ↓");
    CHECK(column_title(g.columns[1]) == "accuracy ↑");

    const Row& a = row(g, "A");
    CHECK(a.cells[0].summary.mean == 2);
    CHECK(value_text(a.cells[0], false) == "2 ± 1");
    CHECK(missing_text(a.cells[0]).empty());
    CHECK(runs_text(a) == "3 ok");

    const Row& b = row(g, "B");
    CHECK(runs_text(b) == "2 ok, 1 crashed");
    CHECK(b.cells[0].summary.n == 2);
    CHECK(value_text(b.cells[0], false) == "4.5 ± 0.71");
    CHECK(missing_text(b.cells[0]) == "(n=2)");  // the crash is named in runs_text

    const Row& c = row(g, "C");
    CHECK(runs_text(c) == "2 ok, 1 diverged");
    CHECK(missing_text(c.cells[0]) == "(n=2: 1 NaN)");
    CHECK(missing_text(c.cells[1]).empty());  // a diverged run's finite values count
    CHECK(c.cells[1].summary.n == 3);
}

TEST_CASE("median mode shows median [q25, q75] and ranks by the median") {
    ReportOptions o;
    o.median = true;
    const Model m = build_model(hand(), o);
    const Row& a = row(m.groups[0], "A");
    CHECK(value_text(a.cells[0], true) == "2 [1.5, 2.5]");
    CHECK(a.cells[0].center == 2);
    CHECK(value_text(row(m.groups[0], "B").cells[0], true) == "4.5 [4.25, 4.75]");
}

TEST_CASE("best marks follow each column's direction and mark every tie; rank is the mean rank") {
    const Model m = build_model(hand(), {});
    const Group& g = m.groups[0];
    const Row &a = row(g, "A"), &b = row(g, "B"), &c = row(g, "C");
    // suboptimality, lower is better: A 2, B 4.5, C 2 → A and C tie for best.
    CHECK(a.cells[0].best);
    CHECK(!b.cells[0].best);
    CHECK(c.cells[0].best);
    CHECK(a.cells[0].rank == 1.5);
    CHECK(b.cells[0].rank == 3);
    // accuracy, higher is better: A 0.5, B 0.75, C 0.75 → B and C tie for best.
    CHECK(!a.cells[1].best);
    CHECK(b.cells[1].best);
    CHECK(c.cells[1].best);
    CHECK(a.cells[1].rank == 3);
    // Mean ranks: A (1.5 + 3)/2, B (3 + 1.5)/2, C (1.5 + 1.5)/2.
    CHECK(a.rank == 2.25);
    CHECK(b.rank == 2.25);
    CHECK(c.rank == 1.5);
    CHECK(c.best_rank);
    CHECK(!a.best_rank);
}

TEST_CASE("a method without any value ranks last and is never best") {
    std::vector<RunResult> runs = {run("A", "p", 0, {lower("cost", 3)}), run("B", "p", 0, {lower("cost", 1)}),
                                   run("C", "p", 0, {}, RunStatus::timeout), run("C", "p", 1, {lower("cost", NAN)}),
                                   run("B", "p", 1, {})};  // finished without the value
    const Model m = build_model(runs, {});
    const Group& g = m.groups[0];
    CHECK(row(g, "C").cells[0].rank == 3);
    CHECK(!row(g, "C").cells[0].best);
    CHECK(row(g, "B").cells[0].best);
    CHECK(value_text(row(g, "C").cells[0], false) == "–");
    CHECK(missing_text(row(g, "C").cells[0]) == "(1 NaN)");
    CHECK(runs_text(row(g, "C")) == "1 ok, 1 timeout");
    CHECK(missing_text(row(g, "B").cells[0]) == "(n=1: 1 without value)");
}

TEST_CASE("grouping by instance, problem, experiment or all") {
    std::vector<RunResult> runs = hand();
    for (RunResult r : hand()) {
        r.labels.instance = "p[a=2]";
        r.run_key = *r.run_key + "/2";
        runs.push_back(r);
    }
    runs.push_back(run("A", "q", 0, {lower("suboptimality", 1)}));
    ReportOptions o;
    Model m = build_model(runs, o);
    REQUIRE(m.groups.size() == 3);
    CHECK(m.groups[0].name == "p[a=1]");
    CHECK(m.groups[1].name == "p[a=2]");
    CHECK(m.groups[2].name == "q");
    CHECK(m.groups[2].columns.size() == 1);  // only the columns its runs have
    CHECK(m.methods == std::vector<std::string>{"A", "B", "C"});

    o.group_by = GroupBy::problem;
    m = build_model(runs, o);
    REQUIRE(m.groups.size() == 2);
    CHECK(m.groups[0].name == "p");
    CHECK(m.groups[0].run_count == 18);
    CHECK(row(m.groups[0], "B").runs.size() == 6);

    o.group_by = GroupBy::experiment;
    m = build_model(runs, o);
    REQUIRE(m.groups.size() == 1);
    CHECK(m.groups[0].name == "synthetic");

    o.group_by = GroupBy::all;
    m = build_model(runs, o);
    REQUIRE(m.groups.size() == 1);
    CHECK(m.groups[0].name == "all runs");
    CHECK(m.groups[0].run_count == 19);

    CHECK(parse_group_by("problem") == GroupBy::problem);
    CHECK(!parse_group_by("seed"));
}

TEST_CASE("runs of a lone `tessera run` are named by id and the parameters that differ") {
    auto lone = [](const std::string& lr, const std::string& d) {
        RunResult r;
        r.algorithm = {"opt.gd", "1.0", "", "", {{"lr", lr}, {"tol", "1e-06"}}};
        r.problem = {"fn.quadratic", "1.0", "", "", {{"d", d}, {"cond", "100"}}};
        r.metric_values = {lower("suboptimality", std::stod(lr))};
        return r;
    };
    const Model m = build_model({lone("0.1", "5"), lone("0.2", "5"), lone("0.1", "10")}, {});
    REQUIRE(m.groups.size() == 2);
    CHECK(m.groups[0].name == "fn.quadratic[d=5]");
    CHECK(m.groups[1].name == "fn.quadratic[d=10]");
    CHECK(m.methods == std::vector<std::string>{"opt.gd[lr=0.1]", "opt.gd[lr=0.2]"});
    ReportOptions o;
    o.group_by = GroupBy::experiment;
    CHECK(build_model({lone("0.1", "5")}, o).groups[0].name == "(no experiment)");
}

TEST_CASE("a retried run key counts once: the last run that did not fail") {
    std::vector<RunResult> runs = {run("A", "p", 0, {}, RunStatus::crashed), run("A", "p", 0, {lower("cost", 2)}),
                                   run("A", "p", 1, {lower("cost", 4)}), run("A", "p", 1, {}, RunStatus::timeout)};
    const Model m = build_model(runs, {});
    CHECK(m.superseded == 2);
    CHECK(m.runs == 2);
    const Row& a = m.groups[0].rows[0];
    CHECK(runs_text(a) == "2 ok");
    CHECK(a.cells[0].summary.mean == 3);
}

TEST_CASE("--metric narrows the columns; a name that matches nothing says what there is") {
    ReportOptions o;
    o.metrics = {"accuracy"};
    Model m = build_model(hand(), o);
    REQUIRE(m.groups[0].columns.size() == 1);
    CHECK(m.groups[0].columns[0].output == "accuracy");
    o.metrics = {"m.cost"};
    CHECK(build_model(hand(), o).columns[0].output == "suboptimality");
    o.metrics = {"m.cost/suboptimality", "m.score/accuracy"};
    CHECK(build_model(hand(), o).columns.size() == 2);
    o.metrics = {"acuracy"};
    try {
        build_model(hand(), o);
        FAIL("no error");
    } catch (const UsageError& e) {
        const std::string msg = e.what();
        CHECK(msg.find("'acuracy'") != std::string::npos);
        CHECK(msg.find("m.score/accuracy") != std::string::npos);
    }
}

TEST_CASE("runs without metric values get the final objective, with no best and no rank") {
    RunResult r = run("A", "p", 0, {});
    add_trace(r, 10, 100, 0.01, 1);
    r.trace.objective.back() = NAN;  // the last finite one counts
    const double last = r.trace.objective[8];
    const Model m = build_model({r}, {});
    REQUIRE(m.groups[0].columns.size() == 1);
    CHECK(m.groups[0].columns[0].output == "final objective");
    CHECK(m.groups[0].rows[0].cells[0].summary.mean == last);
    CHECK(!m.groups[0].rows[0].cells[0].best);
    const std::string text = render_tables({r}, {});
    CHECK(text.find("rank") == std::string::npos);
}

TEST_CASE("terminal tables: '*' marks without a terminal, bold with ANSI, columns aligned either way") {
    ReportOptions o;
    const std::string plain = render_tables(hand(), o);
    CHECK(plain.find("p[a=1]  ·  9 runs") != std::string::npos);
    CHECK(plain.find("2 ± 1 *") != std::string::npos);
    CHECK(plain.find("4.5 ± 0.71 (n=2)") != std::string::npos);
    CHECK(plain.find("2 ± 0 * (n=2: 1 NaN)") != std::string::npos);
    CHECK(plain.find("1.5 *") != std::string::npos);  // C's rank
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(plain.find("mean ± std over seeds") != std::string::npos);

    o.ansi = true;
    const std::string bold = render_tables(hand(), o);
    CHECK(bold.find("\x1b[1m2 ± 1\x1b[0m") != std::string::npos);
    CHECK(bold.find(" *") == std::string::npos);
    // The rank column is right-aligned and last: with widths measured without the escapes, the
    // header and every row end where the rule ends.
    const std::string text = strip_ansi(bold);
    std::vector<std::string> lines;
    for (size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
        lines.push_back(text.substr(start, end - start));
    REQUIRE(lines.size() >= 6);
    const size_t rule = display_width(lines[2]);
    CHECK(lines[2].find_first_not_of('-') == std::string::npos);
    for (size_t i : {1, 3, 4, 5}) CHECK(display_width(lines[i]) == rule);
}

TEST_CASE("several groups end with a summary across them") {
    const std::string text = render_tables(benchmark(3, 20), {});
    CHECK(text.find("across 3 instances") != std::string::npos);
    CHECK(text.find("quadratic[cond=10000]") != std::string::npos);
    CHECK(text.find("2 ok, 1 crashed") != std::string::npos);
    CHECK(text.find("(n=2: 1 NaN)") != std::string::npos);
    CHECK(render_tables({}, {}) == "no runs to report\n");
}
