// tessera — the host program. `tessera --help` lists the commands; each has its own --help.
#include <exception>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "errors.hpp"
#include "provenance.hpp"
#include "text.hpp"

namespace {

void print_help() {
    fmt::print("tessera {} — run and compare research algorithms shipped as plugins\n\n", tsr::host::host_version());
    fmt::print("usage: tessera <command> [options]   (tessera <command> --help for its options)\n\ncommands:\n");
    for (const auto& c : tsr::host::cli::commands()) fmt::print("  {:<10} {}\n", c.name, c.summary);
    fmt::print("\nPlugins are found beside the executable (plugins/, ../lib/tessera/plugins/), in\n"
               "TESSERA_PLUGIN_PATH (':'-separated) and in --plugin-path.\n");
}

}  // namespace

int main(int argc, char** argv) {
    using namespace tsr::host;
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
        std::string(argv[1]) == "help") {
        print_help();
        return argc < 2 ? 2 : 0;
    }
    if (std::string(argv[1]) == "--version") {
        fmt::print("tessera {}\n", host_version());
        return 0;
    }
    const std::string name = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    try {
        for (const auto& c : cli::commands())
            if (name == c.name) return c.fn(args);
        std::vector<std::string> names, near;
        for (const auto& c : cli::commands()) {
            names.emplace_back(c.name);
            if (edit_distance(name, c.name) <= 2) near.emplace_back(c.name);
        }
        throw UsageError(fmt::format("unknown command '{}'{} (commands: {})", name,
                                     near.empty() ? "" : "; did you mean " + join_or(near) + "?", join(names, ", ")));
    } catch (const UsageError& e) {
        fmt::print(stderr, "tessera {}: error: {}\n", name, e.what());
        return 2;
    } catch (const EnvironmentError& e) {
        fmt::print(stderr, "tessera {}: error: {}\n", name, e.what());
        return 1;
    } catch (const std::exception& e) {
        fmt::print(stderr, "tessera {}: internal error: {}\n", name, e.what());
        return 1;
    }
}
