// active_list.hpp — a subset of {0, …, n−1} as an unordered list with O(1) insert and erase: the
// streams' active and inactive sets, the metrics' replayed active set, and the ground set the
// dynsub baselines recompute or re-stream.
//
// The order is part of the results: insert appends and erase moves the last element into the
// hole, and callers draw by index (rng.below(size)) into elements(), so the streams depend on it.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace setfn {

class ActiveList {
public:
    explicit ActiveList(int64_t universe) : pos_(static_cast<size_t>(universe), -1) {}
    // e must not be in the list.
    void insert(int64_t e) {
        pos_[e] = static_cast<int64_t>(list_.size());
        list_.push_back(e);
    }
    // e must be in the list.
    void erase(int64_t e) {
        const int64_t p = pos_[e], last = list_.back();
        list_[p] = last;
        pos_[last] = p;
        list_.pop_back();
        pos_[e] = -1;
    }
    bool contains(int64_t e) const { return pos_[e] >= 0; }
    bool empty() const { return list_.empty(); }
    std::span<const int64_t> elements() const { return list_; }

private:
    std::vector<int64_t> list_, pos_;
};

}  // namespace setfn
