// tests/engine/engine_util.hpp — what the engine tests share: experiment files written to a
// temporary folder, the registry of the plugins built beside the tests, and a check that a
// UsageError says what it should.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>

#include <doctest/doctest.h>
#include <unistd.h>

#include "errors.hpp"
#include "experiment.hpp"
#include "registry.hpp"
#include "../common/temp_dir.hpp"

namespace enginetest {

namespace fs = std::filesystem;

inline const fs::path& temp_dir() { return tsrtest::temp_dir("engine-tests"); }

// Writes `text` into a new file `name` in the temp folder and returns its path. An existing file
// is removed first: truncating and rewriting makes ext4 flush on close (auto_da_alloc), which
// turns the fuzz test's thousands of writes from milliseconds into seconds.
inline fs::path write_file(const std::string& name, const std::string& text) {
    const fs::path p = temp_dir() / name;
    std::error_code ec;
    fs::remove(p, ec);
    std::ofstream(p, std::ios::binary) << text;
    return p;
}

inline tsr::host::Experiment load_text(const std::string& text, bool quick = false, const std::string& name = "exp.toml") {
    return tsr::host::load_experiment(write_file(name, text), quick);
}

// The message of the UsageError that loading `text` throws ("" when it loads).
inline std::string load_error(const std::string& text, bool quick = false, const std::string& name = "bad.toml") {
    try {
        load_text(text, quick, name);
    } catch (const tsr::host::UsageError& e) {
        return e.what();
    }
    return "";
}

// Every fragment occurs in `message`.
inline void check_message(const std::string& message, std::initializer_list<std::string> fragments) {
    INFO("message: " << message);
    CHECK(!message.empty());
    for (const std::string& f : fragments) {
        INFO("fragment: " << f);
        CHECK(message.find(f) != std::string::npos);
    }
}

// The plugins built in this tree (baselines and any others), scanned once.
inline const tsr::host::Registry& plugins() {
    static const tsr::host::Registry& reg = [&]() -> const tsr::host::Registry& {
        static tsr::host::Registry r;
        r.scan({fs::path(TESSERA_TEST_PLUGIN_DIR)});
        return r;
    }();
    REQUIRE_MESSAGE(reg.find("opt.gd") != nullptr, "the baseline plugins are not built in " TESSERA_TEST_PLUGIN_DIR);
    return reg;
}

// The experiment header every test file uses: two problems, two algorithms, one metric.
inline const char* kSmall = R"(name = "small"
seed = 7
repetitions = 2
[budget]
max_evals = 200
[[problem]]
id = "fn.quadratic"
label = "quad"
params = { d = [2, 3] }
[[problem]]
id = "fn.sphere"
[[algorithm]]
id = "opt.gd"
[[algorithm]]
id = "opt.nesterov"
label = "nag"
[[metric]]
id = "opt.suboptimality"
)";

}  // namespace enginetest
