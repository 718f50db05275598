// coverage.hpp — weighted max-k-coverage: n sets over a universe of m items with weights w ≥ 0,
//
//   f(S) = Σ_{j ∈ ∪_{e∈S} A_e} w_j,      f(e | S) = Σ_{j ∈ A_e \ ∪_{s∈S} A_s} w_j.
//
// Monotone, submodular, f(∅) = 0. Max-k-coverage is NP-hard; greedy is (1 − 1/e)-optimal and no
// polynomial algorithm does better unless P = NP (Feige 1998), so the metric compares with greedy.
//
// Random instance from a seed (tsr::kit::Rng streams mix_seed(seed, k)):
//   k = 1: set sizes |A_e| uniform in {1, …, 2·set_size − 1} (mean set_size);
//   k = 2: items of each set: item j drawn with probability ∝ (j + 1)^(−skew) (skew = 0: uniform),
//          without repeats inside a set (a repeat is redrawn);
//   k = 3: weights w_j uniform in [0.5, 1.5).
// The skew makes a few items popular, so that sets overlap and coverage is not additive.
//
// Batched gains (the tsr.set_function.v1 call): S's items are marked once per call with a
// generation stamp, then each candidate sums its unmarked items: O(Σ_{e∈S}|A_e| + Σ_cand |A_e|).
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include <tessera/kit/rng.hpp>

namespace setfn {

class Coverage {
public:
    Coverage(std::vector<int64_t> offsets, std::vector<int32_t> items, std::vector<double> weights)
        : offsets_(std::move(offsets)), items_(std::move(items)), weights_(std::move(weights)),
          mark_(weights_.size(), 0) {}

    static Coverage random(int64_t n, int64_t m, double set_size, double skew, uint64_t seed) {
        tsr::kit::Rng rs(tsr::kit::mix_seed(seed, 1)), ri(tsr::kit::mix_seed(seed, 2)), rw(tsr::kit::mix_seed(seed, 3));
        // cumulative popularity for inverse-CDF sampling of items
        std::vector<double> cdf(static_cast<size_t>(m));
        double acc = 0.0;
        for (int64_t j = 0; j < m; ++j) cdf[j] = (acc += std::pow(static_cast<double>(j + 1), -skew));
        for (double& c : cdf) c /= acc;
        const int64_t max_size = std::max<int64_t>(1, std::llround(2.0 * set_size - 1.0));
        std::vector<int64_t> offsets{0};
        std::vector<int32_t> items;
        std::vector<uint8_t> in_set(static_cast<size_t>(m), 0);
        for (int64_t e = 0; e < n; ++e) {
            const int64_t size = std::min<int64_t>(m, 1 + static_cast<int64_t>(rs.below(static_cast<uint64_t>(max_size))));
            const size_t begin = items.size();
            while (static_cast<int64_t>(items.size() - begin) < size) {
                const double u = ri.uniform();
                const int64_t j = std::min<int64_t>(m - 1, std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
                if (in_set[j]) continue;
                in_set[j] = 1;
                items.push_back(static_cast<int32_t>(j));
            }
            for (size_t t = begin; t < items.size(); ++t) in_set[items[t]] = 0;
            offsets.push_back(static_cast<int64_t>(items.size()));
        }
        std::vector<double> w(static_cast<size_t>(m));
        for (double& x : w) x = rw.uniform(0.5, 1.5);
        return Coverage(std::move(offsets), std::move(items), std::move(w));
    }

    int64_t n() const { return static_cast<int64_t>(offsets_.size()) - 1; }
    int64_t m() const { return static_cast<int64_t>(weights_.size()); }
    std::span<const int32_t> set(int64_t e) const {
        return {items_.data() + offsets_[e], static_cast<size_t>(offsets_[e + 1] - offsets_[e])};
    }

    double value(std::span<const int64_t> S) {
        next_stamp();
        double v = 0.0;
        for (int64_t e : S)
            for (int32_t j : set(e))
                if (mark_[j] != stamp_) {
                    mark_[j] = stamp_;
                    v += weights_[j];
                }
        return v;
    }

    void gains(std::span<const int64_t> S, std::span<const int64_t> cand, std::span<double> out) {
        next_stamp();
        for (int64_t e : S)
            for (int32_t j : set(e)) mark_[j] = stamp_;
        for (size_t c = 0; c < cand.size(); ++c) {
            double g = 0.0;
            for (int32_t j : set(cand[c]))
                if (mark_[j] != stamp_) g += weights_[j];
            out[c] = g;  // a candidate in S covers only marked items: gain 0
        }
    }

private:
    void next_stamp() {
        if (++stamp_ == 0) {  // wrapped: clear the marks once every 2^32 calls
            std::fill(mark_.begin(), mark_.end(), 0u);
            stamp_ = 1;
        }
    }

    std::vector<int64_t> offsets_;
    std::vector<int32_t> items_;
    std::vector<double> weights_;
    std::vector<uint32_t> mark_;
    uint32_t stamp_ = 0;
};

}  // namespace setfn
