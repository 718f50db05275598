// active_list.hpp — the active elements as an unordered list with O(1) insert and delete (the
// baselines keep the ground set they recompute or re-stream).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace dynsub {

class ActiveList {
public:
    explicit ActiveList(int64_t universe) : pos_(static_cast<size_t>(universe), -1) {}
    void insert(int64_t e) {
        pos_[e] = static_cast<int64_t>(list_.size());
        list_.push_back(e);
    }
    void erase(int64_t e) {
        const int64_t p = pos_[e], last = list_.back();
        list_[p] = last;
        pos_[last] = p;
        list_.pop_back();
        pos_[e] = -1;
    }
    bool contains(int64_t e) const { return pos_[e] >= 0; }
    std::span<const int64_t> elements() const { return list_; }

private:
    std::vector<int64_t> list_, pos_;
};

}  // namespace dynsub
