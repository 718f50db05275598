// host/registry.hpp — finding, loading and checking plugin libraries.
//
// The registry scans folders (and single files) for shared libraries, loads each with
// RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE from its absolute path, checks the ABI major version and
// the descriptors, and indexes components by id. A broken library — not loadable, no entry
// symbol, wrong major, malformed descriptor, duplicate id — is recorded with its path and reason
// in `problems()` and does not hide the others. Libraries are never unloaded.
//
// Thread rule: scan from one thread; afterwards every const member may be used concurrently.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <tessera/abi.h>

namespace tsr::host {

struct Library {
    std::string path;                 // absolute; "(builtin)" for add_builtin
    const tsr_plugin_desc* desc = nullptr;
    bool builtin = false;
    std::string sha256() const;       // of the file, computed on first use; "" when builtin
private:
    mutable std::string sha256_;
};

struct Component {
    const tsr_component_desc* desc = nullptr;
    const Library* library = nullptr;
    std::string_view id() const { return desc->id; }
    int32_t kind() const { return desc->kind; }
    // Element i of the descriptor's arrays, walked by the plugin's struct sizes (TSR_ELEM).
    const tsr_param_desc& param(uint32_t i) const;
    const tsr_metric_output& output(uint32_t i) const;
    // The parameter called `name`, or nullptr.
    const tsr_param_desc* find_param(std::string_view name) const;
    std::vector<std::string> provides() const;
    std::vector<std::string> needs() const;
    std::vector<std::string> wants() const;
};

struct LoadProblem {
    std::string path;
    std::string reason;
};

const char* kind_name(int32_t kind);              // "problem", "algorithm", "metric"
int32_t parse_kind(std::string_view name);        // 0 when unknown

class Registry {
public:
    Registry() = default;
    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;

    // Scans each folder for *.so (not recursing) and loads each file given directly.
    void scan(const std::vector<std::filesystem::path>& places);
    // Loads one library; returns false (and records the reason) when it is refused.
    bool load(const std::filesystem::path& file);
    // Registers a plugin descriptor linked into the host itself (validation helpers, tests);
    // `label` stands where a library path would. Checked like a loaded one.
    bool add_builtin(const tsr_plugin_desc* desc, const std::string& label);

    const std::vector<Component>& components() const { return components_; }
    const std::vector<LoadProblem>& problems() const { return problems_; }
    const std::vector<const Library*> libraries() const;

    // The component with this id, or nullptr.
    const Component* find(std::string_view id) const;
    // The component with this id and kind; throws UsageError naming the closest ids otherwise.
    const Component& require(std::string_view id, int32_t kind) const;
    // Up to `n` ids of the given kind (0: any) closest to `id` by edit distance.
    std::vector<std::string> suggest(std::string_view id, int32_t kind, size_t n = 3) const;

private:
    bool add(const tsr_plugin_desc* desc, const std::string& path);
    std::vector<std::unique_ptr<Library>> libraries_;
    std::vector<Component> components_;
    std::vector<LoadProblem> problems_;
};

// The default plugin places: <exe dir>/plugins (build tree), <exe dir>/../lib/tessera/plugins
// (installed), then every entry of TESSERA_PLUGIN_PATH (':'-separated), then `extra`.
std::vector<std::filesystem::path> default_plugin_places(const std::vector<std::string>& extra);

// Checks a plugin descriptor as the registry does; returns the reasons it is malformed (empty
// when it is fine). Shared with `tessera validate`.
std::vector<std::string> check_plugin_desc(const tsr_plugin_desc* desc);

}  // namespace tsr::host
