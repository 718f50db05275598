// counting_gains.hpp — what the dynsub structure tests share: the gains (and value) callable the
// structures take, counting queries, over a set function of plugins/set_functions, and one gain.
#pragma once

#include <cstdint>
#include <span>

namespace dynsub {

template <class F>
struct CountingGains {
    F* f;
    int64_t queries = 0;
    void operator()(std::span<const int64_t> S, std::span<const int64_t> c, std::span<double> o) {
        queries += static_cast<int64_t>(c.size());
        f->gains(S, c, o);
    }
    double value(std::span<const int64_t> S) {
        ++queries;
        return f->value(S);
    }
};

template <class F>
double gain(F& f, std::span<const int64_t> S, int64_t e) {
    double g = 0.0;
    f.gains(S, std::span<const int64_t>(&e, 1), std::span<double>(&g, 1));
    return g;
}

}  // namespace dynsub
