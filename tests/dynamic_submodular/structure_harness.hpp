// structure_harness.hpp — what the dynsub structure tests share: the gains (and value) callable the
// structures take, over a set function of plugins/set_functions; one gain; greedy's value on a set;
// and a stream of updates played into a structure with the active set kept beside it.
#pragma once

#include <cstdint>
#include <set>
#include <span>
#include <vector>

#include <doctest/doctest.h>
#include <tessera/kit/rng.hpp>

#include "lazy_greedy.hpp"
#include "update_stream.hpp"

namespace dynsub {

template <class F>
struct FunctionGains {
    F* f;
    void operator()(std::span<const int64_t> S, std::span<const int64_t> c, std::span<double> o) { f->gains(S, c, o); }
    double value(std::span<const int64_t> S) { return f->value(S); }
};

template <class F>
double gain(F& f, std::span<const int64_t> S, int64_t e) {
    double g = 0.0;
    f.gains(S, std::span<const int64_t>(&e, 1), std::span<double>(&g, 1));
    return g;
}

// f(lazy greedy) with cardinality k on `active` (≤ OPT: what the (1/2 − ε) checks compare with).
template <class F>
double greedy_value(F& f, const std::set<int64_t>& active, int64_t k) {
    std::vector<int64_t> ground(active.begin(), active.end());
    auto g = [&](std::span<const int64_t> A, std::span<const int64_t> c, std::span<double> o) { f.gains(A, c, o); };
    return setfn::lazy_greedy(ground, k, g).value;
}

// Plays a stream of 1.5 n updates (35 % deletes) of `kind` into algo (insert(e, f(e), gains, rng),
// erase(e, gains, rng), solution()), handing its solution back after each update; after each update
// checks |S| ≤ k and S ⊆ active, then calls check(active, singleton, t).
template <class F, class Algo, class Check>
void play_stream(F& f, Algo& algo, FunctionGains<F>& gains, setfn::StreamKind kind, int64_t k, uint64_t seed,
                 Check&& check) {
    tsr::kit::Rng rng(seed);
    setfn::StreamSpec spec;
    spec.kind = kind;
    spec.updates = 3 * f.n() / 2;
    spec.delete_fraction = 0.35;
    setfn::UpdateStream stream(f.n(), spec, seed);
    std::set<int64_t> active;
    std::vector<double> singleton(static_cast<size_t>(f.n()), 0.0);
    int64_t t = 0;
    for (setfn::Update u = stream.next(); u.kind != 0; u = stream.next(), ++t) {
        if (u.kind == 1) {
            active.insert(u.element);
            singleton[u.element] = gain(f, {}, u.element);
            algo.insert(u.element, singleton[u.element], gains, rng);
        } else {
            active.erase(u.element);
            algo.erase(u.element, gains, rng);
        }
        const auto S = algo.solution();
        stream.solution(S);
        REQUIRE(static_cast<int64_t>(S.size()) <= k);
        for (int64_t e : S) REQUIRE(active.count(e) == 1);
        check(active, singleton, t);
    }
    CHECK(t == stream.length());
}

}  // namespace dynsub
