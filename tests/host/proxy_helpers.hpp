// tests/host/proxy_helpers.hpp — what the proxy tests share: a created problem object, its
// last error, and a proxy's counter by name.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <tessera/abi.h>

#include "proxy.hpp"

namespace hosttest {

// A created problem object, destroyed at scope exit.
struct Problem {
    tsr_object* obj = nullptr;
    explicit Problem(const tsr_component_desc* desc, std::vector<tsr_param> params = {}) {
        tsr_create_args args{};
        args.struct_size = sizeof args;
        args.n_params = static_cast<uint32_t>(params.size());
        args.params = params.data();
        args.seed = 11;
        char err[256] = "";
        REQUIRE(desc->create(desc, &args, &obj, err, sizeof err) == TSR_OK);
        REQUIRE(obj);
    }
    Problem(const Problem&) = delete;
    Problem& operator=(const Problem&) = delete;
    ~Problem() { obj->destroy(obj); }
};

// A string parameter (choice or text) named `name`.
inline tsr_param text_param(const char* name, const char* value, int32_t type = TSR_PARAM_CHOICE) {
    tsr_param p{};
    p.name = name;
    p.value.type = type;
    p.value.str = value;
    return p;
}

inline std::string error_of(const tsr_object* o) {
    char buf[512];
    const uint32_t n = o->copy_error(o, buf, sizeof buf);
    return std::string(buf, std::min<uint32_t>(n, sizeof buf - 1));
}

// The proxy's counter `name`, or nullptr when that function was never called.
inline const tsr::host::Counter* counter(const tsr::host::Proxy& p, const std::string& name) {
    static std::vector<tsr::host::Counter> keep;
    keep = p.counters();
    for (const auto& c : keep)
        if (c.name == name) return &c;
    return nullptr;
}

// Calls and units of counter `name` (0, 0 when never called).
inline std::pair<int64_t, int64_t> calls_units(const tsr::host::Proxy& p, const std::string& name) {
    const auto* c = counter(p, name);
    return c ? std::pair<int64_t, int64_t>{c->calls, c->units} : std::pair<int64_t, int64_t>{0, 0};
}

template <class Table>
const Table* table_of(tsr_object* o, const char* id) {
    auto* t = static_cast<const Table*>(o->get_interface(o, id));
    REQUIRE(t);
    return t;
}

}  // namespace hosttest
