// Claim evaluation on synthetic results: held, not held, margin, ratio, median vs mean, each vs
// mean over instances, missing runs, NaN values, failed runs.
#include <cmath>
#include <functional>

#include <doctest/doctest.h>
#include <tessera/abi.h>

#include "claims.hpp"
#include "engine_util.hpp"

using namespace tsr::host;
using namespace enginetest;

namespace {

// Two instances of "quad" (d = 2, 3), one of "sphere"; algorithms "a" and "b"; 3 repetitions.
const char* kHead = R"(name = "claims"
repetitions = 3
[[problem]]
id = "fn.quadratic"
label = "quad"
params = { d = [2, 3] }
[[problem]]
id = "fn.sphere"
label = "sphere"
[[algorithm]]
id = "opt.gd"
label = "a"
[[algorithm]]
id = "opt.nesterov"
label = "b"
[[metric]]
id = "m.low"
[[metric]]
id = "m.high"
)";

Experiment experiment(const std::string& claim) {
    return load_text(std::string(kHead) + "[[claim]]\n" + claim);
}

RunResult run(const std::string& algorithm, const std::string& problem, const std::string& instance, int64_t rep,
              double low, double high = 0) {
    RunResult r;
    r.labels = {"claims", algorithm, problem, instance, rep};
    r.metric_values.push_back({"m.low", "value", TSR_LOWER_IS_BETTER, low});
    r.metric_values.push_back({"m.high", "score", TSR_HIGHER_IS_BETTER, high});
    return r;
}

// Every run of the experiment, with the value of the m.low output given by f(algorithm, instance, rep);
// the m.high output is its negative.
std::vector<RunResult> runs(const std::function<double(const std::string&, const std::string&, int64_t)>& f) {
    std::vector<RunResult> out;
    const std::vector<std::pair<std::string, std::string>> instances = {
        {"quad", "quad[d=2]"}, {"quad", "quad[d=3]"}, {"sphere", "sphere"}};
    for (const auto& [p, i] : instances)
        for (const std::string a : {"a", "b"})
            for (int64_t rep = 0; rep < 3; ++rep) {
                const double v = f(a, i, rep);
                out.push_back(run(a, p, i, rep, v, -v));
            }
    return out;
}

ClaimVerdict verdict(const std::string& claim, const std::vector<RunResult>& rs) {
    const auto v = evaluate_claims(experiment(claim), rs);
    REQUIRE(v.size() == 1);
    INFO(v[0].detail);
    return v[0];
}

// a: 1 everywhere; b: 2 everywhere.
double a1_b2(const std::string& a, const std::string&, int64_t) { return a == "a" ? 1.0 : 2.0; }

}  // namespace

TEST_CASE("claims: held and not held, lower and higher is better") {
    const auto rs = runs(a1_b2);
    const auto held = verdict("text = \"a wins\"\nbetter = \"a\"\nworse = \"b\"\nmetric = \"m.low/value\"\n", rs);
    CHECK(held.held);
    CHECK(held.text == "a wins");
    CHECK(held.detail.find("quad[d=2]: a 1 vs b 2") != std::string::npos);
    CHECK(held.detail.find("sphere: a 1 vs b 2") != std::string::npos);
    CHECK(held.detail.find("mean over seeds of m.low/value") != std::string::npos);
    CHECK_FALSE(verdict("better = \"b\"\nworse = \"a\"\nmetric = \"m.low/value\"\n", rs).held);
    // Higher is better: a scores -1, b -2, so a still wins.
    CHECK(verdict("better = \"a\"\nworse = \"b\"\nmetric = \"m.high/score\"\n", rs).held);
    CHECK_FALSE(verdict("better = \"b\"\nworse = \"a\"\nmetric = \"m.high/score\"\n", rs).held);
    // A tie is not a win.
    const auto tie = runs([](const std::string&, const std::string&, int64_t) { return 1.0; });
    CHECK_FALSE(verdict("better = \"a\"\nworse = \"b\"\nmetric = \"m.low/value\"\n", tie).held);
    // Without an output name, the metric's single output of that id is used.
    CHECK(verdict("better = \"a\"\nworse = \"b\"\nmetric = \"m.low\"\n", rs).held);
}

