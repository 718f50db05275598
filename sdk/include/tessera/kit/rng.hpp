// tessera/kit/rng.hpp — reproducible randomness from a 64-bit seed.
//
// The standard library's distributions are implementation-defined (libstdc++ and libc++ draw
// different normals from the same engine), so results would change with the toolchain. This
// header defines the engine AND the distributions, bit-for-bit the same everywhere.
//
//   tsr::kit::Rng rng(run.seed());
//   double u = rng.uniform();            // [0, 1)
//   double z = rng.normal();             // N(0, 1)
//   int64_t i = rng.below(n);            // uniform in [0, n)
//   int64_t k = tsr::kit::sample_index(p, rng);  // k with probability p[k]
//   uint64_t s = tsr::kit::mix_seed(seed, 7);   // an independent stream for role 7
//
// Thread rule: an Rng is a value; one per thread.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

namespace tsr::kit {

// SplitMix64 finalizer (Steele, Lea & Flood 2014): a bijective 64-bit mix.
constexpr uint64_t splitmix64(uint64_t x) noexcept {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Counter-based derivation of a child seed: the same (seed, key) always gives the same child,
// whatever order children are derived in. Used by the host for (master, run, role).
constexpr uint64_t mix_seed(uint64_t seed, uint64_t key) noexcept {
    return splitmix64(splitmix64(seed) ^ (key * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL));
}

// xoshiro256** (Blackman & Vigna 2018). Satisfies UniformRandomBitGenerator.
class Rng {
public:
    using result_type = uint64_t;

    explicit Rng(uint64_t seed = 0) noexcept {
        uint64_t x = seed;
        for (auto& w : s_) w = splitmix64(x++);
    }

    static constexpr result_type min() noexcept { return 0; }
    static constexpr result_type max() noexcept { return std::numeric_limits<uint64_t>::max(); }

    result_type operator()() noexcept {
        const uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    double uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }
    double uniform(double a, double b) noexcept { return a + (b - a) * uniform(); }

    // Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject). n > 0.
    uint64_t below(uint64_t n) noexcept {
        __uint128_t m = static_cast<__uint128_t>((*this)()) * n;
        uint64_t low = static_cast<uint64_t>(m);
        if (low < n) {
            const uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                m = static_cast<__uint128_t>((*this)()) * n;
                low = static_cast<uint64_t>(m);
            }
        }
        return static_cast<uint64_t>(m >> 64);
    }

    // Standard normal by the Marsaglia polar method; the second value is cached.
    double normal() noexcept {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        double u, v, s;
        do {
            u = 2.0 * uniform() - 1.0;
            v = 2.0 * uniform() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        const double f = std::sqrt(-2.0 * std::log(s) / s);
        spare_ = v * f;
        has_spare_ = true;
        return u * f;
    }
    double normal(double mean, double sd) noexcept { return mean + sd * normal(); }

    bool bernoulli(double p) noexcept { return uniform() < p; }

private:
    static constexpr uint64_t rotl(uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
    uint64_t s_[4];
    double spare_ = 0.0;
    bool has_spare_ = false;
};

// A uniformly random permutation of 0..d-1 (Fisher–Yates from the back; the draw sequence is part
// of every generator that uses it, so it does not change).
inline std::vector<int64_t> random_permutation(int64_t d, Rng& rng) {
    std::vector<int64_t> p(static_cast<size_t>(d));
    std::iota(p.begin(), p.end(), 0);
    for (int64_t i = d - 1; i > 0; --i) std::swap(p[static_cast<size_t>(i)], p[rng.below(static_cast<uint64_t>(i + 1))]);
    return p;
}

// An index drawn from the probabilities p (p ≥ 0, Σ p = 1) by inversion: the first k with
// u < p_0 + … + p_k for one u = rng.uniform(). When rounding leaves Σ p just below u, the last k
// with p_k > 0, so an index of zero mass is never drawn. O(K), one draw.
// P: any vector with size() and operator[] (tsr::Vec, tsr::CVecRef, std::vector<double>); a
// template so that this header stays free of Eigen.
template <class P>
int64_t sample_index(const P& p, Rng& rng) {
    const double u = rng.uniform();
    double c = 0.0;
    int64_t last = 0;
    for (int64_t k = 0; k < static_cast<int64_t>(p.size()); ++k) {
        if (!(p[k] > 0.0)) continue;
        c += p[k];
        last = k;
        if (u < c) return k;
    }
    return last;
}

}  // namespace tsr::kit
