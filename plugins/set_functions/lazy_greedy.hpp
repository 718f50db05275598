// lazy_greedy.hpp — the offline greedy of Nemhauser, Wolsey & Fisher (1978) for max f(S), |S| <= k,
// with Minoux's lazy evaluations (1978): the one greedy the metric sf.value_ratio and the baseline
// dynsub.greedy share.
//
//   S_0 = ∅;  S_{i+1} = S_i ∪ {argmax_e f(e | S_i)}  while |S_i| < k and the best gain is > 0.
//
// Lazy evaluation: by submodularity f(e | S_i) never increases with i, so a gain computed at an
// earlier step is an upper bound. The candidates sit in a max-heap of bounds; the top is
// re-evaluated against the current S and either taken (its bound is fresh) or pushed back.
// The result equals the plain greedy's whenever the argmax is unique at every step (ties are
// broken towards the smaller index in both). Guarantee: f(S) >= (1 − 1/e) OPT for monotone
// submodular f.
//
// The oracle is any callable gains(S, cand, out) with out[j] = f(S ∪ {cand[j]}) − f(S) (the
// batched tsr.set_function.v1 call); the first round asks all singleton gains in one batch.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace setfn {

struct GreedyResult {
    std::vector<int64_t> set;     // in the order greedy picked them
    double value = 0.0;           // f(set) = Σ of the picked gains (f(∅) = 0)
    int64_t gain_queries = 0;     // candidates evaluated
};

// Scratch reused across calls (no allocation in steady state).
struct GreedyScratch {
    struct Entry {
        double bound;
        int64_t element;
        int64_t stamp;  // |S| when the bound was computed
    };
    std::vector<Entry> heap;
    std::vector<double> out;
};

namespace detail {
inline bool heap_less(const GreedyScratch::Entry& a, const GreedyScratch::Entry& b) {
    // max-heap on bound; ties to the smaller index
    return a.bound < b.bound || (a.bound == b.bound && a.element > b.element);
}
}  // namespace detail

template <class Gains>
void lazy_greedy(std::span<const int64_t> ground, int64_t k, Gains&& gains, GreedyResult& res,
                 GreedyScratch& scratch) {
    res.set.clear();
    res.value = 0.0;
    res.gain_queries = 0;
    if (k <= 0 || ground.empty()) return;
    scratch.out.resize(ground.size());
    gains(std::span<const int64_t>(), ground, std::span<double>(scratch.out.data(), ground.size()));
    res.gain_queries += static_cast<int64_t>(ground.size());
    auto& h = scratch.heap;
    h.clear();
    for (size_t j = 0; j < ground.size(); ++j) h.push_back({scratch.out[j], ground[j], 0});
    std::make_heap(h.begin(), h.end(), detail::heap_less);
    while (static_cast<int64_t>(res.set.size()) < k && !h.empty()) {
        std::pop_heap(h.begin(), h.end(), detail::heap_less);
        GreedyScratch::Entry top = h.back();
        h.pop_back();
        const int64_t now = static_cast<int64_t>(res.set.size());
        if (top.stamp == now) {
            if (!(top.bound > 0.0)) break;  // monotone f: nothing adds value any more
            res.set.push_back(top.element);
            res.value += top.bound;
            continue;
        }
        double g = 0.0;
        const int64_t e = top.element;
        gains(std::span<const int64_t>(res.set), std::span<const int64_t>(&e, 1), std::span<double>(&g, 1));
        ++res.gain_queries;
        h.push_back({g, e, now});
        std::push_heap(h.begin(), h.end(), detail::heap_less);
    }
}

template <class Gains>
GreedyResult lazy_greedy(std::span<const int64_t> ground, int64_t k, Gains&& gains) {
    GreedyResult res;
    GreedyScratch scratch;
    lazy_greedy(ground, k, gains, res, scratch);
    return res;
}

// The plain greedy (every gain at every step): the reference the unit tests compare with.
template <class Gains>
GreedyResult plain_greedy(std::span<const int64_t> ground, int64_t k, Gains&& gains) {
    GreedyResult res;
    std::vector<int64_t> cand(ground.begin(), ground.end());
    std::vector<double> out;
    while (static_cast<int64_t>(res.set.size()) < k && !cand.empty()) {
        out.assign(cand.size(), 0.0);
        gains(std::span<const int64_t>(res.set), std::span<const int64_t>(cand), std::span<double>(out));
        res.gain_queries += static_cast<int64_t>(cand.size());
        size_t best = 0;
        for (size_t j = 1; j < cand.size(); ++j)
            if (out[j] > out[best] || (out[j] == out[best] && cand[j] < cand[best])) best = j;
        if (!(out[best] > 0.0)) break;
        res.set.push_back(cand[best]);
        res.value += out[best];
        cand.erase(cand.begin() + static_cast<std::ptrdiff_t>(best));
    }
    return res;
}

}  // namespace setfn