TEST_CASE("claims: margin and ratio") {
    const auto rs = runs(a1_b2);  // improvement 1, factor 2
    const std::string head = "better = \"a\"\nworse = \"b\"\nmetric = \"m.low/value\"\n";
    CHECK(verdict(head + "margin = 1\n", rs).held);
    CHECK_FALSE(verdict(head + "margin = 1.01\n", rs).held);
    CHECK(verdict(head + "ratio = 2\n", rs).held);
    CHECK_FALSE(verdict(head + "ratio = 2.5\n", rs).held);
    CHECK(verdict(head + "margin = 0.5\nratio = 1.5\n", rs).held);
    CHECK_FALSE(verdict(head + "margin = 0.5\nratio = 3\n", rs).held);
    CHECK(verdict(head + "ratio = 3\n", rs).detail.find("(ratio 3)") != std::string::npos);
    // Higher is better: a = 4, b = 2: better by 2, by a factor 2.
    const auto hs = runs([](const std::string& a, const std::string&, int64_t) { return a == "a" ? -4.0 : -2.0; });
    const std::string high = "better = \"a\"\nworse = \"b\"\nmetric = \"m.high/score\"\n";
    CHECK(verdict(high + "margin = 2\nratio = 2\n", hs).held);
    CHECK_FALSE(verdict(high + "margin = 2.5\n", hs).held);
    CHECK_FALSE(verdict(high + "ratio = 2.5\n", hs).held);
}

TEST_CASE("claims: median vs mean over seeds") {
    // a: 1, 1, 100 (mean 34, median 1); b: 10 every seed.
    const auto rs = runs([](const std::string& a, const std::string&, int64_t rep) {
        if (a == "b") return 10.0;
        return rep == 2 ? 100.0 : 1.0;
    });
    const std::string head = "better = \"a\"\nworse = \"b\"\nmetric = \"m.low/value\"\n";
    CHECK_FALSE(verdict(head, rs).held);
    CHECK_FALSE(verdict(head + "aggregate = \"mean\"\n", rs).held);
    const auto med = verdict(head + "aggregate = \"median\"\n", rs);
    CHECK(med.held);
    CHECK(med.detail.find("median over seeds") != std::string::npos);
    CHECK(med.detail.find("a 1 vs b 10") != std::string::npos);
}

TEST_CASE("claims: over each instance vs the mean over instances; problems and where") {
    // a beats b on the two quad instances by 1, loses on sphere by 0.5.
    const auto rs = runs([](const std::string& a, const std::string& i, int64_t) {
        if (i == "sphere") return a == "a" ? 1.5 : 1.0;
        return a == "a" ? 1.0 : 2.0;
    });
    const std::string head = "better = \"a\"\nworse = \"b\"\nmetric = \"m.low/value\"\n";
    const auto each = verdict(head, rs);
    CHECK_FALSE(each.held);
    CHECK(each.detail.find("sphere: a 1.5 vs b 1 (does not hold)") != std::string::npos);
    const auto mean = verdict(head + "over = \"mean\"\n", rs);
    CHECK(mean.held);  // (1 + 1 + 1.5) / 3 < (2 + 2 + 1) / 3
    CHECK(mean.detail.find("mean over 3 instances: a 1.17 vs b 1.67") != std::string::npos);
    CHECK(verdict(head + "problems = [\"quad\"]\n", rs).held);
    CHECK_FALSE(verdict(head + "problems = [\"sphere\"]\n", rs).held);
    const auto where = verdict(head + "where = { d = 3 }\n", rs);
    CHECK(where.held);
    CHECK(where.detail.find("quad[d=2]") == std::string::npos);
    CHECK(where.detail.find("quad[d=3]") != std::string::npos);
    CHECK(verdict(head + "where = { d = [2, 3] }\n", rs).held);
}

