// halving_levels.hpp — the levelled structure of Lattanzi, Mitrovic, Norouzi-Fard, Tarnawski &
// Zadimoghaddam, "Fully Dynamic Algorithm for Constrained Submodular Optimization" (NeurIPS 2020),
// their "simple algorithm" (Section 3), for one OPT guess γ with threshold τ = γ / 2k. This is the
// polylog(n) structure whose analysis Banihashem et al. (ICML 2023) revisit; dynsub.halving runs it
// as a baseline next to dynsub.dynamic. Written from the paper's description as the authors' code
// (google-research/fully_dynamic_submodular_maximization) implements it; no line is taken from it.
//
// Structure (levels ℓ = 0 … T, T = ⌈log₂ n⌉, n the universe size):
//   A_ℓ   the candidates of level ℓ when it was built (minus later deletions),
//   B_ℓ   the insertion buffer of level ℓ (elements inserted since level ℓ was built),
//   S_ℓ   the elements picked at level ℓ;  G = S_0 ∪ … ∪ S_T, |G| ≤ k.
// Level construction from ℓ₀ (keeps S_0 … S_{ℓ₀−1}):
//   C ← shuffle(A_ℓ₀ ∪ B_ℓ₀) filtered to f(e | G) ≥ τ;  clear A, B, S of levels ≥ ℓ₀;
//   for ℓ = ℓ₀ … T while |G| < k:  A_ℓ ← C;  stop if C = ∅;
//       while |C| ≥ 2^(T−ℓ):  scan C in order for the first e with f(e | G) > τ, add it to S_ℓ and
//                             G (stop at |G| = k);  C ← {e ∈ C : f(e | G) ≥ τ}.
//   So level ℓ keeps picking random elements until fewer than 2^(T−ℓ) candidates pass: the
//   candidate sets halve from level to level.
// Insert e (f(e) ≥ τ):  add e to every B_ℓ; rebuild from the first ℓ with |B_ℓ| ≥ 2^(T−ℓ), if
//   |G| < k (B_T fills at one element, so an insert into a structure with |G| < k always rebuilds
//   some suffix; with |G| = k it only waits in the buffers).
// Delete e:  remove e from every A_ℓ and B_ℓ; if e ∈ S_ℓ, remove it, ask f(G) (one value query) and
//   remember the lowest level hit since the last rebuild; rebuild from that level when
//   f(G) < (1 − ε) γ/2.
// Guarantee (per their paper): the guess with γ ≤ OPT ≤ (1+ε)γ keeps f(G) ≥ (1 − ε)·OPT/(2(1+ε)).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include <tessera/kit/rng.hpp>

namespace dynsub {

// gains(S, cand, out): out[j] = f(S ∪ {cand[j]}) − f(S); value(S) = f(S). One query per candidate
// or set.
template <class Gains>
class HalvingLevels {
public:
    HalvingLevels(double gamma, double tau, int64_t k, int64_t universe, double eps)
        : gamma_(gamma), tau_(tau), eps_(eps), k_(k),
          T_(static_cast<int>(std::ceil(std::log2(static_cast<double>(std::max<int64_t>(universe, 2))) - 1e-9))),
          levels_(static_cast<size_t>(T_) + 1), b_start_(static_cast<size_t>(T_) + 1, 0),
          b_count_(static_cast<size_t>(T_) + 1, 0), member_(static_cast<size_t>(universe), 0),
          entry_(static_cast<size_t>(universe), -1), in_level_(static_cast<size_t>(universe), -1),
          stamp_(static_cast<size_t>(universe), 0) {}

    double gamma() const { return gamma_; }
    double tau() const { return tau_; }
    int top_level() const { return T_; }
    std::span<const int64_t> solution() const { return chosen_; }
    double value() const { return value_; }
    int64_t rebuilds() const { return rebuilds_; }
    // Live elements of the insertion buffer B_ℓ.
    int64_t buffered(int l) const { return b_count_[l]; }
    std::span<const int64_t> picked(int l) const { return levels_[l].S; }
    bool member(int64_t e) const { return member_[e] != 0; }
    // Whether e waits in the buffer B_ℓ.
    bool in_buffer(int l, int64_t e) const { return member_[e] && entry_[e] >= b_start_[l]; }

    // e was inserted with fe = f({e}) ≥ τ (the caller's guess membership).
    void insert(int64_t e, double /*fe*/, Gains& gains, tsr::kit::Rng& rng) {
        member_[e] = 1;
        entry_[e] = static_cast<int64_t>(buffer_.size());  // into every buffer
        buffer_.push_back(e);
        for (int64_t& c : b_count_) ++c;
        if (static_cast<int64_t>(chosen_.size()) >= k_) return;
        for (int l = 0; l <= T_; ++l)
            if (b_count_[l] >= capacity(l)) {
                construct(l, gains, rng);
                return;
            }
    }

    // A deleted element leaves A_ℓ lazily (skipped when a level is rebuilt); the buffer counts
    // and S are exact at once.
    void erase(int64_t e, Gains& gains, tsr::kit::Rng& rng) {
        if (!member_[e]) return;
        member_[e] = 0;
        for (int l = 0; l <= T_ && entry_[e] >= b_start_[l]; ++l) --b_count_[l];
        entry_[e] = -1;
        const int l = in_level_[e];
        if (l < 0) return;
        std::vector<int64_t>& S = levels_[l].S;
        S.erase(std::find(S.begin(), S.end(), e));
        in_level_[e] = -1;
        collect_chosen();
        value_ = chosen_.empty() ? 0.0 : gains.value(std::span<const int64_t>(chosen_));
        lowest_hit_ = lowest_hit_ < 0 ? l : std::min(lowest_hit_, l);
        if (value_ < (1.0 - eps_) * gamma_ / 2.0) {
            construct(lowest_hit_, gains, rng);
            lowest_hit_ = -1;
        }
    }

private:
    struct Level {
        std::vector<int64_t> A, S;
    };

