// Grid expansion against the built plugins: counts, order, labels, seeds, budgets, run keys, and
// the registry checks that happen before anything runs.
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <set>

#include <doctest/doctest.h>
#include <tessera/kit/rng.hpp>

#include "engine_util.hpp"

using namespace tsr::host;
using namespace enginetest;

namespace {

std::string expand_error(const std::string& text, const std::string& name = "bad.toml") {
    try {
        expand(load_text(text, false, name), plugins());
    } catch (const UsageError& e) {
        return e.what();
    }
    return "";
}

std::string param(const KeyValues& kv, const std::string& name) {
    for (const auto& [k, v] : kv)
        if (k == name) return v;
    return "(none)";
}

}  // namespace

TEST_CASE("expand: the cartesian product, in a fixed order") {
    const std::string text = R"(name = "grid"
repetitions = 3
[[problem]]
id = "fn.quadratic"
label = "quad"
params = { d = [2, 3], cond = [10, 100] }
[[problem]]
id = "fn.sphere"
[[algorithm]]
id = "opt.lbfgs"
label = "lbfgs"
params = { m = [3, 5, 7] }
[[algorithm]]
id = "opt.gd"
[[metric]]
id = "opt.suboptimality"
)";
    const auto plan = expand(load_text(text), plugins());
    // (4 + 1) instances x (3 + 1) variants x 3 repetitions
    REQUIRE(plan.size() == 60);
    for (size_t i = 0; i < plan.size(); ++i) CHECK(plan[i].index == i);
    // Problems slowest, then problem grid (first parameter by name slowest), algorithms, their
    // grid, repetitions fastest.
    CHECK(plan[0].labels.instance == "quad[cond=10,d=2]");
    CHECK(plan[0].labels.algorithm == "lbfgs[m=3]");
    CHECK(plan[0].labels.repetition == 0);
    CHECK(plan[1].labels.repetition == 1);
    CHECK(plan[2].labels.repetition == 2);
    CHECK(plan[3].labels.algorithm == "lbfgs[m=5]");
    CHECK(plan[6].labels.algorithm == "lbfgs[m=7]");
    CHECK(plan[9].labels.algorithm == "opt.gd");
    CHECK(plan[12].labels.instance == "quad[cond=10,d=3]");
    CHECK(plan[24].labels.instance == "quad[cond=100,d=2]");
    CHECK(plan[48].labels.instance == "fn.sphere");  // no axes: the label alone
    CHECK(plan[48].labels.problem == "fn.sphere");
    CHECK(plan[0].labels.problem == "quad");
    CHECK(plan[0].labels.experiment == "grid");
    // The request carries the point's parameters, ids, metrics.
    CHECK(plan[0].request.problem == "fn.quadratic");
    CHECK(param(plan[0].request.problem_params, "d") == "2");
    CHECK(param(plan[0].request.problem_params, "cond") == "10");
    CHECK(plan[0].request.algorithm == "opt.lbfgs");
    CHECK(param(plan[3].request.algorithm_params, "m") == "5");
    REQUIRE(plan[0].request.metrics.size() == 1);
    CHECK(plan[0].request.metrics[0].id == "opt.suboptimality");
    // Same input, same plan.
    const auto again = expand(load_text(text), plugins());
    for (size_t i = 0; i < plan.size(); ++i) {
        CHECK(again[i].key == plan[i].key);
        CHECK(again[i].labels.instance == plan[i].labels.instance);
    }
    const std::string described = describe_plan(plan);
    CHECK(described.find("60 runs (5 problem instances, 4 algorithm variants, 3 repetitions)") != std::string::npos);
    CHECK(described.find("quad[cond=100,d=3]") != std::string::npos);
    CHECK(std::count(described.begin(), described.end(), '\n') >= 61);
}

TEST_CASE("expand: fixed parameters do not enter labels; a one-value list is an axis") {
    const auto plan = expand(load_text(R"(name = "l"
[[problem]]
id = "fn.quadratic"
label = "q"
params = { d = 4, cond = [10] }
[[algorithm]]
id = "opt.gd"
label = "gd"
params = { tol = 1e-9 }
)"),
                             plugins());
    REQUIRE(plan.size() == 1);
    CHECK(plan[0].labels.instance == "q[cond=10]");
    CHECK(plan[0].labels.algorithm == "gd");
}