TEST_CASE("claims: missing runs are not held, with the reason") {
    auto rs = runs(a1_b2);
    const std::string head = "better = \"a\"\nworse = \"b\"\nmetric = \"m.low/value\"\n";
    // Drop b's repetition 1 on sphere.
    std::erase_if(rs, [](const RunResult& r) {
        return r.labels.algorithm == "b" && r.labels.instance == "sphere" && r.labels.repetition == 1;
    });
    auto v = verdict(head, rs);
    CHECK_FALSE(v.held);
    CHECK(v.detail.find("sphere: a 1 vs b 2 (undecided: b: 1 run missing)") != std::string::npos);
    CHECK(verdict(head + "problems = [\"quad\"]\n", rs).held);
    // No runs at all.
    const auto none = verdict(head, {});
    CHECK_FALSE(none.held);
    CHECK(none.detail.find("a: 3 runs missing") != std::string::npos);
    // Runs of another repetition range do not stand in for missing ones.
    auto extra = runs(a1_b2);
    for (RunResult& r : extra) r.labels.repetition += 3;
    CHECK_FALSE(verdict(head, extra).held);
    // Duplicates of a repetition count once.
    auto dup = runs(a1_b2);
    dup.push_back(run("a", "sphere", "sphere", 0, 1.0));
    CHECK(verdict(head, dup).held);
}

TEST_CASE("claims: NaN values and missing metric values are not held") {
    auto rs = runs(a1_b2);
    for (RunResult& r : rs)
        if (r.labels.algorithm == "b" && r.labels.instance == "quad[d=3]" && r.labels.repetition == 0)
            r.metric_values[0].value = std::nan("");
    const std::string head = "better = \"a\"\nworse = \"b\"\nmetric = \"m.low/value\"\n";
    const auto v = verdict(head, rs);
    CHECK_FALSE(v.held);
    CHECK(v.detail.find("quad[d=3]: a 1 vs b NaN (undecided: b: NaN in 1 run)") != std::string::npos);
    CHECK_FALSE(verdict(head + "aggregate = \"median\"\n", rs).held);
    CHECK_FALSE(verdict(head + "over = \"mean\"\n", rs).held);
    auto nv = runs(a1_b2);
    nv[0].metric_values.clear();
    const auto w = verdict(head, nv);
    CHECK_FALSE(w.held);
    CHECK(w.detail.find("a: no value in 1 run") != std::string::npos);
}

TEST_CASE("claims: failed runs are left out and counted; all failed is undecided") {
    auto rs = runs(a1_b2);
    // a's repetition 2 on quad[d=2] crashed (its value would have lost).
    for (RunResult& r : rs)
        if (r.labels.algorithm == "a" && r.labels.instance == "quad[d=2]" && r.labels.repetition == 2) {
            r.status = RunStatus::crashed;
            r.metric_values[0].value = 50;
        }
    const std::string head = "better = \"a\"\nworse = \"b\"\nmetric = \"m.low/value\"\n";
    const auto v = verdict(head, rs);
    CHECK(v.held);
    CHECK(v.detail.find("quad[d=2]: a 1 vs b 2 (1 failed run of a left out)") != std::string::npos);
    // Diverged, stopped and budget-exhausted runs are results, not failures.
    for (RunResult& r : rs)
        if (r.labels.algorithm == "a" && r.labels.instance == "quad[d=2]" && r.labels.repetition == 1)
            r.status = RunStatus::diverged;
    CHECK(verdict(head, rs).detail.find("a 1 vs b 2 (1 failed run of a left out)") != std::string::npos);
    // A retried run replaces its failed attempt.
    rs.push_back(run("a", "quad", "quad[d=2]", 2, 1.0));
    CHECK(verdict(head, rs).detail.find("failed") == std::string::npos);
    // Every run failed: undecided.
    for (RunResult& r : rs)
        if (r.labels.algorithm == "b" && r.labels.instance == "sphere") r.status = RunStatus::error;
    const auto w = verdict(head, rs);
    CHECK_FALSE(w.held);
    CHECK(w.detail.find("b: every run failed") != std::string::npos);
    CHECK(w.detail.find("3 failed runs of b left out") != std::string::npos);
}

