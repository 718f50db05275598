// Experiment files: every key of the format is read, and every kind of mistake is an error that
// names the file, the line and the key.
#include <map>

#include <doctest/doctest.h>

#include "claims.hpp"
#include "engine_util.hpp"

using namespace tsr::host;
using namespace enginetest;

namespace {

const char* kFull = R"(name = "full"
description = "every key of the format"
seed = 42
repetitions = 5
[budget]
max_evals = 20000
max_iterations = 300
max_seconds = 2.5
[trace]
every = 3
log_points = 50

[[problem]]
id = "fn.quadratic"
label = "quadratic"
params = { d = [20, 50], cond = 1e4 }
quick = { d = [50] }

[[problem]]
id = "fn.rosenbrock"

[[algorithm]]
id = "opt.adam"
label = "adam-lr1e-3"
params = { lr = 1e-3, schedule = "cosine" }
budget = { max_evals = 5000 }

[[algorithm]]
id = "opt.adam"
label = "adam"
params = { lr = [0.1, 0.01] }
quick = { beta1 = 0.8 }

[[algorithm]]
id = "opt.lbfgs"
label = "lbfgs"
params.m = 7
params.tol = 0.0

[[metric]]
id = "opt.time_to_target"
params = { target = 1e-6, mode = "absolute" }

[[metric]]
id = "opt.suboptimality"

[[claim]]
text = "L-BFGS reaches lower suboptimality than Adam"
better = "lbfgs"
worse = "adam-lr1e-3"
metric = "opt.suboptimality/suboptimality"
aggregate = "median"
margin = 0.5
ratio = 10
problems = ["quadratic"]
where = { d = 50 }
over = "mean"

[[claim]]
better = "adam[lr=0.1]"
worse = "adam[lr=0.01]"
metric = "opt.time_to_target/evals_to_target"

[quick]
repetitions = 3
budget = { max_evals = 1000, max_seconds = 10 }
)";

}  // namespace

TEST_CASE("experiment file: every key of the format is read") {
    const Experiment e = load_text(kFull, false, "full.toml");
    CHECK(e.file.find("full.toml") != std::string::npos);
    CHECK(e.name == "full");
    CHECK(e.description == "every key of the format");
    CHECK(e.seed == 42);
    CHECK(e.repetitions == 5);
    CHECK(e.seeds.empty());
    CHECK(e.budget.max_evals == 20000);
    CHECK(e.budget.max_iterations == 300);
    CHECK(e.budget.max_seconds == 2.5);
    CHECK(e.trace.every == 3);
    CHECK(e.trace.log_points == 50);
    CHECK_FALSE(e.quick);

    REQUIRE(e.problems.size() == 2);
    const ProblemEntry& q = e.problems[0];
    CHECK(q.id == "fn.quadratic");
    CHECK(q.label == "quadratic");
    CHECK(q.line == 13);
    REQUIRE(q.params.size() == 2);  // sorted by name
    CHECK(q.params[0].name == "cond");
    CHECK_FALSE(q.params[0].axis);
    CHECK(q.params[0].values == std::vector<std::string>{"10000"});
    CHECK(q.params[1].name == "d");
    CHECK(q.params[1].axis);
    CHECK(q.params[1].values == std::vector<std::string>{"20", "50"});
    CHECK(q.params[1].line == 16);
    CHECK(e.problems[1].label == "fn.rosenbrock");  // the id when no label
    CHECK(e.problems[1].params.empty());

    REQUIRE(e.algorithms.size() == 3);
    const AlgorithmEntry& a = e.algorithms[0];
    CHECK(a.id == "opt.adam");
    CHECK(a.label == "adam-lr1e-3");
    CHECK(a.line == 22);
    REQUIRE(a.params.size() == 2);
    CHECK(a.params[0].name == "lr");
    CHECK(a.params[0].values == std::vector<std::string>{"0.001"});
    CHECK(a.params[1].values == std::vector<std::string>{"cosine"});
    CHECK(a.budget.max_evals == 5000);
    CHECK_FALSE(a.budget.max_iterations.has_value());
    CHECK_FALSE(a.budget.max_seconds.has_value());
    CHECK(e.algorithms[1].params[0].values == std::vector<std::string>{"0.1", "0.01"});
    // Dotted keys are the same table as an inline one.
    REQUIRE(e.algorithms[2].params.size() == 2);
    CHECK(e.algorithms[2].params[0].name == "m");
    CHECK(e.algorithms[2].params[0].values == std::vector<std::string>{"7"});
    CHECK(e.algorithms[2].params[1].values == std::vector<std::string>{"0"});

    REQUIRE(e.metrics.size() == 2);
    CHECK(e.metrics[0].id == "opt.time_to_target");
    CHECK(e.metrics[0].params == KeyValues{{"mode", "absolute"}, {"target", "1e-06"}});
    CHECK(e.metrics[1].params.empty());

    REQUIRE(e.claims.size() == 2);
    const Claim& c = e.claims[0];
    CHECK(c.text == "L-BFGS reaches lower suboptimality than Adam");
    CHECK(c.better == "lbfgs");
    CHECK(c.worse == "adam-lr1e-3");
    CHECK(c.metric == "opt.suboptimality");
    CHECK(c.output == "suboptimality");
    CHECK(c.aggregate == Aggregate::median);
    CHECK(c.margin == 0.5);
    CHECK(c.ratio == 10);
    CHECK(c.problems == std::vector<std::string>{"quadratic"});
    REQUIRE(c.where.size() == 1);
    CHECK(c.where[0].name == "d");
    CHECK(c.where[0].values == std::vector<std::string>{"50"});
    CHECK(c.over == Over::mean);
    CHECK(c.line == 47);
    const Claim& d = e.claims[1];
    CHECK(d.text == "adam[lr=0.1] beats adam[lr=0.01] on opt.time_to_target/evals_to_target");
    CHECK(d.aggregate == Aggregate::mean);
    CHECK(d.over == Over::each);
    CHECK(d.margin == 0);
    CHECK(d.ratio == 1);
    CHECK(d.problems.empty());
    CHECK(claim_instances(e, c).size() == 1);
    CHECK(claim_instances(e, d).size() == 3);
}

