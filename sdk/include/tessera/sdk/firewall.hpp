// tessera/sdk/firewall.hpp — the exception firewall and the object holder behind every SDK object.
//
// Every function the SDK exports through the ABI runs its body inside `guard`, which turns any
// exception into a status code and keeps its message in the object, readable through
// tsr_object::copy_error. Nothing unwinds across the ABI. On the happy path the try block costs
// nothing (table-based unwinding).
#pragma once

#include <cstring>
#include <new>
#include <string>
#include <utility>

#include "errors.hpp"

namespace tsr::detail {

// Writes `msg` into a caller buffer of capacity `cap`, NUL-terminated, truncated if needed.
inline uint32_t copy_text(const std::string& msg, char* buf, uint32_t cap) noexcept {
    if (buf && cap > 0) {
        size_t n = msg.size() < cap - 1 ? msg.size() : cap - 1;
        std::memcpy(buf, msg.data(), n);
        buf[n] = '\0';
    }
    return static_cast<uint32_t>(msg.size());
}

inline void set_message(std::string& slot, const char* what) noexcept {
    try {
        slot = what;
    } catch (...) {
        slot.clear();  // no memory even for the message: the status alone must do
    }
}

// Runs f(); returns TSR_OK or the status of the exception it threw, its text in `error`.
// Always inlined into the generated thunk, so a served call costs one indirect call, not two.
template <class F>
[[gnu::always_inline]] inline tsr_status guard(std::string& error, F&& f) noexcept {
    try {
        f();
        return TSR_OK;
    } catch (const Error& e) {
        set_message(error, e.what());
        return e.code();
    } catch (const std::bad_alloc&) {
        set_message(error, "out of memory");
        return TSR_ERR_OUT_OF_MEMORY;
    } catch (const std::exception& e) {
        set_message(error, e.what());
        return TSR_ERR_RUNTIME;
    } catch (...) {
        set_message(error, "unknown exception (not derived from std::exception)");
        return TSR_ERR_RUNTIME;
    }
}

// The heap block behind every object the SDK creates: the ABI header, the last error, and the
// author's component. `obj.self` points back here.
template <class C>
struct Holder {
    tsr_object obj{};
    std::string error;
    C impl;
    int64_t dim = 0;  // cached dimension for interfaces that have one (problems)

    template <class... A>
    explicit Holder(A&&... args) : impl(std::forward<A>(args)...) {}

    static Holder& of(tsr_object* o) noexcept { return *static_cast<Holder*>(o->self); }
    static const Holder& of(const tsr_object* o) noexcept {
        return *static_cast<const Holder*>(o->self);
    }
};

template <class C>
void destroy_object(tsr_object* o) {
    delete &Holder<C>::of(o);
}

template <class C>
uint32_t copy_object_error(const tsr_object* o, char* buf, uint32_t cap) {
    return copy_text(Holder<C>::of(o).error, buf, cap);
}

}  // namespace tsr::detail
