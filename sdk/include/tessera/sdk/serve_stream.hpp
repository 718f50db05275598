// tessera/sdk/serve_stream.hpp — serving tsr.stream.v1 (iface/stream.h): insert/delete updates of
// the active ground set, pulled one at a time.
//
//   tsr::Stream   int64_t stream_length() const;                 // U, constant
//                 tsr_stream_update next();                       // kind TSR_UPDATE_END when done
//                 void solution(std::span<const int64_t> set);    // the algorithm's S_t
// The SDK sets struct_size and checks that a solution holds distinct elements in [0, n), n the
// ground size of the problem's tsr::SetFunction (when it serves one).
#pragma once

#include <cstring>
#include <string>

#include "../iface/stream.h"
#include "serve.hpp"
#include "serve_set_function.hpp"

namespace tsr {

struct Stream {};

namespace detail {

template <class C>
concept StreamProblem = requires(C c, const C cc, std::span<const int64_t> s) {
    { cc.stream_length() } -> std::convertible_to<int64_t>;
    { c.next() } -> std::convertible_to<tsr_stream_update>;
    c.solution(s);
};

template <class C>
struct Serve<Stream, C> {
    static_assert(StreamProblem<C>, "tsr::Stream needs stream_length(), next() -> tsr_stream_update, solution(set)");
    static constexpr const char* id = TSR_STREAM_V1;
    using H = Holder<C>;

    static int64_t length(tsr_object* o) { return H::of(o).impl.stream_length(); }
    static tsr_status next(tsr_object* o, tsr_stream_update* out) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            if (!out) throw InvalidArgument("next: out is NULL");
            tsr_stream_update u = h.impl.next();
            write_growable(out, u);
        });
    }
    static tsr_status solution(tsr_object* o, int64_t m, const int64_t* set) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            if constexpr (requires(const C cc) { cc.ground_size(); }) check_set(m, set, h.impl.ground_size());
            else if (m < 0) throw InvalidArgument("solution: negative size");
            h.impl.solution(std::span<const int64_t>(set, static_cast<size_t>(m)));
        });
    }
    static const void* table() {
        static const tsr_stream_v1 t{&length, &next, &solution};
        return &t;
    }
};

}  // namespace detail
}  // namespace tsr
