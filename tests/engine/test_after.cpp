// Runs that continue another run (`after = "LABEL"`): the file format's checks, the run keys, and
// a bench where TOPO post-processes NOTEARS' output through tsr_run_context.inputs.
#include <doctest/doctest.h>

#include "bench.hpp"
#include "engine_util.hpp"

using namespace tsr::host;
using namespace enginetest;

namespace {

const char* kHeader = "name = \"chain\"\nseed = 3\nrepetitions = 2\n[[problem]]\nid = \"sem.linear\"\nlabel = \"sem\"\n"
                      "params = { n = 200, d = [5, 6] }\n";

bool has_causal() { return plugins().find("topo.swaps") && plugins().find("dag.notears"); }

}  // namespace

TEST_CASE("after: names another entry, and chains end") {
    const std::string base = std::string(kHeader) + "[[algorithm]]\nid = \"dag.notears\"\nlabel = \"notears\"\n";
    check_message(load_error(base + "[[algorithm]]\nid = \"topo.swaps\"\nafter = \"dagma\"\n"),
                  {"algorithm.after: 'dagma' is not the label of an algorithm", "'notears'"});
    check_message(load_error(base + "[[algorithm]]\nid = \"topo.swaps\"\nafter = \"topo.swaps\"\n"),
                  {"algorithm.after: names the entry itself"});
    check_message(load_error(std::string(kHeader) + "[[algorithm]]\nid = \"topo.swaps\"\nlabel = \"a\"\nafter = \"b\"\n"
                                                    "[[algorithm]]\nid = \"topo.swaps\"\nlabel = \"b\"\nafter = \"a\"\n"),
                  {"algorithm.after: makes a cycle"});
    // a bad label two hops down a chain is reported, not followed
    check_message(load_error(std::string(kHeader) + "[[algorithm]]\nid = \"topo.swaps\"\nlabel = \"a\"\nafter = \"b\"\n"
                                                    "[[algorithm]]\nid = \"topo.swaps\"\nlabel = \"b\"\nafter = \"nope\"\n"),
                  {"algorithm.after: 'nope' is not the label of an algorithm"});
}

TEST_CASE("after: the run to continue is the source entry's run on the same instance and seed") {
    if (!has_causal()) return;
    const std::string text = std::string(kHeader) +
                             "[[algorithm]]\nid = \"dag.notears\"\nlabel = \"notears\"\n"
                             "[[algorithm]]\nid = \"topo.swaps\"\nlabel = \"topo+notears\"\nafter = \"notears\"\n"
                             "params = { init = \"from_run\" }\n"
                             "[[algorithm]]\nid = \"topo.swaps\"\nlabel = \"topo\"\nparams = { init = \"from_run\" }\n";
    const auto plan = expand(load_text(text), plugins());
    REQUIRE(plan.size() == 2 * 3 * 2);
    size_t chained = 0;
    for (const PlannedRun& p : plan) {
        if (p.labels.algorithm != "topo+notears") {
            CHECK(p.after_key.empty());
            continue;
        }
        ++chained;
        bool found = false;
        for (const PlannedRun& q : plan)
            found = found || (q.key == p.after_key && q.labels.algorithm == "notears" && q.labels.instance == p.labels.instance &&
                              q.request.seed == p.request.seed);
        CHECK(found);
    }
    CHECK(chained == 4);
    // A grid on the source is refused: a run must have one run to continue.
    check_message(
        [&] {
            try {
                expand(load_text(std::string(kHeader) +
                                 "[[algorithm]]\nid = \"dag.notears\"\nlabel = \"notears\"\nparams = { lambda1 = [0.1, 0.2] }\n"
                                 "[[algorithm]]\nid = \"topo.swaps\"\nafter = \"notears\"\n"),
                       plugins());
            } catch (const UsageError& e) {
                return std::string(e.what());
            }
            return std::string();
        }(),
        {"algorithm.after: 'notears' has a parameter grid (2 points)"});
}

TEST_CASE("after: a bench hands the source run's W to the continuing run, and only to it") {
    if (!has_causal()) return;
    const fs::path file = write_file("chain.toml", std::string(kHeader) +
                                                       "[[algorithm]]\nid = \"dag.notears\"\nlabel = \"notears\"\n"
                                                       "[[algorithm]]\nid = \"topo.swaps\"\nlabel = \"topo+notears\"\n"
                                                       "after = \"notears\"\nparams = { init = \"from_run\" }\n"
                                                       "[[algorithm]]\nid = \"topo.swaps\"\nlabel = \"orphan\"\n"
                                                       "params = { init = \"from_run\" }\n");
    BenchRequest req;
    req.experiment_file = file.string();
    req.out = (temp_dir() / "chain.db").string();
    fs::remove(req.out);
    req.backend = "threads";
    req.quiet = true;
    req.options.jobs = 2;
    req.plugin_paths = {TESSERA_TEST_PLUGIN_DIR};
    const BenchOutcome out = run_bench(req);
    REQUIRE(out.runs.size() == 12);
    for (const RunResult& r : out.runs) {
        INFO(r.labels.algorithm << " " << r.labels.instance << ": " << r.error);
        if (r.labels.algorithm == "orphan") {
            CHECK(r.status == RunStatus::error);
            CHECK(r.error.find("continues no run") != std::string::npos);
        } else {
            CHECK(r.status == RunStatus::ok);
        }
    }
    // One shard of a fresh store: a continuation whose source ran in the other shard is an error
    // that says so, not a run without its inputs.
    size_t missing = 0;
    for (const char* shard : {"0/3", "1/3", "2/3"}) {  // 3 shards split the 2-repetition chains
        req.shard = shard;
        req.out = (temp_dir() / (std::string("chain-shard") + shard[0] + ".db")).string();  // a store per shard
        fs::remove(req.out);
        const BenchOutcome part = run_bench(req);
        for (const RunResult& r : part.runs) {
            if (r.labels.algorithm != "topo+notears" || r.status == RunStatus::ok) continue;
            INFO(r.labels.instance << ": " << r.error);
            CHECK(r.status == RunStatus::error);
            CHECK(r.error.find("is not stored") != std::string::npos);
            ++missing;
        }
    }
    CHECK(missing > 0);
}
