// Fuzzing the experiment parser: thousands of mutated experiment files (byte flips, deletions,
// duplications, inserted TOML tokens, swapped value types), from a fixed seed. Each one either
// loads, or fails with a UsageError that names the file — never another exception, never a
// crash. Files that load are also expanded against the built plugins (when small), with the
// same rule.
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>
#include <tessera/kit/rng.hpp>

#include "claims.hpp"
#include "engine_util.hpp"

using namespace tsr::host;
using namespace enginetest;

namespace {

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const char* kWithClaims = R"(name = "fuzz"
description = "seeds, budgets, trace, grids, labels, quick, claims"
seeds = [3, 1, 4]
[budget]
max_evals = 300
max_seconds = 1.5
[trace]
every = 2
log_points = 0
[[problem]]
id = "fn.quadratic"
label = "quad"
params = { d = [2, 3], cond = 10.0 }
quick = { d = [2] }
[[problem]]
id = "logreg.synthetic"
label = "logreg"
params = { n = 20, d = 2 }
[[algorithm]]
id = "opt.adam"
label = "adam"
params = { lr = [0.1, 0.01] }
budget = { max_evals = 100, max_iterations = 10 }
problems = ["logreg"]
[[algorithm]]
id = "opt.lbfgs"
[[algorithm]]
id = "opt.gd"
label = "gd"
params.tol = 1e-6
[[metric]]
id = "opt.time_to_target"
params = { target = 1e-3, mode = "relative" }
[[metric]]
id = "opt.suboptimality"
[[claim]]
text = "lbfgs beats gd"
better = "opt.lbfgs"
worse = "gd"
metric = "opt.suboptimality/suboptimality"
aggregate = "median"
margin = 0.0
ratio = 1.0
problems = ["quad"]
where = { d = [2, 3] }
over = "each"
[quick]
repetitions = 2
budget = { max_evals = 50 }
)";

// Pieces of TOML to splice in: structure, quoting, odd numbers, odd bytes.
const std::vector<std::string> kTokens = {
    "[[", "]]", "[", "]", "{", "}", "=", ",", ".", "\"", "'", "'''", "\"\"\"", "#", "\n", "\r\n", " ", "\t", "0",
    "-1", "1e400", "-0.0", "nan", "inf", "-inf", "true", "false", "[]", "{}", "[[]]", "9223372036854775808",
    "0x7fffffffffffffff", "1979-05-27T07:32:00Z", "07:32:00", "\\u0000", "\\", "\xff", "\xc3\x28", std::string(1, '\0'),
    "[[problem]]\n", "[[algorithm]]\n", "[[metric]]\n", "[[claim]]\n", "[quick]\n", "[budget]\n", "[trace]\n",
    "id = \"fn.sphere\"\n", "label = \"x\"\n", "params = { d = [] }\n", "seeds = []\n", "repetitions = 0\n",
    "better = \"gd\"\n", "where = { d = 9 }\n", "problems = [\"nope\"]\n", "metric = \"opt.suboptimality/\"\n",
    "budget = { max_evals = -5 }\n", "params.x.y = 1\n", "a.b.c.d = { e = [[1]] }\n"};

// A value of another type, for the text after '='.
const std::vector<std::string> kValues = {"1", "-7", "0.5", "1e-300", "\"text\"", "true", "[1, 2]", "[\"a\", \"b\"]",
                                          "{ k = 1 }", "[]", "[[1], [2]]", "1979-05-27", "[1, \"x\"]", "\"\""};

