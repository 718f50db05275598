// tessera validate LIBRARY — conformance checks of one plugin library (see validate.hpp).
#include <filesystem>

#include <fmt/format.h>

#include "../errors.hpp"
#include "../table.hpp"
#include "../validate.hpp"
#include "command.hpp"

namespace tsr::host::cli {

int cmd_validate(const std::vector<std::string>& args) {
    po::options_description d("tessera validate");
    std::string library;
    std::vector<std::string> paths;
    d.add_options()("help,h", "show this help")("library", po::value(&library)->required(),
                                                "plugin library file (.so)")("verbose,v", "show passing checks too");
    add_plugin_options(d, paths);
    po::positional_options_description pos;
    pos.add("library", 1);
    po::variables_map vm;
    if (!parse(args, d, pos, vm, "tessera validate LIBRARY.so")) return 0;
    namespace fs = std::filesystem;
    if (!fs::is_regular_file(library)) throw UsageError(fmt::format("'{}' is not a file; give the path of a plugin .so", library));
    const std::string abs = fs::weakly_canonical(fs::absolute(library)).string();

    Registry reg;
    if (!reg.load(abs)) {
        fmt::print("FAIL  {}: {}\n", abs, reg.problems().back().reason);
        return 1;
    }
    const tsr_plugin_desc* desc = reg.libraries().front()->desc;
    fmt::print("plugin '{}' {} (ABI {}.{}), {} components — {}\n", desc->name, desc->version, desc->abi_major,
               desc->abi_minor, desc->n_components, abs);
    load_registry(reg, paths, false);  // installed problems to run algorithms and metrics on
    const auto checks = validate_library(reg, abs);
    Table t({"result", "component", "check", "detail"});
    int fails = 0, skips = 0;
    for (const auto& c : checks) {
        fails += c.result == Check::fail;
        skips += c.result == Check::skip;
        if (c.result == Check::pass && !vm.count("verbose")) continue;
        t.add({c.result == Check::pass ? "pass" : c.result == Check::fail ? "FAIL" : "skip", c.component, c.name,
               c.detail});
    }
    if (!t.empty()) fmt::print("\n{}", t.render());
    fmt::print("\n{} checks: {} passed, {} failed, {} skipped\n", checks.size(),
               checks.size() - static_cast<size_t>(fails + skips), fails, skips);
    return fails ? 1 : 0;
}

}  // namespace tsr::host::cli
