// update_stream.hpp — insert/delete streams over the ground set {0, …, n−1} for tsr.stream.v1.
// The active set starts empty; every delete names an active element, every insert an inactive one.
//
//   random       U updates; each is a delete of a uniformly random active element with probability
//                delete_fraction (an insert when nothing is active), else an insert of a uniformly
//                random inactive element (a delete when everything is active).
//   window       a sliding window of width w over a random order π of the n elements: insert π[0],
//                π[1], …; once w are active, every insert is followed by the delete of the oldest
//                active element, so at most w + 1 are active at once (w between pairs);
//                U = n + (n − w) updates.
//   adversarial  as random, but a delete removes an element of the last solution the algorithm
//                reported (stream.solution) that is still active, chosen uniformly; a random active
//                element when none is left. This is the "delete the current solution" pattern that
//                breaks algorithms whose solution is not hidden from an oblivious adversary; it is
//                adaptive, so it is NOT covered by the paper's oblivious-adversary guarantee.
//
// Randomness: the stream's own Rng (seeded from the problem seed, stream k = 10); random and
// window streams are fixed by the seed, adversarial ones also depend on the reported solutions.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <tessera/kit/rng.hpp>

#include "active_list.hpp"

namespace setfn {

enum class StreamKind { random, window, adversarial };

inline StreamKind parse_stream_kind(const std::string& s) {
    if (s == "random") return StreamKind::random;
    if (s == "window") return StreamKind::window;
    if (s == "adversarial") return StreamKind::adversarial;
    throw std::invalid_argument("stream must be random, window or adversarial, not '" + s + "'");
}

struct Update {
    int kind;  // 1 insert, 2 delete, 0 end (the TSR_UPDATE_* values)
    int64_t element;
};

struct StreamSpec {
    StreamKind kind = StreamKind::random;
    int64_t updates = 0;           // random/adversarial: U (0: 2n)
    double delete_fraction = 0.3;  // random/adversarial
    int64_t window = 0;            // window: w (0: n/2)
};

class UpdateStream {
public:
    UpdateStream(int64_t n, const StreamSpec& spec, uint64_t seed) : n_(n), spec_(spec), seed_(seed) {
        if (spec_.kind == StreamKind::window) {
            if (spec_.window <= 0) spec_.window = std::max<int64_t>(1, n_ / 2);
            spec_.window = std::min(spec_.window, n_);
            length_ = n_ + (n_ - spec_.window);
        } else {
            length_ = spec_.updates > 0 ? spec_.updates : 2 * n_;
        }
        restart();
    }

    int64_t n() const { return n_; }
    int64_t length() const { return length_; }
    int64_t position() const { return step_; }

    // Back to the first update (same sequence for a non-adaptive stream).
    void restart() {
        rng_ = tsr::kit::Rng(tsr::kit::mix_seed(seed_, 10));
        step_ = 0;
        active_ = ActiveList(n_);
        inactive_ = ActiveList(n_);
        for (int64_t e = 0; e < n_; ++e) inactive_.insert(e);
        order_.clear();
        inserted_ = removed_ = 0;
        pending_delete_ = false;
        solution_.clear();
        if (spec_.kind == StreamKind::window) order_ = tsr::kit::random_permutation(n_, rng_);
    }

    Update next() {
        if (step_ >= length_) return {0, -1};
        Update u = spec_.kind == StreamKind::window ? next_window() : next_mixed();
        apply(u);
        ++step_;
        return u;
    }

    // The algorithm's latest solution (read by the adversarial stream only).
    void solution(std::span<const int64_t> S) { solution_.assign(S.begin(), S.end()); }

    bool active(int64_t e) const { return active_.contains(e); }

private:
    Update next_window() {
        // Alternate: after the window is full, each insert is followed by the delete of the oldest.
        if (pending_delete_) {
            pending_delete_ = false;
            return {2, order_[removed_++]};
        }
        const int64_t e = order_[inserted_++];
        if (inserted_ > spec_.window && removed_ < n_ - spec_.window) pending_delete_ = true;
        return {1, e};
    }

    Update next_mixed() {
        const bool can_insert = !inactive_.empty(), can_delete = !active_.empty();
        const bool del = can_delete && (!can_insert || rng_.uniform() < spec_.delete_fraction);
        if (!del) return {1, pick(inactive_)};
        if (spec_.kind == StreamKind::adversarial) {
            live_.clear();
            for (int64_t e : solution_)
                if (e >= 0 && e < n_ && active(e)) live_.push_back(e);
            if (!live_.empty()) return {2, live_[rng_.below(live_.size())]};
        }
        return {2, pick(active_)};
    }

    int64_t pick(const ActiveList& from) {
        const std::span<const int64_t> v = from.elements();
        return v[rng_.below(v.size())];
    }

    void apply(const Update& u) {
        if (u.kind == 1) {
            inactive_.erase(u.element);
            active_.insert(u.element);
        } else {
            active_.erase(u.element);
            inactive_.insert(u.element);
        }
    }

    int64_t n_;
    StreamSpec spec_;
    uint64_t seed_;
    tsr::kit::Rng rng_{0};
    int64_t length_ = 0, step_ = 0;
    ActiveList active_{0}, inactive_{0};
    std::vector<int64_t> order_, solution_, live_;
    int64_t inserted_ = 0, removed_ = 0;
    bool pending_delete_ = false;
};

}  // namespace setfn