TEST_CASE("experiment file: --quick applies the [quick] section and the entries' quick overrides") {
    const Experiment e = load_text(kFull, true, "full.toml");
    CHECK(e.quick);
    CHECK(e.repetitions == 3);
    // The quick budget caps: 20000 -> 1000 evals, unlimited seconds... here 2.5 < 10 stays.
    CHECK(e.budget.max_evals == 1000);
    CHECK(e.budget.max_iterations == 300);
    CHECK(e.budget.max_seconds == 2.5);
    CHECK(e.algorithms[0].budget.max_evals == 1000);  // 5000 capped
    CHECK(e.problems[0].params[1].values == std::vector<std::string>{"50"});
    REQUIRE(e.algorithms[1].params.size() == 2);  // a quick override may add a parameter
    CHECK(e.algorithms[1].params[0].name == "beta1");
    CHECK(e.algorithms[1].params[0].values == std::vector<std::string>{"0.8"});
    CHECK(e.algorithms[1].params[1].values == std::vector<std::string>{"0.1", "0.01"});
    CHECK(claim_instances(e, e.claims[1]).size() == 2);
}

TEST_CASE("experiment file: --quick keeps a claim valid when its selection survives") {
    const std::string text = std::string(kSmall) + R"(
[[claim]]
better = "opt.gd"
worse = "nag"
metric = "opt.suboptimality/suboptimality"
where = { d = [2, 3] }
[quick]
repetitions = 1
budget = { max_evals = 50, max_iterations = 10 }
)";
    const Experiment full = load_text(text);
    const Experiment quick = load_text(text, true);
    CHECK(full.repetitions == 2);
    CHECK(quick.repetitions == 1);
    CHECK(full.budget.max_evals == 200);
    CHECK(quick.budget.max_evals == 50);
    CHECK(quick.budget.max_iterations == 10);  // unlimited, capped
}

TEST_CASE("experiment file: the full example of the format with --quick drops a claim's whole selection: error") {
    std::string text = kFull;
    const std::string from = "quick = { d = [50] }";
    text.replace(text.find(from), from.size(), "quick = { d = [20] }");
    // d = 50 is not in the quick grid of quadratic any more.
    check_message([&] {
        try {
            load_text(text, true, "full.toml");
        } catch (const UsageError& e) {
            return std::string(e.what());
        }
        return std::string();
    }(), {"full.toml:47: claim: selects no problem instance"});
}

