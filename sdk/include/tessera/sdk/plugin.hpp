// tessera/sdk/plugin.hpp — registering components and exporting the plugin entry point.
//
// In each component's .cpp file:          TSR_REGISTER(opt::Adam);
// In exactly one .cpp file of the plugin: TSR_PLUGIN("baselines", "1.0.0", "one-line summary");
//
// Registration runs when the library is loaded (it only appends a function pointer); the
// descriptors are built on the first call of the entry point, sorted by component id.
#pragma once

#include <algorithm>
#include <cstring>
#include <vector>

#include "component.hpp"

namespace tsr::detail {

using DescribeFn = const tsr_component_desc* (*)();

// Hidden: each plugin library has its own registry even when several are loaded in one process.
__attribute__((visibility("hidden"))) inline std::vector<DescribeFn>& component_registry() {
    static std::vector<DescribeFn> r;
    return r;
}

struct Registrar {
    explicit Registrar(DescribeFn f) { component_registry().push_back(f); }
};

struct PluginStorage {
    std::vector<const tsr_component_desc*> components;
    tsr_plugin_desc desc{};

    PluginStorage(const char* name, const char* version, const char* summary) {
        for (DescribeFn f : component_registry()) components.push_back(f());
        std::sort(components.begin(), components.end(),
                  [](auto* a, auto* b) { return std::strcmp(a->id, b->id) < 0; });
        desc.struct_size = sizeof desc;
        desc.abi_major = TSR_ABI_MAJOR;
        desc.abi_minor = TSR_ABI_MINOR;
        desc.n_components = static_cast<uint32_t>(components.size());
        desc.name = name;
        desc.version = version;
        desc.summary = summary;
        desc.components = components.data();
    }
};

}  // namespace tsr::detail

#define TSR_DETAIL_CAT2(a, b) a##b
#define TSR_DETAIL_CAT(a, b) TSR_DETAIL_CAT2(a, b)

#define TSR_REGISTER(...)                                                               \
    static const ::tsr::detail::Registrar TSR_DETAIL_CAT(tsr_registrar_, __COUNTER__){ \
        &::tsr::detail::describe<__VA_ARGS__>}

#define TSR_PLUGIN(NAME, VERSION, SUMMARY)                                          \
    extern "C" TSR_EXPORT const tsr_plugin_desc* tessera_plugin_v1(void) {         \
        static const ::tsr::detail::PluginStorage* storage =                        \
            new ::tsr::detail::PluginStorage(NAME, VERSION, SUMMARY);               \
        return &storage->desc;                                                      \
    }
