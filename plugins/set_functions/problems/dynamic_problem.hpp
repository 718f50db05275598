// dynamic_problem.hpp — what sf.coverage and sf.facility share: a set function F (Coverage,
// FacilityLocation) served through tsr.set_function.v1 over the whole universe {0, …, n−1}, the
// cardinality k of the constraint |S| ≤ k (in the properties), and an insert/delete stream
// (update_stream.hpp) served through tsr.stream.v1. The stream parameters are registered once
// here for both problems.
#pragma once

#include <span>
#include <string>

#include <tessera/sdk.hpp>

#include "../update_stream.hpp"

namespace setfn {

// The parameters both problems have (their Params derive from it): the cardinality and the stream.
struct DynamicParams {
    int64_t k = 10;
    std::string stream = "random";
    double delete_fraction = 0.3;
    int64_t updates = 0;
    int64_t window = 0;
};

// Registers DynamicParams' fields in a problem's schema (after its own parameters).
template <class P>
void stream_schema(tsr::Schema<P>& s) {
    s.integer("k", &P::k, "cardinality constraint |S| <= k", {.min = 1});
    s.choice("stream", &P::stream, {"random", "window", "adversarial"},
             "random: insert/delete mix; window: sliding window over a random order; adversarial: deletes elements "
             "of the algorithm's last reported solution");
    s.real("delete_fraction", &P::delete_fraction, "random/adversarial: probability that an update is a delete",
           {.min = 0.0, .max = 0.95});
    s.integer("updates", &P::updates, "random/adversarial: stream length U (0: 2n)", {.min = 0});
    s.integer("window", &P::window, "window: width w, the most elements active at once (0: n/2)", {.min = 0});
}

template <class P>
StreamSpec stream_spec(const P& p) {
    return {parse_stream_kind(p.stream), p.updates, p.delete_fraction, p.window};
}

template <class F>
class DynamicProblem {
public:
    using provides = tsr::Provides<tsr::SetFunction, tsr::Stream>;

    DynamicProblem(F f, int64_t k, const StreamSpec& spec, uint64_t seed)
        : f_(std::move(f)), k_(k), stream_(f_.n(), spec, seed) {
        if (k_ < 1) throw tsr::InvalidArgument("k must be >= 1");
    }

    // tsr.set_function.v1
    int64_t ground_size() const { return f_.n(); }
    tsr_set_function_properties set_properties() const {
        tsr_set_function_properties p{};
        p.monotone = 1;
        p.submodular = 1;
        p.normalized = 1;
        p.cardinality = static_cast<int32_t>(k_);
        return p;
    }
    double value(std::span<const int64_t> set) { return f_.value(set); }
    void gains(std::span<const int64_t> set, std::span<const int64_t> cand, tsr::VecMap out) {
        f_.gains(set, cand, std::span<double>(out.data(), static_cast<size_t>(out.size())));
    }

    // tsr.stream.v1
    int64_t stream_length() const { return stream_.length(); }
    tsr_stream_update next() {
        tsr_stream_update u{};
        u.step = stream_.position();
        const Update x = stream_.next();
        u.kind = x.kind;
        u.element = x.kind == 0 ? 0 : x.element;
        return u;
    }
    void solution(std::span<const int64_t> set) { stream_.solution(set); }

private:
    F f_;
    int64_t k_;
    UpdateStream stream_;
};

}  // namespace setfn
