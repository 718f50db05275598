// sampling.hpp — uniform minibatches of b distinct component indices out of n, in O(b) per draw:
// a partial Fisher–Yates shuffle of a persistent permutation (its first b entries are a uniform
// b-subset whatever the permutation was before).
#pragma once

#include <numeric>
#include <span>
#include <vector>

#include <tessera/kit/rng.hpp>

namespace vr_halpern {

class SubsetSampler {
public:
    SubsetSampler(int64_t n, int64_t b) : perm_(static_cast<size_t>(n)), b_(std::min(b, n)) {
        std::iota(perm_.begin(), perm_.end(), int64_t{0});
    }
    std::span<const int64_t> draw(tsr::kit::Rng& rng) {
        const auto n = static_cast<uint64_t>(perm_.size());
        for (uint64_t j = 0; j < static_cast<uint64_t>(b_); ++j)
            std::swap(perm_[j], perm_[j + rng.below(n - j)]);
        return {perm_.data(), static_cast<size_t>(b_)};
    }
    int64_t size() const { return b_; }

private:
    std::vector<int64_t> perm_;
    int64_t b_;
};

}  // namespace vr_halpern
