// tessera list [--kind K] [--compatible-with ID]
#include <iostream>

#include <fmt/format.h>

#include "../errors.hpp"
#include "../table.hpp"
#include "../text.hpp"
#include "command.hpp"

namespace tsr::host::cli {

namespace {

bool subset(const std::vector<std::string>& needs, const std::vector<std::string>& provides) {
    for (const auto& n : needs)
        if (std::find(provides.begin(), provides.end(), n) == provides.end()) return false;
    return true;
}

// Can `a` and `b` take part in one run together (algorithm/metric vs problem)?
bool compatible(const Component& a, const Component& b) {
    if (a.kind() == TSR_KIND_PROBLEM && b.kind() != TSR_KIND_PROBLEM) return subset(b.needs(), a.provides());
    if (b.kind() == TSR_KIND_PROBLEM && a.kind() != TSR_KIND_PROBLEM) return subset(a.needs(), b.provides());
    return false;
}

}  // namespace

int cmd_list(const std::vector<std::string>& args) {
    po::options_description d("tessera list");
    std::string kind, with;
    std::vector<std::string> paths;
    d.add_options()("help,h", "show this help")(
        "kind", po::value(&kind), "only this kind: algorithm, problem or metric")(
        "compatible-with", po::value(&with), "only components that can run with this component id");
    add_plugin_options(d, paths);
    po::variables_map vm;
    if (!parse(args, d, {}, vm, "tessera list [--kind K] [--compatible-with ID]")) return 0;
    int32_t k = 0;
    if (!kind.empty() && !(k = parse_kind(kind)))
        throw UsageError(fmt::format("--kind '{}' is not a kind; use algorithm, problem or metric", kind));
    Registry reg;
    load_registry(reg, paths);
    const Component* other = nullptr;
    if (!with.empty()) {
        other = reg.find(with);
        if (!other) {
            auto near = reg.suggest(with, 0);
            throw UsageError(fmt::format("no component called '{}'{}", with,
                                         near.empty() ? "" : "; did you mean " + join_or(near) + "?"));
        }
    }
    for (int32_t kk : {TSR_KIND_ALGORITHM, TSR_KIND_PROBLEM, TSR_KIND_METRIC}) {
        if (k && kk != k) continue;
        Table t({"id", "version", "summary", "paper"});
        for (const Component& c : reg.components()) {
            if (c.kind() != kk || (other && !compatible(c, *other))) continue;
            std::string paper = c.desc->paper ? c.desc->paper : "";
            if (display_width(paper) > 40) paper = paper.substr(0, 37) + "...";
            t.add({std::string(c.id()), c.desc->version, c.desc->summary, paper});
        }
        if (t.empty()) continue;
        fmt::print("{}s\n{}\n", kind_name(kk), t.render());
    }
    if (reg.components().empty() && !reg.problems().empty())
        fmt::print("no usable plugins: {} refused (see the warnings above)\n", reg.problems().size());
    else if (reg.components().empty())
        fmt::print("no plugins found; looked in: {}\n", [] {
            std::vector<std::string> s;
            for (const auto& p : default_plugin_places({})) s.push_back(p.string());
            return s.empty() ? std::string("(nowhere: set TESSERA_PLUGIN_PATH)") : join(s, ", ");
        }());
    return 0;
}

}  // namespace tsr::host::cli
