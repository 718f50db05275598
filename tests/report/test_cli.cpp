// `tessera report` as a command, on a store written by the test.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "errors.hpp"
#include "report/gnuplot.hpp"
#include "store.hpp"
#include "synthetic.hpp"

namespace tsr::host::cli {
int cmd_report(const std::vector<std::string>& args);
}

using namespace tsr::host;
using namespace reporttest;

namespace {

// Runs cmd_report with standard output and error captured.
struct Outcome {
    int status = -1;
    std::string out, err;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

Outcome tessera_report(const std::vector<std::string>& args) {
    const fs::path out = temp_dir() / "stdout.txt", err = temp_dir() / "stderr.txt";
    std::fflush(stdout);
    std::fflush(stderr);
    const int saved_out = ::dup(1), saved_err = ::dup(2);
    const int fo = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int fe = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fo, 1);
    ::dup2(fe, 2);
    Outcome o;
    auto restore = [&] {
        std::fflush(stdout);
        std::fflush(stderr);
        ::dup2(saved_out, 1);
        ::dup2(saved_err, 2);
        ::close(fo);
        ::close(fe);
        ::close(saved_out);
        ::close(saved_err);
    };
    try {
        o.status = cli::cmd_report(args);
    } catch (...) {
        restore();
        throw;
    }
    restore();
    o.out = slurp(out);
    o.err = slurp(err);
    return o;
}

const fs::path& store_file() {
    static const fs::path file = [] {
        const fs::path f = temp_dir() / "bench.db";
        Store s(f);
        for (const RunResult& r : benchmark(3, 50)) s.save(r);
        return f;
    }();
    return file;
}

}  // namespace

TEST_CASE("tessera report STORE prints a table per instance") {
    const Outcome o = tessera_report({store_file().string(), "--color", "never"});
    CHECK(o.status == 0);
    CHECK(o.out.find("quadratic[cond=100]  ·  9 runs") != std::string::npos);
    CHECK(o.out.find("rosenbrock[d=10]") != std::string::npos);
    CHECK(o.out.find("2 ok, 1 crashed") != std::string::npos);
    CHECK(o.out.find("suboptimality ↓") != std::string::npos);
    CHECK(o.out.find("accuracy ↑") != std::string::npos);
    CHECK(o.out.find(" *") != std::string::npos);
    CHECK(o.out.find('\x1b') == std::string::npos);
    CHECK(o.err.empty());
}

TEST_CASE("tessera report --html --png --median --metric --group-by") {
    const fs::path html = temp_dir() / "cli.html", png = temp_dir() / "cli-png";
    const Outcome o = tessera_report({store_file().string(), "--html", html.string(), "--png", png.string(), "--median",
                              "--metric", "suboptimality,accuracy", "--group-by", "problem", "--color", "always"});
    CHECK(o.status == 0);
    CHECK(o.out.find("quadratic  ·  18 runs") != std::string::npos);
    CHECK(o.out.find("evals_to_target") == std::string::npos);
    CHECK(o.out.find("median [25%, 75% quantiles]") != std::string::npos);
    CHECK(o.out.find("\x1b[1m") != std::string::npos);
    CHECK(fs::exists(html));
    CHECK(o.err.find("wrote " + html.string()) != std::string::npos);
    const std::string page = slurp(html);
    CHECK(page.find("</html>") != std::string::npos);
    if (tsr::host::report::gnuplot_version("gnuplot")) {
        CHECK(page.find("<svg") != std::string::npos);
        CHECK(!fs::is_empty(png));
    }
}

TEST_CASE("tessera report: a missing store, a bad option value, an unknown metric") {
    const fs::path missing = temp_dir() / "missing.db";
    CHECK_THROWS_WITH_AS(tessera_report({missing.string()}), doctest::Contains("no results store at"), UsageError);
    CHECK(!fs::exists(missing));  // not created by the attempt
    const fs::path junk = temp_dir() / "junk.db";
    std::ofstream(junk) << "not a database";
    CHECK_THROWS_AS(tessera_report({junk.string()}), UsageError);
    CHECK_THROWS_WITH_AS(tessera_report({store_file().string(), "--group-by", "seed"}),
                         doctest::Contains("instance, problem, experiment or all"), UsageError);
    CHECK_THROWS_WITH_AS(tessera_report({store_file().string(), "--metric", "nope"}), doctest::Contains("m.cost/suboptimality"),
                         UsageError);
    CHECK_THROWS_WITH_AS(tessera_report({store_file().string(), "--color", "sometimes"}), doctest::Contains("--color"),
                         UsageError);
    CHECK_THROWS_AS(tessera_report({}), UsageError);
    CHECK(tessera_report({"--help"}).status == 0);
}

TEST_CASE("tessera report on an empty store says so") {
    const fs::path empty = temp_dir() / "empty.db";
    { Store s(empty); }
    const Outcome o = tessera_report({empty.string()});
    CHECK(o.status == 0);
    CHECK(o.err.find("holds no runs") != std::string::npos);
}
