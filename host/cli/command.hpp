// host/cli/command.hpp — what every `tessera <command>` shares: its entry signature, the common
// options (plugin places), and loading the registry.
#pragma once

#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "../registry.hpp"

namespace tsr::host::cli {

namespace po = boost::program_options;

// A command receives the arguments after its name; returns the process exit status.
using CommandFn = int (*)(const std::vector<std::string>& args);

struct CommandInfo {
    const char* name;
    const char* summary;
    CommandFn fn;
};
const std::vector<CommandInfo>& commands();

// Options every command that loads plugins accepts: --plugin-path (repeatable).
void add_plugin_options(po::options_description& d, std::vector<std::string>& plugin_paths);
// Scans the default places plus `extra`; prints each broken library to stderr unless quiet.
void load_registry(Registry& reg, const std::vector<std::string>& extra, bool report_problems = true);

// Parses args against `d` (and positional `p`); prints help and returns false for --help.
bool parse(const std::vector<std::string>& args, const po::options_description& d,
           const po::positional_options_description& p, po::variables_map& vm, const char* usage);

int cmd_list(const std::vector<std::string>& args);
int cmd_info(const std::vector<std::string>& args);
int cmd_run(const std::vector<std::string>& args);
int cmd_validate(const std::vector<std::string>& args);
int cmd_new(const std::vector<std::string>& args);
int cmd_export(const std::vector<std::string>& args);
int cmd_bench(const std::vector<std::string>& args);
int cmd_report(const std::vector<std::string>& args);
int cmd_reproduce(const std::vector<std::string>& args);
int cmd_merge(const std::vector<std::string>& args);

}  // namespace tsr::host::cli
