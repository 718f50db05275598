#include "registry.hpp"

// Boost 1.74: std::filesystem instead of Boost.Filesystem (no Boost library at link time), and
// <vector>/<string> before library_info.hpp (a 1.74 bug).
#ifndef BOOST_DLL_USE_STD_FS
#define BOOST_DLL_USE_STD_FS
#endif
#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <cmath>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <fmt/format.h>

#include "errors.hpp"
#include "sha256.hpp"
#include "text.hpp"

namespace tsr::host {
namespace fs = std::filesystem;

// Sizes of the ABI structs at version 1.0. A plugin's struct may be larger (newer minor), never
// smaller. These constants must NOT follow sizeof() when fields are appended later.
constexpr uint32_t kPluginDescV1_0 = sizeof(tsr_plugin_desc);
constexpr uint32_t kComponentDescV1_0 = sizeof(tsr_component_desc);
constexpr uint32_t kParamDescV1_0 = sizeof(tsr_param_desc);
constexpr uint32_t kMetricOutputV1_0 = sizeof(tsr_metric_output);

const char* kind_name(int32_t kind) {
    switch (kind) {
        case TSR_KIND_PROBLEM: return "problem";
        case TSR_KIND_ALGORITHM: return "algorithm";
        case TSR_KIND_METRIC: return "metric";
        default: return "unknown";
    }
}

int32_t parse_kind(std::string_view name) {
    if (name == "problem" || name == "problems") return TSR_KIND_PROBLEM;
    if (name == "algorithm" || name == "algorithms") return TSR_KIND_ALGORITHM;
    if (name == "metric" || name == "metrics") return TSR_KIND_METRIC;
    return 0;
}

std::string Library::sha256() const {
    if (sha256_.empty() && !builtin) sha256_ = sha256_file(path);
    return sha256_;
}

const tsr_param_desc& Component::param(uint32_t i) const {
    return *TSR_ELEM(tsr_param_desc, desc->params, i);
}
const tsr_metric_output& Component::output(uint32_t i) const {
    return *TSR_ELEM(tsr_metric_output, desc->outputs, i);
}
const tsr_param_desc* Component::find_param(std::string_view name) const {
    for (uint32_t i = 0; i < desc->n_params; ++i)
        if (name == param(i).name) return &param(i);
    return nullptr;
}
static std::vector<std::string> strings(const char* const* list, uint32_t n) {
    std::vector<std::string> out;
    for (uint32_t i = 0; i < n; ++i) out.emplace_back(list[i]);
    return out;
}
std::vector<std::string> Component::provides() const { return strings(desc->provides, desc->n_provides); }
std::vector<std::string> Component::needs() const { return strings(desc->needs, desc->n_needs); }
std::vector<std::string> Component::wants() const { return strings(desc->wants, desc->n_wants); }

// ---- descriptor checks -------------------------------------------------------------------------

namespace {

bool is_name(const char* s) {
    static const std::regex re("[a-z0-9_]+");
    return s && std::regex_match(s, re);
}
bool is_component_id(const char* s) {
    static const std::regex re("[a-z0-9_]+(\\.[a-z0-9_]+)+");
    return s && std::regex_match(s, re);
}

void check_param(const tsr_param_desc& p, const std::string& where, std::vector<std::string>& out) {
    if (p.struct_size < kParamDescV1_0) {
        out.push_back(where + ": struct_size " + std::to_string(p.struct_size) + " is smaller than ABI 1.0's " +
                      std::to_string(kParamDescV1_0));
        return;
    }
    if (!is_name(p.name)) {
        out.push_back(where + ": parameter name must match [a-z0-9_]+");
        return;
    }
    const std::string w = where + " parameter '" + p.name + "'";
    if (p.type < TSR_PARAM_REAL || p.type > TSR_PARAM_STRING) {
        out.push_back(w + ": unknown type " + std::to_string(p.type));
        return;
    }
    if (p.default_value.type != p.type) out.push_back(w + ": default value's type differs from the parameter's");
    if (!p.help) out.push_back(w + ": help is NULL");
    if (p.min > p.max) out.push_back(w + ": min > max");
    switch (p.type) {
        case TSR_PARAM_REAL:
            if (std::isnan(p.default_value.real) || p.default_value.real < p.min || p.default_value.real > p.max)
                out.push_back(w + ": default " + format_double(p.default_value.real) + " outside [" +
                              format_double(p.min) + ", " + format_double(p.max) + "]");
            break;
        case TSR_PARAM_INT:
        case TSR_PARAM_BOOL:
            if (double(p.default_value.integer) < p.min || double(p.default_value.integer) > p.max)
                out.push_back(w + ": default " + std::to_string(p.default_value.integer) + " outside its range");
            break;
        case TSR_PARAM_CHOICE: {
            if (p.n_choices == 0 || !p.choices) {
                out.push_back(w + ": a choice parameter without choices");
                break;
            }
            bool found = false;
            for (uint32_t i = 0; i < p.n_choices; ++i) {
                if (!p.choices[i]) out.push_back(w + ": choice " + std::to_string(i) + " is NULL");
                else if (p.default_value.str && std::string_view(p.choices[i]) == p.default_value.str) found = true;
            }
            if (!found) out.push_back(w + ": default is not one of the choices");
            break;
        }
        case TSR_PARAM_STRING:
            if (!p.default_value.str) out.push_back(w + ": default string is NULL");
            break;
    }
}

void check_list(const char* const* list, uint32_t n, const std::string& what, std::vector<std::string>& out) {
    if (n > 0 && !list) {
        out.push_back(what + " has " + std::to_string(n) + " entries but is NULL");
        return;
    }
    for (uint32_t i = 0; i < n; ++i)
        if (!list[i]) out.push_back(what + " entry " + std::to_string(i) + " is NULL");
}

void check_component(const tsr_component_desc* c, size_t index, std::vector<std::string>& out) {
    std::string where = "component " + std::to_string(index);
    if (!c) {
        out.push_back(where + " is NULL");
        return;
    }
    if (c->struct_size < kComponentDescV1_0) {
        out.push_back(where + ": struct_size " + std::to_string(c->struct_size) + " is smaller than ABI 1.0's " +
                      std::to_string(kComponentDescV1_0));
        return;
    }
    if (!is_component_id(c->id)) {
        out.push_back(where + ": id " + (c->id ? "'" + std::string(c->id) + "'" : std::string("NULL")) +
                      " is not a namespaced lower-case id like 'opt.lbfgs'");
        return;
    }
    where = std::string("'") + c->id + "'";
    if (c->kind != TSR_KIND_PROBLEM && c->kind != TSR_KIND_ALGORITHM && c->kind != TSR_KIND_METRIC)
        out.push_back(where + ": unknown kind " + std::to_string(c->kind));
    if (!c->version) out.push_back(where + ": version is NULL");
    if (!c->summary) out.push_back(where + ": summary is NULL");
    if (!c->create) out.push_back(where + ": create is NULL");
    if (c->n_params > 0 && !c->params) out.push_back(where + ": params is NULL");
    std::set<std::string> names;
    for (uint32_t i = 0; c->params && i < c->n_params; ++i) {
        const tsr_param_desc& p = *TSR_ELEM(tsr_param_desc, c->params, i);
        if (p.struct_size != c->params->struct_size) {
            out.push_back(where + ": parameters have different struct sizes");
            break;
        }
        check_param(p, where, out);
        if (p.name && !names.insert(p.name).second) out.push_back(where + ": parameter '" + p.name + "' twice");
    }
    check_list(c->provides, c->n_provides, where + ": provides", out);
    check_list(c->needs, c->n_needs, where + ": needs", out);
    check_list(c->wants, c->n_wants, where + ": wants", out);
    if (c->kind == TSR_KIND_PROBLEM && c->n_provides == 0) out.push_back(where + ": a problem that provides no interface");
    if (c->kind == TSR_KIND_METRIC) {
        if (c->n_outputs == 0 || !c->outputs) out.push_back(where + ": a metric without outputs");
        for (uint32_t i = 0; c->outputs && i < c->n_outputs; ++i) {
            const tsr_metric_output& o = *TSR_ELEM(tsr_metric_output, c->outputs, i);
            if (o.struct_size < kMetricOutputV1_0) {
                out.push_back(where + ": output struct_size too small");
                break;
            }
            if (!is_name(o.name)) out.push_back(where + ": output name must match [a-z0-9_]+");
            if (o.direction < -1 || o.direction > 1) out.push_back(where + ": output direction must be -1, 0 or 1");
        }
    }
}

}  // namespace

std::vector<std::string> check_plugin_desc(const tsr_plugin_desc* d) {
    std::vector<std::string> out;
    if (!d) return {"tessera_plugin_v1() returned NULL"};
    if (d->struct_size < 3 * sizeof(uint32_t)) return {"plugin descriptor struct_size is too small to hold a version"};
    if (d->abi_major != TSR_ABI_MAJOR)
        return {fmt::format("built for Tessera ABI {}.{}, but this host speaks ABI {}.{}: rebuild the plugin "
                            "against this SDK",
                            d->abi_major, d->abi_minor, TSR_ABI_MAJOR, TSR_ABI_MINOR)};
    if (d->struct_size < kPluginDescV1_0)
        return {fmt::format("plugin descriptor struct_size {} is smaller than ABI 1.0's {}", d->struct_size,
                            kPluginDescV1_0)};
    if (!d->name) out.push_back("plugin name is NULL");
    if (!d->version) out.push_back("plugin version is NULL");
    if (d->n_components > 0 && !d->components) out.push_back("components is NULL");
    std::set<std::string> ids;
    for (uint32_t i = 0; d->components && i < d->n_components; ++i) {
        check_component(d->components[i], i, out);
        const tsr_component_desc* c = d->components[i];
        if (c && c->struct_size >= kComponentDescV1_0 && c->id && !ids.insert(c->id).second)
            out.push_back(std::string("component id '") + c->id + "' appears twice");
    }
    return out;
}

// ---- loading ----------------------------------------------------------------------------------

bool Registry::load(const fs::path& file) {
    std::error_code fec;
    const fs::path path = fs::weakly_canonical(fs::absolute(file), fec);
    const std::string where = path.string();
    for (const auto& lib : libraries_)
        if (lib->path == where) return true;  // the same file reached twice (two search places)
    // Never unloaded (DESIGN.md §3 rule 10): RTLD_NODELETE, and the handle is kept for ever.
    const auto mode = static_cast<boost::dll::load_mode::type>(RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    auto* handle = new boost::dll::shared_library();
    boost::dll::fs::error_code ec;
    handle->load(path, mode, ec);
    if (ec) {
        const char* why = dlerror();
        problems_.push_back({where, std::string("cannot be loaded: ") + (why ? why : ec.message())});
        delete handle;
        return false;
    }
    if (!handle->has(TSR_ENTRY_SYMBOL)) {
        problems_.push_back({where, "has no entry symbol " TSR_ENTRY_SYMBOL " (not a Tessera plugin, or built "
                                    "without tessera_add_plugin)"});
        return false;  // handle leaked on purpose: the library stays loaded
    }
    auto entry = handle->get<const tsr_plugin_desc*()>(TSR_ENTRY_SYMBOL);
    return add(entry(), where);
}

bool Registry::add_builtin(const tsr_plugin_desc* desc, const std::string& label) {
    if (!add(desc, label)) return false;
    libraries_.back()->builtin = true;
    return true;
}

bool Registry::add(const tsr_plugin_desc* desc, const std::string& where) {
    std::vector<std::string> errors = check_plugin_desc(desc);
    if (!errors.empty()) {
        problems_.push_back({where, "malformed: " + join(errors, "; ")});
        return false;
    }
    auto lib = std::make_unique<Library>();
    lib->path = where;
    lib->desc = desc;
    for (uint32_t i = 0; i < desc->n_components; ++i) {
        const tsr_component_desc* c = desc->components[i];
        if (const Component* other = find(c->id)) {
            problems_.push_back({where, fmt::format("component '{}' is already provided by {}; this one is "
                                                    "ignored",
                                                    c->id, other->library->path)});
            continue;
        }
        components_.push_back(Component{c, lib.get()});
    }
    libraries_.push_back(std::move(lib));
    std::sort(components_.begin(), components_.end(),
              [](const Component& a, const Component& b) { return a.id() < b.id(); });
    return true;
}

void Registry::scan(const std::vector<fs::path>& places) {
    for (const fs::path& place : places) {
        std::error_code ec;
        if (fs::is_directory(place, ec)) {
            std::vector<fs::path> files;
            for (const auto& e : fs::directory_iterator(place, ec))
                if (e.is_regular_file() && e.path().extension() == ".so") files.push_back(e.path());
            std::sort(files.begin(), files.end());  // deterministic order: first one wins
            for (const auto& f : files) load(f);
        } else if (fs::is_regular_file(place, ec)) {
            load(place);
        } else if (!place.empty()) {
            problems_.push_back({place.string(), "is neither a plugin file nor a folder"});
        }
    }
}

const std::vector<const Library*> Registry::libraries() const {
    std::vector<const Library*> out;
    for (const auto& l : libraries_) out.push_back(l.get());
    return out;
}

const Component* Registry::find(std::string_view id) const {
    for (const Component& c : components_)
        if (c.id() == id) return &c;
    return nullptr;
}

std::vector<std::string> Registry::suggest(std::string_view id, int32_t kind, size_t n) const {
    std::vector<std::pair<size_t, std::string>> scored;
    for (const Component& c : components_) {
        if (kind && c.kind() != kind) continue;
        size_t d = edit_distance(id, c.id());
        // An id that contains what was typed ("lbfgs" in "opt.lbfgs") is a good guess too.
        if (c.id().find(id) != std::string_view::npos) d = std::min<size_t>(d, 1);
        scored.emplace_back(d, std::string(c.id()));
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    for (const auto& [d, s] : scored) {
        if (out.size() == n || d > std::max<size_t>(3, id.size() / 2)) break;
        out.push_back(s);
    }
    return out;
}

const Component& Registry::require(std::string_view id, int32_t kind) const {
    const Component* c = find(id);
    if (c && c->kind() == kind) return *c;
    std::string msg;
    if (c)
        msg = fmt::format("'{}' is {} {}, not {} {}", id, c->kind() == TSR_KIND_ALGORITHM ? "an" : "a",
                          kind_name(c->kind()), kind == TSR_KIND_ALGORITHM ? "an" : "a", kind_name(kind));
    else
        msg = fmt::format("no {} called '{}'", kind_name(kind), id);
    auto near = suggest(id, kind);
    if (!near.empty()) msg += "; did you mean " + join_or(near) + "?";
    msg += fmt::format(" (`tessera list --kind {}` lists them all)", kind_name(kind));
    throw UsageError(msg);
}

std::vector<fs::path> default_plugin_places(const std::vector<std::string>& extra) {
    std::vector<fs::path> places;
    std::error_code ec;
    const fs::path exe_dir = boost::dll::program_location(ec).parent_path();
    if (!ec) {
        if (fs::is_directory(exe_dir / "plugins")) places.push_back(exe_dir / "plugins");
        if (fs::is_directory(exe_dir / ".." / "lib" / "tessera" / "plugins"))
            places.push_back(fs::weakly_canonical(exe_dir / ".." / "lib" / "tessera" / "plugins"));
    }
    if (const char* env = std::getenv("TESSERA_PLUGIN_PATH")) {
        std::string s = env;
        size_t start = 0;
        while (start <= s.size()) {
            size_t end = s.find(':', start);
            if (end == std::string::npos) end = s.size();
            if (end > start) places.emplace_back(s.substr(start, end - start));
            start = end + 1;
        }
    }
    for (const auto& e : extra) places.emplace_back(e);
    return places;
}

}  // namespace tsr::host
