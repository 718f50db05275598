// tessera info ID — everything the descriptor says about one component.
#include <fmt/format.h>

#include "../errors.hpp"
#include "../params.hpp"
#include "../table.hpp"
#include "../text.hpp"
#include "command.hpp"

namespace tsr::host::cli {

int cmd_info(const std::vector<std::string>& args) {
    po::options_description d("tessera info");
    std::string id;
    std::vector<std::string> paths;
    d.add_options()("help,h", "show this help")("id", po::value(&id)->required(), "component id");
    add_plugin_options(d, paths);
    po::positional_options_description pos;
    pos.add("id", 1);
    po::variables_map vm;
    if (!parse(args, d, pos, vm, "tessera info ID")) return 0;
    Registry reg;
    load_registry(reg, paths);
    const Component* c = reg.find(id);
    if (!c) {
        auto near = reg.suggest(id, 0);
        throw UsageError(fmt::format("no component called '{}'{} (`tessera list` shows them all)", id,
                                     near.empty() ? "" : "; did you mean " + join_or(near) + "?"));
    }
    const tsr_component_desc& desc = *c->desc;
    fmt::print("{} — {} {}\n  {}\n", desc.id, kind_name(desc.kind), desc.version, desc.summary);
    if (desc.paper) fmt::print("  paper:   {}\n", desc.paper);
    fmt::print("  library: {} (plugin '{}' {})\n", c->library->path, c->library->desc->name,
               c->library->desc->version);
    if (desc.kind == TSR_KIND_PROBLEM) fmt::print("  provides: {}\n", join(c->provides(), ", "));
    if (desc.n_needs) fmt::print("  needs:    {}\n", join(c->needs(), ", "));
    if (desc.n_wants) fmt::print("  wants:    {}\n", join(c->wants(), ", "));
    if (desc.n_params) {
        Table t({"parameter", "default", "accepts", "help"});
        for (uint32_t i = 0; i < desc.n_params; ++i) {
            const tsr_param_desc& p = c->param(i);
            t.add({p.name, param_value_text(p.default_value), param_domain_text(p), p.help ? p.help : ""});
        }
        fmt::print("\n{}", t.render());
    } else {
        fmt::print("  no parameters\n");
    }
    if (desc.kind == TSR_KIND_METRIC) {
        Table t({"output", "better", "help"});
        for (uint32_t i = 0; i < desc.n_outputs; ++i) {
            const tsr_metric_output& o = c->output(i);
            t.add({o.name, o.direction < 0 ? "lower" : o.direction > 0 ? "higher" : "-", o.help ? o.help : ""});
        }
        fmt::print("\n{}", t.render());
    }
    return 0;
}

}  // namespace tsr::host::cli