TEST_CASE("claims: an output without a direction is undecided; the verdict table") {
    auto rs = runs(a1_b2);
    for (RunResult& r : rs) r.metric_values[0].direction = TSR_NO_DIRECTION;
    const auto v = verdict("better = \"a\"\nworse = \"b\"\nmetric = \"m.low/value\"\n", rs);
    CHECK_FALSE(v.held);
    CHECK(v.detail.find("has no direction") != std::string::npos);

    const std::string table = verdict_table({{"first", true, "x: a 1 vs b 2", "", {}}, {"second", false, "missing", "", {}}});
    CHECK(table.find("held          first\n") != std::string::npos);
    CHECK(table.find("did not hold  second\n              missing\n") != std::string::npos);
    const auto rs2 = runs(a1_b2);
    const auto verdicts = evaluate_claims(experiment("better = \"a\"\nworse = \"b\"\nmetric = \"m.low/value\"\n"), rs2);
    CHECK(verdict_table(verdicts) ==
          "held          a beats b on m.low/value\n"
          "              mean over seeds of m.low/value:\n"
          "                quad[d=2]: a 1 vs b 2\n"
          "                quad[d=3]: a 1 vs b 2\n"
          "                sphere: a 1 vs b 2\n");
}

TEST_CASE("claims: several claims give several verdicts, in order") {
    const Experiment e = load_text(std::string(kHead) +
                                   "[[claim]]\nbetter = \"a\"\nworse = \"b\"\nmetric = \"m.low\"\n"
                                   "[[claim]]\nbetter = \"b\"\nworse = \"a\"\nmetric = \"m.low\"\n");
    const auto v = evaluate_claims(e, runs(a1_b2));
    REQUIRE(v.size() == 2);
    CHECK(v[0].held);
    CHECK_FALSE(v[1].held);
    CHECK(v[0].text == "a beats b on m.low");
}

TEST_CASE("claims: expected = \"not held\" is evaluated as usual and checked against the expectation") {
    const std::string base = "better = \"a\"\nworse = \"b\"\nmetric = \"m.low/value\"\n";
    const auto held = verdict(base, runs(a1_b2));
    CHECK(held.held);
    CHECK(held.as_expected());

    const auto known = verdict(base + "expected = \"not held\"\nnote = \"too small here\"\n", runs(a1_b2));
    CHECK(known.held);  // a beats b: the claim holds although marked as not reproducing
    CHECK_FALSE(known.expected_held);
    CHECK_FALSE(known.as_expected());
    CHECK(verdict_table({known}).find("UNEXPECTED") != std::string::npos);
    CHECK(verdict_table({known}).find("too small here") != std::string::npos);

    const auto b_wins = [](const std::string& a, const std::string&, int64_t) { return a == "a" ? 2.0 : 1.0; };
    const auto still = verdict(base + "expected = \"not held\"\nnote = \"too small here\"\n", runs(b_wins));
    CHECK_FALSE(still.held);
    CHECK(still.as_expected());
    CHECK(verdict_table({still}).find("known not to reproduce here") != std::string::npos);

    check_message(load_error(std::string(kHead) + "[[claim]]\n" + base + "expected = \"not held\"\n"),
                  {"claim.note", "missing for a claim expected not to hold"});
    check_message(load_error(std::string(kHead) + "[[claim]]\n" + base + "expected = \"maybe\"\n"),
                  {"claim.expected", "'maybe' is not a known value"});
}