std::string mutate(std::string s, tsr::kit::Rng& rng) {
    const int n = 1 + static_cast<int>(rng.below(4));
    for (int m = 0; m < n; ++m) {
        const size_t size = s.size();
        const size_t at = size ? rng.below(size) : 0;
        const size_t len = 1 + rng.below(std::min<size_t>(40, size ? size : 1));
        switch (rng.below(6)) {
            case 0:  // flip bits of a byte
                if (size) s[at] = static_cast<char>(s[at] ^ static_cast<char>(1u << rng.below(8)));
                break;
            case 1:  // delete a range
                s.erase(at, len);
                break;
            case 2:  // duplicate a range (a line, a table, half a key)
                s.insert(at, s.substr(rng.below(size ? size : 1), len));
                break;
            case 3:  // insert a token
                s.insert(at, kTokens[rng.below(kTokens.size())]);
                break;
            case 4: {  // swap a value for one of another type
                const size_t eq = s.find('=', at);
                if (eq == std::string::npos) break;
                size_t end = s.find('\n', eq);
                if (end == std::string::npos) end = s.size();
                s.replace(eq + 1, end - eq - 1, " " + kValues[rng.below(kValues.size())]);
                break;
            }
            default: {  // swap two lines
                std::vector<std::string> lines;
                std::istringstream in(s);
                for (std::string l; std::getline(in, l);) lines.push_back(l);
                if (lines.size() < 2) break;
                std::swap(lines[rng.below(lines.size())], lines[rng.below(lines.size())]);
                s.clear();
                for (const auto& l : lines) s += l + "\n";
            }
        }
    }
    return s;
}

double planned_runs(const Experiment& e) {
    double pairs = 0;
    for (const ProblemEntry& p : e.problems)
        for (const AlgorithmEntry& a : e.algorithms)
            if (a.runs_on(p.label)) {
                double n = 1;
                for (const ParamSpec& s : p.params) n *= static_cast<double>(s.values.size());
                for (const ParamSpec& s : a.params) n *= static_cast<double>(s.values.size());
                pairs += n;
            }
    return pairs * static_cast<double>(e.repetitions);
}

}  // namespace

TEST_CASE("fuzz: mutated experiment files load or fail with a UsageError naming the file") {
    std::vector<std::string> seeds = {kSmall, kWithClaims};
    const fs::path quickstart = fs::path(TESSERA_SOURCE_DIR) / "configs" / "quickstart.toml";
    REQUIRE(fs::exists(quickstart));
    seeds.push_back(read_text(quickstart));
    // The unmutated files load and expand.
    for (const std::string& s : seeds) {
        const Experiment e = load_text(s, false, "seed.toml");
        CHECK_FALSE(expand(e, plugins()).empty());
        CHECK_FALSE(expand(load_text(s, true, "seed.toml"), plugins()).empty());
    }

    tsr::kit::Rng rng(20240607);
    int loaded = 0, refused = 0, expanded = 0, expand_refused = 0;
    const int kIterations = 3000;
    for (int i = 0; i < kIterations; ++i) {
        const std::string text = mutate(seeds[static_cast<size_t>(i) % seeds.size()], rng);
        const std::string name = "fuzz-" + std::to_string(i % 7) + ".toml";
        const bool quick = i % 2 == 1;
        try {
            const Experiment e = load_text(text, quick, name);
            ++loaded;
            for (const Claim& c : e.claims) CHECK_FALSE(claim_instances(e, c).empty());
            if (planned_runs(e) > 2000) continue;
            try {
                const auto plan = expand(e, plugins());
                ++expanded;
                CHECK(describe_plan(plan).find("run") != std::string::npos);
                evaluate_claims(e, {});
            } catch (const UsageError& err) {
                ++expand_refused;
                const std::string msg = err.what();
                if (msg.find(name) == std::string::npos) FAIL_CHECK("expand: no file name in: " << msg << "\n---\n" << text);
            }
        } catch (const UsageError& err) {
            ++refused;
            const std::string msg = err.what();
            if (msg.find(name) == std::string::npos) FAIL_CHECK("no file name in: " << msg << "\n---\n" << text);
        } catch (const std::exception& err) {
            FAIL_CHECK("not a UsageError: " << err.what() << "\n---\n" << text);
        } catch (...) {
            FAIL_CHECK("an unknown exception\n---\n" << text);
        }
    }
    MESSAGE("fuzz: " << loaded << " loaded (" << expanded << " expanded, " << expand_refused << " refused by expand), "
                     << refused << " refused of " << kIterations);
    // The mutations exercise both outcomes.
    CHECK(loaded > 100);
    CHECK(refused > 1000);
}
