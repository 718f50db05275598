// tessera/sdk/serve_set_function.hpp — serving tsr.set_function.v1 (iface/set_function.h): a set
// function over the ground set {0, …, n−1}.
//
//   tsr::SetFunction   int64_t ground_size() const;
//                      tsr_set_function_properties set_properties() const;  (struct_size set by the SDK)
//                      double value(std::span<const int64_t> set);                      // f(S)
//                      void gains(std::span<const int64_t> set, std::span<const int64_t> cand,
//                                 tsr::VecMap out);                // out[j] = f(S ∪ {cand[j]}) − f(S)
// The SDK checks, before the problem sees them, that S holds distinct indices in [0, n) (m = 0 is
// the empty set) and that every candidate is in [0, n) (k = 0 is allowed).
#pragma once

#include <cstring>
#include <string>
#include <vector>

#include "../iface/set_function.h"
#include "serve.hpp"

namespace tsr {

struct SetFunction {};

namespace detail {

// A set: m >= 0 distinct indices in [0, n).
inline void check_set(int64_t m, const int64_t* idx, int64_t n) {
    if (m < 0) throw InvalidArgument("set size " + std::to_string(m) + " is negative");
    if (m == 0) return;
    if (!idx) throw InvalidArgument("set of size " + std::to_string(m) + " passed as NULL");
    check_distinct(m, idx, n, "element", "set");
}

template <class C>
concept SetFunctionProblem = requires(C c, const C cc, std::span<const int64_t> s, VecMap out) {
    { cc.ground_size() } -> std::convertible_to<int64_t>;
    { cc.set_properties() } -> std::convertible_to<tsr_set_function_properties>;
    { c.value(s) } -> std::convertible_to<double>;
    c.gains(s, s, out);
};

template <class C>
struct Serve<SetFunction, C> {
    static_assert(SetFunctionProblem<C>,
                  "tsr::SetFunction needs ground_size(), set_properties(), value(set) -> double, "
                  "gains(set, candidates, out)");
    static constexpr const char* id = TSR_SET_FUNCTION_V1;
    using H = Holder<C>;

    static int64_t ground_size(tsr_object* o) { return H::of(o).impl.ground_size(); }
    static void properties(tsr_object* o, tsr_set_function_properties* out) {
        if (!out) return;
        try {
            tsr_set_function_properties p = H::of(o).impl.set_properties();
            write_growable(out, p);
        } catch (...) {
        }
    }
    static tsr_status value(tsr_object* o, int64_t m, const int64_t* set, double* out) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            if (!out) throw InvalidArgument("value: out is NULL");
            check_set(m, set, h.impl.ground_size());
            *out = h.impl.value(std::span<const int64_t>(set, static_cast<size_t>(m)));
        });
    }
    static tsr_status gains(tsr_object* o, int64_t m, const int64_t* set, int64_t k, const int64_t* cand,
                            double* out) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            const int64_t n = h.impl.ground_size();
            check_set(m, set, n);
            if (k < 0) throw InvalidArgument("gains: candidate count " + std::to_string(k) + " is negative");
            if (k == 0) return;
            if (!cand || !out) throw InvalidArgument("gains: candidates or out is NULL");
            check_terms(k, cand, n, "candidate");
            h.impl.gains(std::span<const int64_t>(set, static_cast<size_t>(m)),
                         std::span<const int64_t>(cand, static_cast<size_t>(k)), VecMap(out, k));
        });
    }
    static const void* table() {
        static const tsr_set_function_v1 t{&ground_size, &properties, &value, &gains};
        return &t;
    }
};

}  // namespace detail
}  // namespace tsr