TEST_CASE("experiment file: explicit seeds, and quick takes the first ones") {
    const std::string base = R"(name = "s"
seeds = [11, 5, 99]
[[problem]]
id = "fn.sphere"
[[algorithm]]
id = "opt.gd"
[quick]
repetitions = 2
)";
    const Experiment e = load_text(base);
    CHECK(e.repetitions == 3);
    CHECK(e.seeds == std::vector<uint64_t>{11, 5, 99});
    CHECK(e.repetition_seed(0) == 11);
    CHECK(e.repetition_seed(2) == 99);
    const Experiment q = load_text(base, true);
    CHECK(q.repetitions == 2);
    CHECK(q.seeds == std::vector<uint64_t>{11, 5});
}

TEST_CASE("experiment file: defaults") {
    const Experiment e = load_text(R"(name = "d"
[[problem]]
id = "fn.sphere"
[[algorithm]]
id = "opt.gd"
)");
    CHECK(e.seed == 0);
    CHECK(e.repetitions == 1);
    CHECK(e.budget.max_evals == 0);
    CHECK(e.budget.max_iterations == 0);
    CHECK(e.budget.max_seconds == 0);
    CHECK(e.trace.every == 1);
    CHECK(e.trace.log_points == 0);
    CHECK(e.metrics.empty());
    CHECK(e.claims.empty());
    CHECK(e.description.empty());
}

TEST_CASE("experiment file: parameter values of every TOML scalar type become ParamSet text") {
    const Experiment e = load_text(R"(name = "t"
[[problem]]
id = "p"
params = { i = -3, f = 0.1, g = 1e-300, big = 12345678901234, b = true, s = "x y", third = 0.3333333333333333, e = 2.0 }
[[algorithm]]
id = "a"
)");
    std::map<std::string, std::string> v;
    for (const ParamSpec& p : e.problems[0].params) v[p.name] = p.values.at(0);
    CHECK(v["i"] == "-3");
    CHECK(v["f"] == "0.1");
    CHECK(v["g"] == "1e-300");
    CHECK(v["big"] == "12345678901234");
    CHECK(v["b"] == "true");
    CHECK(v["s"] == "x y");
    CHECK(std::stod(v["third"]) == 0.3333333333333333);  // round-trips exactly
    CHECK(v["e"] == "2");
}

// ---- errors: each names the file, the line and the key ----

TEST_CASE("experiment errors: malformed TOML") {
    check_message(load_error("name = \"x\"\nrepetitions = = 3\n"), {"bad.toml:2:", "TOML syntax", "expected"});
    check_message(load_error("name = \"x\"\n[[problem]\n"), {"bad.toml:2:"});
    check_message(load_error("name = \"x\"\nname = \"y\"\n"), {"bad.toml:2:"});  // duplicate key
    check_message(load_error("name = \"unterminated\n"), {"bad.toml:1:"});
}

TEST_CASE("experiment errors: a missing or unreadable file") {
    try {
        load_experiment(temp_dir() / "does-not-exist.toml");
        FAIL("no error");
    } catch (const UsageError& e) {
        check_message(e.what(), {"does-not-exist.toml", "cannot open"});
    }
}

TEST_CASE("experiment errors: unknown keys anywhere, with a suggestion") {
    const std::string tail = "[[problem]]\nid = \"fn.sphere\"\n[[algorithm]]\nid = \"opt.gd\"\n";
    check_message(load_error("name = \"x\"\nrepetitons = 3\n" + tail),
                  {"bad.toml:2: repetitons: unknown key (did you mean 'repetitions'?); expected one of"});
    check_message(load_error("name = \"x\"\n[budget]\nmax_eval = 3\n" + tail),
                  {"bad.toml:3: budget.max_eval: unknown key (did you mean 'max_evals'?)"});
    check_message(load_error("name = \"x\"\n[trace]\nevery = 2\nlog = 3\n" + tail), {"bad.toml:4: trace.log:"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"fn.sphere\"\nparam = { d = 2 }\n[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:4: problem.param: unknown key (did you mean 'params'?)"});
    check_message(load_error("name = \"x\"\n" + tail + "lable = \"g\"\n"), {"bad.toml:6: algorithm.lable:", "'label'"});
    check_message(load_error("name = \"x\"\n" + tail + "[[metric]]\nid = \"m\"\nparms = {}\n"), {"bad.toml:8: metric.parms:"});
    check_message(load_error("name = \"x\"\n" + tail + "[quick]\nreps = 1\n"), {"bad.toml:7: quick.reps:"});
    check_message(load_error("name = \"x\"\n" + tail + "budget = { max_evals = 1, seconds = 2 }\n"),
                  {"bad.toml:6: algorithm.budget.seconds:"});
    check_message(load_error("name = \"x\"\n" + tail + "[[claim]]\nbeter = \"opt.gd\"\n"),
                  {"bad.toml:7: claim.beter: unknown key (did you mean 'better'?)"});
}