    int64_t capacity(int l) const { return int64_t{1} << (T_ - l); }

    void collect_chosen() {
        chosen_.clear();
        for (const Level& L : levels_) chosen_.insert(chosen_.end(), L.S.begin(), L.S.end());
    }

    // C ← {e ∈ C : f(e | G) ≥ τ}, one batched gains call (order kept). out_[i] keeps f(cand_[i] | G)
    // for the G of this call, so the pick that follows needs no query of its own.
    void filter(Gains& gains) {
        if (cand_.empty()) return;
        out_.resize(cand_.size());
        gains(std::span<const int64_t>(chosen_), std::span<const int64_t>(cand_), std::span<double>(out_));
        size_t w = 0;
        for (size_t i = 0; i < cand_.size(); ++i)
            if (out_[i] >= tau_) {
                cand_[w] = cand_[i];
                out_[w++] = out_[i];
            }
        cand_.resize(w);
        out_.resize(w);
    }

    // C ← live elements of A_ℓ₀ ∪ B_ℓ₀, each once; the buffers of levels ≥ ℓ₀ are emptied.
    // The buffers are suffixes of one insertion log (B_0 ⊇ B_1 ⊇ … ⊇ B_T, each emptied by the
    // rebuilds from its level or below): B_ℓ = the live log entries at index ≥ b_start_[ℓ].
    void gather(int l0) {
        ++generation_;
        cand_.clear();
        auto take = [&](int64_t e) {
            if (member_[e] && stamp_[e] != generation_) {
                stamp_[e] = generation_;
                cand_.push_back(e);
            }
        };
        const auto end = static_cast<int64_t>(buffer_.size());
        for (int64_t i = b_start_[l0]; i < end; ++i)
            if (entry_[buffer_[i]] == i) take(buffer_[i]);
        for (int l = l0; l <= T_; ++l) {
            b_start_[l] = end;
            b_count_[l] = 0;
        }
        for (int64_t e : levels_[l0].A) take(e);
        compact();
    }

    // Drops the log entries before B_0 and the dead ones once they outnumber the live ones.
    void compact() {
        const int64_t live = b_count_[0];
        if (static_cast<int64_t>(buffer_.size()) <= 2 * live + 64) return;
        for (int64_t i = 0; i < b_start_[0]; ++i)  // in no buffer any more
            if (entry_[buffer_[i]] == i) entry_[buffer_[i]] = -1;
        int64_t w = 0;
        int l = 0;
        for (int64_t i = b_start_[0]; i < static_cast<int64_t>(buffer_.size()); ++i) {
            for (; l <= T_ && b_start_[l] <= i; ++l) b_start_[l] = w;
            const int64_t e = buffer_[i];
            if (entry_[e] != i) continue;
            entry_[e] = w;
            buffer_[w++] = e;
        }
        for (; l <= T_; ++l) b_start_[l] = w;
        buffer_.resize(static_cast<size_t>(w));
    }

    void construct(int l0, Gains& gains, tsr::kit::Rng& rng) {
        ++rebuilds_;
        gather(l0);
        for (size_t i = cand_.size(); i > 1; --i) std::swap(cand_[i - 1], cand_[rng.below(i)]);  // uniform order
        for (int l = l0; l <= T_; ++l) {
            Level& L = levels_[l];
            for (int64_t s : L.S) in_level_[s] = -1;
            L.A.clear();
            L.S.clear();
        }
        collect_chosen();
        value_ = chosen_.empty() ? 0.0 : gains.value(std::span<const int64_t>(chosen_));
        filter(gains);
        for (int l = l0; l <= T_ && static_cast<int64_t>(chosen_.size()) < k_; ++l) {
            Level& L = levels_[l];
            L.A = cand_;
            if (cand_.empty()) return;
            while (static_cast<int64_t>(cand_.size()) >= capacity(l)) {
                // the first candidate, in the random order, whose gain is above τ (G has not
                // changed since the filter, so its gains are the ones the filter got)
                bool picked = false;
                for (size_t i = 0; i < cand_.size(); ++i)
                    if (out_[i] > tau_) {
                        const int64_t e = cand_[i];
                        L.S.push_back(e);
                        in_level_[e] = l;
                        chosen_.push_back(e);
                        value_ += out_[i];
                        picked = true;
                        break;
                    }
                if (!picked) break;  // every gain exactly τ: nothing above it at this level (C stays)
                if (static_cast<int64_t>(chosen_.size()) >= k_) return;
                filter(gains);
            }
        }
    }

    double gamma_, tau_, eps_;
    int64_t k_;
    int T_;
    std::vector<Level> levels_;
    std::vector<int64_t> buffer_;    // the insertion log the buffers are suffixes of
    std::vector<int64_t> b_start_;   // B_ℓ starts at this log index (non-decreasing in ℓ)
    std::vector<int64_t> b_count_;   // live entries of B_ℓ
    std::vector<uint8_t> member_;    // e inserted into this guess and not deleted since
    std::vector<int64_t> entry_;     // e's live log index, or −1
    std::vector<int> in_level_;      // the level whose S holds e, or −1
    std::vector<uint32_t> stamp_;    // dedupe marks of gather()
    uint32_t generation_ = 0;
    std::vector<int64_t> chosen_, cand_;
    std::vector<double> out_;
    double value_ = 0.0;
    int64_t rebuilds_ = 0;
    int lowest_hit_ = -1;
};

}  // namespace dynsub