TEST_CASE("claims: LABEL[best] takes the entry's best variant on each instance") {
    const std::string head = std::string(kHead) + "[[algorithm]]\nid = \"opt.sgd\"\nlabel = \"g\"\nparams = { lr = [0.1, 0.2] }\n";
    const auto e = load_text(head + "[[claim]]\nbetter = \"g[best]\"\nworse = \"b\"\nmetric = \"m.low/value\"\n");
    // b: 2 everywhere; g[lr=0.1]: 3 on quad[d=2], 1 elsewhere; g[lr=0.2]: 1.5 on quad[d=2], 9 elsewhere.
    auto rs = runs(a1_b2);
    for (const auto& [p, i] : std::vector<std::pair<std::string, std::string>>{{"quad", "quad[d=2]"}, {"quad", "quad[d=3]"}, {"sphere", "sphere"}})
        for (int64_t rep = 0; rep < 3; ++rep) {
            rs.push_back(run("g[lr=0.1]", p, i, rep, i == "quad[d=2]" ? 3.0 : 1.0));
            rs.push_back(run("g[lr=0.2]", p, i, rep, i == "quad[d=2]" ? 1.5 : 9.0));
        }
    auto v = evaluate_claims(e, rs);
    REQUIRE(v.size() == 1);
    INFO(v[0].detail);
    CHECK(v[0].held);
    CHECK(v[0].detail.find("quad[d=2]: g[lr=0.2] 1.5 vs b 2") != std::string::npos);
    CHECK(v[0].detail.find("sphere: g[lr=0.1] 1 vs b 2") != std::string::npos);
    // Without the runs of one variant the other one is still compared; without any, undecided.
    std::erase_if(rs, [](const RunResult& r) { return r.labels.algorithm == "g[lr=0.2]"; });
    v = evaluate_claims(e, rs);
    CHECK_FALSE(v[0].held);  // g[lr=0.1] scores 3 on quad[d=2]
    std::erase_if(rs, [](const RunResult& r) { return r.labels.algorithm == "g[lr=0.1]"; });
    v = evaluate_claims(e, rs);
    CHECK_FALSE(v[0].held);
    CHECK(v[0].detail.find("undecided") != std::string::npos);
    check_message(load_error(head + "[[claim]]\nbetter = \"h[best]\"\nworse = \"b\"\nmetric = \"m.low/value\"\n"),
                  {"claim.better", "'h' is not an algorithm label"});
    check_message(load_error(head + "[[claim]]\nbetter = \"g\"\nworse = \"b\"\nmetric = \"m.low/value\"\n"),
                  {"'g[best]'"});
}

TEST_CASE("claims: quick = false leaves a claim out of the reduced grid only") {
    const std::string claim = "[[claim]]\nbetter = \"a\"\nworse = \"b\"\nmetric = \"m.low/value\"\nwhere = { d = 3 }\nquick = false\n";
    const std::string head = std::string(kHead) + "[quick]\nrepetitions = 1\n";
    const auto full = load_text(head + claim);
    CHECK(full.claims.size() == 1);
    CHECK(full.full_only_claims == 0);
    const auto quick = load_text(head + claim, true);
    CHECK(quick.claims.empty());
    CHECK(quick.full_only_claims == 1);
    check_message(load_error(head + "[[claim]]\nbetter = \"a\"\nworse = \"b\"\nmetric = \"m.low/value\"\nquick = 0\n"),
                  {"claim.quick", "true or false"});
}

TEST_CASE("claims: against a bound instead of another algorithm") {
    const auto rs = runs(a1_b2);  // a = 1 on m.low (lower is better), -1 on m.high
    const auto held = verdict("better = \"a\"\nbound = 1.5\nmetric = \"m.low/value\"\n", rs);
    CHECK(held.held);
    CHECK(held.text == "a beats the bound 1.5 on m.low/value");
    CHECK(held.detail.find("quad[d=2]: a 1 vs bound 1.5") != std::string::npos);
    CHECK_FALSE(verdict("better = \"a\"\nbound = 0.5\nmetric = \"m.low/value\"\n", rs).held);
    CHECK_FALSE(verdict("better = \"a\"\nbound = 1.5\nmargin = 0.6\nmetric = \"m.low/value\"\n", rs).held);
    // Higher is better: -1 is at least -1.5, not at least -0.5.
    CHECK(verdict("better = \"a\"\nbound = -1.5\nmetric = \"m.high/score\"\n", rs).held);
    CHECK_FALSE(verdict("better = \"a\"\nbound = -0.5\nmetric = \"m.high/score\"\n", rs).held);
    // Over the mean of the instances too; and one of worse / bound, not both.
    CHECK(verdict("better = \"a\"\nbound = 1.5\nover = \"mean\"\nmetric = \"m.low/value\"\n", rs).held);
    check_message(load_error(std::string(kHead) + "[[claim]]\nbetter = \"a\"\nworse = \"b\"\nbound = 1\nmetric = \"m.low\"\n"),
                  {"claim.bound: is given with worse", "either worse (an algorithm) or bound (a number)"});
    check_message(load_error(std::string(kHead) + "[[claim]]\nbetter = \"a\"\nbound = \"x\"\nmetric = \"m.low\"\n"),
                  {"claim.bound: is", "a finite number"});
}
