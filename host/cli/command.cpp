#include "command.hpp"

#include <iostream>

#include <fmt/format.h>

#include "../errors.hpp"

namespace tsr::host::cli {

const std::vector<CommandInfo>& commands() {
    static const std::vector<CommandInfo> list = {
        {"list", "list installed components (algorithms, problems, metrics)", &cmd_list},
        {"info", "show one component: parameters, interfaces, paper, library", &cmd_info},
        {"run", "run one algorithm on one problem and print its trace and metrics", &cmd_run},
        {"bench", "run an experiment's grid (algorithms x problems x seeds) in parallel into a store", &cmd_bench},
        {"report", "tables and plots (HTML, PNG) of a results store", &cmd_report},
        {"reproduce", "run a paper's headline experiment and check its claims", &cmd_reproduce},
        {"merge", "merge results stores (shards, machines) without duplicates", &cmd_merge},
        {"validate", "check that a plugin library conforms to the ABI and behaves", &cmd_validate},
        {"new", "scaffold an out-of-tree plugin project (`tessera new plugin NAME`)", &cmd_new},
        {"export", "export a results store to CSV files or JSON", &cmd_export},
    };
    return list;
}

void add_plugin_options(po::options_description& d, std::vector<std::string>& plugin_paths) {
    d.add_options()("plugin-path", po::value(&plugin_paths)->composing(),
                    "extra plugin folder or library file (repeatable); also read: TESSERA_PLUGIN_PATH");
}

void load_registry(Registry& reg, const std::vector<std::string>& extra, bool report_problems) {
    reg.scan(default_plugin_places(extra));
    if (report_problems)
        for (const auto& p : reg.problems()) fmt::print(stderr, "warning: plugin {} {}\n", p.path, p.reason);
}

bool parse(const std::vector<std::string>& args, const po::options_description& d,
           const po::positional_options_description& p, po::variables_map& vm, const char* usage) {
    try {
        po::store(po::command_line_parser(args).options(d).positional(p).run(), vm);
        if (vm.count("help")) {
            std::cout << "usage: " << usage << "\n\n" << d << "\n";
            return false;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(fmt::format("{} (usage: {}; `--help` explains)", e.what(), usage));
    }
    return true;
}

}  // namespace tsr::host::cli