TEST_CASE("expand: one seed per repetition, the same for every algorithm and instance") {
    const auto plan = expand(load_text(kSmall), plugins());
    REQUIRE(plan.size() == 3 * 2 * 2);
    const Experiment e = load_text(kSmall);
    std::map<int64_t, std::set<uint64_t>> seeds;
    for (const PlannedRun& p : plan) seeds[p.labels.repetition].insert(p.request.seed);
    REQUIRE(seeds.size() == 2);
    CHECK(seeds[0].size() == 1);
    CHECK(seeds[1].size() == 1);
    CHECK(*seeds[0].begin() != *seeds[1].begin());
    CHECK(*seeds[0].begin() == tsr::kit::mix_seed(7, 0));
    CHECK(*seeds[1].begin() == tsr::kit::mix_seed(7, 1));
    // Explicit seeds are used as given.
    std::string text = kSmall;
    text.replace(text.find("repetitions = 2"), 15, "seeds = [5, 9]");
    for (const PlannedRun& p : expand(load_text(text), plugins())) CHECK(p.request.seed == (p.labels.repetition == 0 ? 5u : 9u));
}

TEST_CASE("expand: budgets, per experiment and overridden per algorithm key by key") {
    const auto plan = expand(load_text(R"(name = "b"
[budget]
max_evals = 100
max_seconds = 5
[[problem]]
id = "fn.sphere"
[[algorithm]]
id = "opt.gd"
[[algorithm]]
id = "opt.nesterov"
budget = { max_evals = 7, max_iterations = 3 }
)"),
                             plugins());
    REQUIRE(plan.size() == 2);
    CHECK(plan[0].request.budget.max_evals == 100);
    CHECK(plan[0].request.budget.max_iterations == 0);
    CHECK(plan[0].request.budget.max_seconds == 5);
    CHECK(plan[1].request.budget.max_evals == 7);
    CHECK(plan[1].request.budget.max_iterations == 3);
    CHECK(plan[1].request.budget.max_seconds == 5);
    CHECK(describe_plan(plan).find("7 evals, 3 iterations, 5 s") != std::string::npos);
}

TEST_CASE("expand: run keys are stable and sensitive to every input") {
    auto keys = [](const std::string& text) {
        std::vector<std::string> out;
        for (const PlannedRun& p : expand(load_text(text), plugins())) out.push_back(p.key);
        return out;
    };
    const auto base = keys(kSmall);
    CHECK(base == keys(kSmall));
    CHECK(std::set<std::string>(base.begin(), base.end()).size() == base.size());  // all distinct
    for (const std::string& k : base) CHECK(k.size() == 64);
    auto changed = [&](const std::string& from, const std::string& to) {
        std::string text = kSmall;
        REQUIRE(text.find(from) != std::string::npos);
        text.replace(text.find(from), from.size(), to);
        return keys(text);
    };
    // Labels and the experiment name are not part of the computation.
    CHECK(changed("name = \"small\"", "name = \"other\"") == base);
    CHECK(changed("label = \"nag\"", "label = \"accelerated\"") == base);
    // Writing a default explicitly is the same computation.
    CHECK(changed("id = \"opt.nesterov\"", "id = \"opt.nesterov\"\nparams = { restart = true }")[3] == base[3]);
    // Anything that changes the computation changes every affected key.
    auto all_differ = [&](const std::vector<std::string>& other) {
        REQUIRE(other.size() == base.size());
        for (size_t i = 0; i < base.size(); ++i) CHECK(other[i] != base[i]);
    };
    all_differ(changed("seed = 7", "seed = 8"));
    all_differ(changed("max_evals = 200", "max_evals = 201"));
    all_differ(changed("id = \"opt.suboptimality\"", "id = \"opt.suboptimality\"\n[[metric]]\nid = \"opt.grad_norm\""));
    const auto sphere = changed("id = \"fn.sphere\"", "id = \"fn.sphere\"\nparams = { shift = 0.5 }");
    for (size_t i = 0; i < base.size(); ++i) CHECK((sphere[i] != base[i]) == (i >= 8));  // only the sphere runs
    const auto gd = changed("id = \"opt.gd\"", "id = \"opt.gd\"\nparams = { tol = 1e-3 }");
    for (size_t i = 0; i < base.size(); ++i) CHECK((gd[i] != base[i]) == (i % 4 < 2));  // only gd's runs
}

TEST_CASE("expand: two entries that are the same computation are refused") {
    check_message(expand_error(R"(name = "dup"
[[problem]]
id = "fn.sphere"
[[algorithm]]
id = "opt.gd"
[[algorithm]]
id = "opt.gd"
label = "gd-again"
params = { tol = 1e-10 }
)"),
                  {"bad.toml:6: algorithm 'gd-again' on problem 'fn.sphere' (repetition 0) is the same computation as "
                   "algorithm 'opt.gd'"});
}