TEST_CASE("experiment errors: wrong types") {
    const std::string tail = "[[problem]]\nid = \"fn.sphere\"\n[[algorithm]]\nid = \"opt.gd\"\n";
    check_message(load_error("name = 3\n" + tail), {"bad.toml:1: name: is an integer (3); expected a string"});
    check_message(load_error("name = \"../up\"\n" + tail), {"bad.toml:1: name: '../up' cannot name a file"});
    check_message(load_error("name = \"a/b\"\n" + tail), {"bad.toml:1: name: 'a/b' cannot name a file"});
    check_message(load_error("name = \"\"\n" + tail), {"bad.toml:1: name: is empty"});
    check_message(load_error("name = \"x\"\nrepetitions = \"5\"\n" + tail),
                  {"bad.toml:2: repetitions: is a string (\"5\"); expected an integer"});
    check_message(load_error("name = \"x\"\nrepetitions = 2.5\n" + tail), {"bad.toml:2: repetitions: is a float (2.5)"});
    check_message(load_error("name = \"x\"\nrepetitions = 0\n" + tail), {"bad.toml:2: repetitions: 0 is out of range"});
    check_message(load_error("name = \"x\"\nseed = -1\n" + tail), {"bad.toml:2: seed:", "out of range"});
    check_message(load_error("name = \"x\"\nseeds = [1, \"2\"]\n" + tail), {"bad.toml:2: seeds:", "a string"});
    check_message(load_error("name = \"x\"\nseeds = [1, 1]\n" + tail), {"bad.toml:2: seeds: lists the seed 1 twice"});
    check_message(load_error("name = \"x\"\nseeds = []\n" + tail), {"bad.toml:2: seeds: is an empty list"});
    check_message(load_error("name = \"x\"\nseeds = [1]\nrepetitions = 1\n" + tail),
                  {"bad.toml:2: seeds: given together with repetitions"});
    check_message(load_error("name = \"x\"\nbudget = 5\n" + tail), {"bad.toml:2: budget: is an integer (5); expected a table"});
    check_message(load_error("name = \"x\"\n[budget]\nmax_evals = -1\n" + tail), {"bad.toml:3: budget.max_evals:", "out of range"});
    check_message(load_error("name = \"x\"\n[budget]\nmax_seconds = \"1\"\n" + tail), {"bad.toml:3: budget.max_seconds:"});
    check_message(load_error("name = \"x\"\n[budget]\nmax_seconds = nan\n" + tail), {"bad.toml:3: budget.max_seconds:"});
    check_message(load_error("name = \"x\"\n[trace]\nevery = 0\n" + tail), {"bad.toml:3: trace.every:", "expected an integer >= 1"});
    check_message(load_error("name = \"x\"\nproblem = \"fn.sphere\"\n[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:2: problem: is a string", "[[problem]]"});
    check_message(load_error("name = \"x\"\n[problem]\nid = \"fn.sphere\"\n[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:2: problem: is a table", "[[problem]]"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = 5\n[[algorithm]]\nid = \"a\"\n"), {"bad.toml:3: problem.id:"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\nparams = 5\n[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:4: problem.params: is an integer (5); expected a table of parameters"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\nparams = { d = { e = 1 } }\n[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:4: problem.params.d: is a table"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\nparams = { d = [[1], [2]] }\n[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:4: problem.params.d: has an element that is a list"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\nparams = { when = 1979-05-27 }\n[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:4: problem.params.when: is a date"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\nparams = { d = [1, 1] }\n[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:4: problem.params.d: lists the value 1 twice"});
    check_message(load_error("name = \"x\"\n" + tail + "[[metric]]\nid = \"m\"\nparams = { target = [1, 2] }\n"),
                  {"bad.toml:8: metric.params.target: is a list, but grids are not allowed here"});
    check_message(load_error("name = \"x\"\n[quick]\nrepetitions = true\n" + tail), {"bad.toml:3: quick.repetitions: is a boolean"});
}

TEST_CASE("experiment errors: missing required keys") {
    const std::string tail = "[[problem]]\nid = \"fn.sphere\"\n[[algorithm]]\nid = \"opt.gd\"\n";
    check_message(load_error("seed = 1\n" + tail), {"bad.toml:1: name: missing"});
    check_message(load_error("name = \"x\"\n[[problem]]\nlabel = \"p\"\n[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:2: problem.id: missing"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\n[[algorithm]]\nlabel = \"a\"\n"),
                  {"bad.toml:4: algorithm.id: missing"});
    check_message(load_error("name = \"x\"\n" + tail + "[[metric]]\nparams = {}\n"), {"bad.toml:6: metric.id: missing"});
    check_message(load_error("name = \"x\"\n" + tail + "[[claim]]\nworse = \"opt.gd\"\n"), {"bad.toml:6: claim.better: missing"});
}

TEST_CASE("experiment errors: empty grids") {
    check_message(load_error("name = \"x\"\n[[algorithm]]\nid = \"a\"\n"), {"bad.toml:1: problem: missing", "at least one [[problem]]"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\n"), {"bad.toml:1: algorithm: missing"});
    check_message(load_error("name = \"x\"\nproblem = []\n[[algorithm]]\nid = \"a\"\n"), {"bad.toml:1: problem: missing"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\nparams = { d = [] }\n[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:4: problem.params.d: is an empty list", "expected at least one value"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\n[[algorithm]]\nid = \"a\"\nquick = { lr = [] }\n"),
                  {"bad.toml:6: algorithm.quick.lr: is an empty list"});
    // Absurd grids are refused before anything is allocated.
    check_message(load_error("name = \"x\"\nrepetitions = 1000000\n[[problem]]\nid = \"p\"\nparams = { d = [1, 2] }\n"
                             "[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:1:", "2000000 runs", "expected at most 1000000 runs"});
}

TEST_CASE("experiment errors: labels") {
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\n[[algorithm]]\nid = \"opt.adam\"\n"
                             "[[algorithm]]\nid = \"opt.adam\"\nparams = { lr = 0.1 }\n"),
                  {"bad.toml:6: algorithm.label: 'opt.adam' is already the label of the algorithm at line 4",
                   "expected distinct labels"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\nlabel = \"q\"\n[[problem]]\nid = \"r\"\nlabel = \"q\"\n"
                             "[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:7: problem.label: 'q' is already the label of the problem at line 2"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\nlabel = \"q[1]\"\n[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:4: problem.label:", "without '[' or ']'"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\nlabel = \"\"\n[[algorithm]]\nid = \"a\"\n"),
                  {"bad.toml:4: problem.label: is empty"});
    check_message(load_error("name = \"x\"\n[[problem]]\nid = \"p\"\n[[algorithm]]\nid = \"a\"\n[[metric]]\nid = \"m\"\n"
                             "[[metric]]\nid = \"m\"\n"),
                  {"bad.toml:8: metric.id: 'm' is already listed at line 6"});
}

TEST_CASE("experiment errors: claims that refer to nothing") {
    const std::string base = std::string(kSmall) + "\n[[claim]]\n";  // the claim table starts on line 20
    auto claim = [&](const std::string& body) { return load_error(base + body); };
    check_message(claim("better = \"sgd\"\nworse = \"nag\"\nmetric = \"opt.suboptimality\"\n"),
                  {"bad.toml:21: claim.better: 'sgd' is not an algorithm label of this experiment", "opt.gd or nag"});
    check_message(claim("better = \"opt.gd\"\nworse = \"opt.gd\"\nmetric = \"opt.suboptimality\"\n"),
                  {"bad.toml:22: claim.worse: is the same as better"});
    check_message(claim("better = \"opt.gd\"\nworse = \"nag\"\nmetric = \"opt.grad_norm/grad_norm\"\n"),
                  {"bad.toml:23: claim.metric: 'opt.grad_norm' is not a [[metric]] of this experiment",
                   "opt.suboptimality"});
    check_message(claim("better = \"opt.gd\"\nworse = \"nag\"\n"), {"bad.toml:20: claim.metric: missing"});
    check_message(claim("better = \"opt.gd\"\nworse = \"nag\"\nmetric = \"opt.suboptimality/\"\n"),
                  {"bad.toml:23: claim.metric: has an empty output name"});
    check_message(claim("better = \"opt.gd\"\nworse = \"nag\"\nmetric = \"opt.suboptimality\"\nproblems = [\"rosen\"]\n"),
                  {"bad.toml:24: claim.problems: 'rosen' is not a problem label", "quad or fn.sphere"});
    check_message(claim("better = \"opt.gd\"\nworse = \"nag\"\nmetric = \"opt.suboptimality\"\nwhere = { n = 3 }\n"),
                  {"bad.toml:24: claim.where.n: no selected problem sets this parameter"});
    check_message(claim("better = \"opt.gd\"\nworse = \"nag\"\nmetric = \"opt.suboptimality\"\nwhere = { d = 4 }\n"),
                  {"bad.toml:20: claim: selects no problem instance"});
    check_message(claim("better = \"opt.gd\"\nworse = \"nag\"\nmetric = \"opt.suboptimality\"\naggregate = \"max\"\n"),
                  {"bad.toml:24: claim.aggregate: 'max' is not a known value; expected one of mean or median"});
    check_message(claim("better = \"opt.gd\"\nworse = \"nag\"\nmetric = \"opt.suboptimality\"\nover = \"all\"\n"),
                  {"bad.toml:24: claim.over:", "each or mean"});
    check_message(claim("better = \"opt.gd\"\nworse = \"nag\"\nmetric = \"opt.suboptimality\"\nmargin = -1\n"),
                  {"bad.toml:24: claim.margin: -1 is out of range"});
    check_message(claim("better = \"opt.gd\"\nworse = \"nag\"\nmetric = \"opt.suboptimality\"\nratio = 0.5\n"),
                  {"bad.toml:24: claim.ratio: 0.5 is out of range; expected a number >= 1"});
    // An algorithm with a grid is named by one of its variants.
    const std::string grid = R"(name = "g"
[[problem]]
id = "p"
[[algorithm]]
id = "opt.adam"
label = "adam"
params = { lr = [0.1, 0.01] }
[[algorithm]]
id = "opt.gd"
[[metric]]
id = "m"
[[claim]]
better = "adam"
worse = "opt.gd"
metric = "m"
)";
    check_message(load_error(grid), {"bad.toml:13: claim.better: 'adam' has a grid over lr",
                                     "expected one of its variants: adam[lr=0.1] or adam[lr=0.01]"});
}

TEST_CASE("experiment file: [report] curves and x axes") {
    const char* head = "name = \"r\"\n[[problem]]\nid = \"fn.sphere\"\n[[algorithm]]\nid = \"opt.gd\"\n";
    const auto e = load_text(std::string(head) + "[report]\ncurves = [\"objective\", \"grad_norm\"]\n"
                                                 "x = [\"iterations\", \"units:gradient\"]\nlinear_x = true\n");
    CHECK(e.report.curves == std::vector<std::string>{"objective", "grad_norm"});
    CHECK(e.report.x_axes == std::vector<std::string>{"iterations", "units:gradient"});
    CHECK(e.report.linear_x);
    check_message(load_error(std::string(head) + "[report]\nlinear_x = 1\n"), {"report.linear_x", "true or false"});
    check_message(load_error(std::string(head) + "[report]\nx = [\"units:\"]\n"),
                  {"bad.toml:7", "report.x", "'units:' is not a known axis"});
    check_message(load_error(std::string(head) + "[report]\ncurve = [\"objective\"]\n"), {"bad.toml:7", "report.curve"});
    check_message(load_error(std::string(head) + "[report]\nx = []\n"), {"report.x", "a non-empty list of strings"});
}