TEST_CASE("expand: unknown ids, bad parameters and incompatible pairs name the entry's line") {
    const std::string head = "name = \"x\"\n";
    check_message(expand_error(head + "[[problem]]\nid = \"fn.quadratc\"\n[[algorithm]]\nid = \"opt.gd\"\n"),
                  {"bad.toml:2: ", "fn.quadratc", "fn.quadratic"});
    check_message(expand_error(head + "[[problem]]\nid = \"fn.sphere\"\n[[algorithm]]\nid = \"opt.gd\"\n"
                                      "[[algorithm]]\nid = \"opt.lbgfs\"\n"),
                  {"bad.toml:6: ", "opt.lbgfs", "opt.lbfgs"});
    check_message(expand_error(head + "[[problem]]\nid = \"fn.quadratic\"\nlabel = \"q\"\nparams = { d = [3, -1] }\n"
                                      "[[algorithm]]\nid = \"opt.gd\"\n"),
                  {"bad.toml:2: problem 'q[d=-1]': params: ", "d = '-1'", "out of range"});
    check_message(expand_error(head + "[[problem]]\nid = \"fn.sphere\"\n[[algorithm]]\nid = \"opt.gd\"\nparams = { stepp = 1 }\n"),
                  {"bad.toml:4: algorithm 'opt.gd': params: ", "stepp", "step0"});
    check_message(expand_error(head + "[[problem]]\nid = \"fn.sphere\"\n[[algorithm]]\nid = \"opt.sgd\"\n"),
                  {"bad.toml:4: algorithm 'opt.sgd' on problem 'fn.sphere': ", "needs", "tsr.finite_sum.v1"});
    check_message(expand_error(head + "[[problem]]\nid = \"fn.sphere\"\n[[algorithm]]\nid = \"opt.gd\"\n"
                                      "[[metric]]\nid = \"opt.time_to_target\"\nparams = { target = -1 }\n"),
                  {"bad.toml:6: metric 'opt.time_to_target': params: ", "target"});
    check_message(expand_error(head + "[[problem]]\nid = \"fn.sphere\"\n[[algorithm]]\nid = \"opt.gd\"\n"
                                      "[[metric]]\nid = \"opt.nope\"\n"),
                  {"bad.toml:6: ", "opt.nope"});
    check_message(expand_error(head + "[[problem]]\nid = \"opt.gd\"\n[[algorithm]]\nid = \"opt.gd\"\n"), {"bad.toml:2: "});
}

TEST_CASE("expand: a claim's metric output must exist and have a direction") {
    const std::string base = std::string(kSmall) + "[[metric]]\nid = \"opt.time_to_target\"\n[[claim]]\nbetter = \"opt.gd\"\nworse = \"nag\"\n";
    check_message(expand_error(base + "metric = \"opt.suboptimality/nope\"\n"),
                  {"bad.toml:21: claim.metric: 'opt.suboptimality/nope' is not an output of the metric",
                   "opt.suboptimality/suboptimality"});
    check_message(expand_error(base + "metric = \"opt.time_to_target\"\n"),
                  {"bad.toml:21: claim.metric: 'opt.time_to_target' names a metric with several outputs",
                   "opt.time_to_target/evals_to_target"});
    CHECK(expand_error(base + "metric = \"opt.time_to_target/evals_to_target\"\n").empty());
}

TEST_CASE("expand: --quick reduces the plan") {
    const std::string text = std::string(kSmall) + "[quick]\nrepetitions = 1\nbudget = { max_evals = 20 }\n";
    const auto full = expand(load_text(text), plugins());
    const auto quick = expand(load_text(text, true), plugins());
    CHECK(full.size() == 12);
    CHECK(quick.size() == 6);
    for (const PlannedRun& p : quick) CHECK(p.request.budget.max_evals == 20);
    // The quick runs are other computations (smaller budget), so other keys.
    std::set<std::string> full_keys;
    for (const PlannedRun& p : full) full_keys.insert(p.key);
    for (const PlannedRun& p : quick) CHECK(full_keys.count(p.key) == 0);
}

TEST_CASE("expand: the example of configs/README.md loads and expands, with and without --quick") {
    std::ifstream in(fs::path(TESSERA_SOURCE_DIR) / "configs" / "README.md");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string md = ss.str();
    const size_t begin = md.find("```toml\n");
    REQUIRE(begin != std::string::npos);
    const size_t end = md.find("```", begin + 8);
    REQUIRE(end != std::string::npos);
    const std::string example = md.substr(begin + 8, end - begin - 8);
    const auto full = expand(load_text(example, false, "readme.toml"), plugins());
    // quadratic[d=20], quadratic[d=50], logreg; lbfgs and gd on all, adam (2 variants) on logreg; 5 seeds
    CHECK(full.size() == (3 * 2 + 2) * 5);
    const Experiment quick = load_text(example, true, "readme.toml");
    CHECK(expand(quick, plugins()).size() == (3 * 2 + 1) * 2);
    CHECK(quick.problems[0].params[0].values == std::vector<std::string>{"100"});
    CHECK(quick.algorithms[2].budget.max_evals == 2000);
}
