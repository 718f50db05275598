// threshold_levels.hpp — the levelled random threshold-greedy of one OPT guess γ (threshold
// τ = γ / 2k) that dynsub.dynamic maintains for every guess in parallel.
//
// Banihashem, Biabani, Goudarzi, Hajiaghayi, Jabbarzade, Monemizadeh, "Dynamic Constrained
// Submodular Optimization with Polylogarithmic Update Time", ICML 2023 (arXiv:2305.15192).
// See README.md "What was verified at the source": the paper's text was not readable from this
// machine; the rules below are the levelled structure as implemented here, stated exactly.
//
// Structure (levels ℓ = 0 … L−1):
//   R_0      = the active elements e with τ ≤ f(e) ≤ (1+ε)γ (smaller singletons can never pass the
//              threshold; larger ones prove γ too small, so a larger guess covers them);
//   g_ℓ      = an element of R_ℓ drawn uniformly at random;  G_ℓ = {g_0, …, g_ℓ};
//   R_{ℓ+1}  = {e ∈ R_ℓ \ {g_ℓ} : f(e | G_ℓ) ≥ τ}                         (the threshold filter);
//   the levels stop at L = k (|G| = k) or when R_L = ∅.  The solution is G = G_{L−1}.
// Every e ∈ R_ℓ keeps its gain f(e | G_{ℓ−1}) ≥ τ from the filter (f(e) for ℓ = 0), so
// f(G) = Σ_ℓ f(g_ℓ | G_{ℓ−1}) is known without a value query.
//
// Guarantee (threshold argument): either |G| = k and f(G) ≥ kτ = γ/2, or every active element of
// R_0 outside G was filtered at some level, f(e | G) ≤ f(e | G_ℓ) < τ, so OPT ≤ f(G) + kτ;
// for the guess with γ ≤ OPT ≤ (1+ε)γ both give f(G) ≥ OPT / (2(1+ε)).
//
// Updates (the uniform choice of g_ℓ within R_ℓ is kept at every level, so an oblivious
// adversary hits g_ℓ with probability 1/|R_ℓ| per update of R_ℓ):
//   insert e:  for ℓ = 0, 1, …: add e to R_ℓ; with probability 1/|R_ℓ| make e the new g_ℓ
//              (reservoir rule) and rebuild the levels below ℓ; else stop unless
//              f(e | G_ℓ) ≥ τ (one query), then go down to ℓ + 1. Below the last level, e opens a
//              new level when |G| < k.
//   delete e:  remove e from every R_ℓ holding it (no query); if e = g_ℓ, draw a new g_ℓ from
//              R_ℓ and rebuild the levels below ℓ.
//   rebuild below ℓ: R_{ℓ+1} by one batched gains call over R_ℓ \ {g_ℓ} against G_ℓ, draw
//              g_{ℓ+1}, and so on until |G| = k or the filter leaves nothing.
// Cost: a rebuild below ℓ costs Σ_{j>ℓ} |R_j| gain queries; an insert costs at most L.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include <tessera/kit/rng.hpp>

namespace dynsub {

// gains(S, cand, out): out[j] = f(S ∪ {cand[j]}) − f(S), one query per candidate.
template <class Gains>
class ThresholdLevels {
public:
    ThresholdLevels(double gamma, double tau, int64_t k, int64_t universe)
        : gamma_(gamma), tau_(tau), k_(k), universe_(universe) {}

    double gamma() const { return gamma_; }
    double tau() const { return tau_; }
    int64_t num_levels() const { return static_cast<int64_t>(levels_.size()); }
    std::span<const int64_t> solution() const { return chosen_; }
    double value() const { return value_; }
    int64_t rebuilds() const { return rebuilds_; }
    std::span<const int64_t> level_set(int64_t l) const { return levels_[l].R; }
    std::span<const double> level_gains(int64_t l) const { return levels_[l].gain; }

    // e was inserted; fe = f({e}) (already asked by the caller, shared by all guesses).
    void insert(int64_t e, double fe, Gains& gains, tsr::kit::Rng& rng) {
        double g = fe;
        for (int64_t l = 0;; ++l) {
            if (l == num_levels()) {
                if (static_cast<int64_t>(chosen_.size()) >= k_) return;  // full: e is below the last level
                open_level();
                add(l, e, g);
                set_chosen(l, 0);
                rebuild_below(l, gains, rng);
                return;
            }
            add(l, e, g);
            Level& L = levels_[l];
            if (rng.below(L.R.size()) == 0) {  // reservoir: e replaces g_ℓ with probability 1/|R_ℓ|
                set_chosen(l, L.where[e]);
                rebuild_below(l, gains, rng);
                return;
            }
            if (l + 1 == num_levels() && static_cast<int64_t>(chosen_.size()) >= k_) return;  // nothing below
            gains(std::span<const int64_t>(chosen_.data(), static_cast<size_t>(l + 1)), std::span<const int64_t>(&e, 1),
                  std::span<double>(&g, 1));
            if (!(g >= tau_)) return;
        }
    }

    void erase(int64_t e, Gains& gains, tsr::kit::Rng& rng) {
        for (int64_t l = 0; l < num_levels(); ++l) {
            Level& L = levels_[l];
            if (L.where[e] < 0) return;
            const bool was_chosen = chosen_[l] == e;
            remove(l, e);
            if (was_chosen) {
                truncate(l + 1);
                if (L.R.empty()) {
                    truncate(l);
                    return;
                }
                set_chosen(l, static_cast<int64_t>(rng.below(L.R.size())));
                rebuild_below(l, gains, rng);
                return;
            }
        }
    }

private:
    struct Level {
        std::vector<int64_t> R;
        std::vector<double> gain;    // gain[i] = f(R[i] | G_{ℓ−1})
        std::vector<int32_t> where;  // universe-sized position index (−1: not in R_ℓ)
    };

    // A new last level, reusing the position index a truncated level left (all −1).
    void open_level() {
        const size_t i = levels_.size();
        if (i < pool_.size() && pool_[i].where.size() == static_cast<size_t>(universe_)) {
            levels_.push_back(std::move(pool_[i]));
        } else {
            levels_.emplace_back();
            levels_.back().where.assign(static_cast<size_t>(universe_), -1);
        }
    }
    void add(int64_t l, int64_t e, double g) {
        Level& L = levels_[l];
        L.where[e] = static_cast<int32_t>(L.R.size());
        L.R.push_back(e);
        L.gain.push_back(g);
    }
    void remove(int64_t l, int64_t e) {
        Level& L = levels_[l];
        const int32_t p = L.where[e];
        const int64_t last = L.R.back();
        L.R[p] = last;
        L.gain[p] = L.gain.back();
        L.where[last] = p;
        L.R.pop_back();
        L.gain.pop_back();
        L.where[e] = -1;
    }
    // g_ℓ = R_ℓ[i]; G loses everything from level ℓ on, then gains g_ℓ.
    void set_chosen(int64_t l, int64_t i) {
        chosen_.resize(static_cast<size_t>(l));
        chosen_gain_.resize(static_cast<size_t>(l));
        chosen_.push_back(levels_[l].R[i]);
        chosen_gain_.push_back(levels_[l].gain[i]);
        recompute_value();
    }
    void recompute_value() {
        chosen_gain_.resize(chosen_.size());
        value_ = 0.0;
        for (double g : chosen_gain_) value_ += g;
    }
    // Drops levels ≥ l (their position indexes are cleared entry by entry and kept for reuse).
    void truncate(int64_t l) {
        if (pool_.size() < levels_.size()) pool_.resize(levels_.size());
        while (num_levels() > l) {
            Level& L = levels_.back();
            for (int64_t e : L.R) L.where[e] = -1;
            L.R.clear();
            L.gain.clear();
            pool_[levels_.size() - 1] = std::move(L);
            levels_.pop_back();
        }
        if (static_cast<int64_t>(chosen_.size()) > l) {
            chosen_.resize(static_cast<size_t>(l));
            recompute_value();
        }
    }
    // Levels ℓ+1, … from R_ℓ and g_ℓ (the filter and a uniform draw per level).
    void rebuild_below(int64_t l, Gains& gains, tsr::kit::Rng& rng) {
        ++rebuilds_;
        truncate(l + 1);
        for (int64_t j = l; static_cast<int64_t>(chosen_.size()) < k_; ++j) {
            const Level& Lj = levels_[j];
            cand_.clear();
            for (int64_t e : Lj.R)
                if (e != chosen_[j]) cand_.push_back(e);
            if (cand_.empty()) return;
            out_.resize(cand_.size());
            gains(std::span<const int64_t>(chosen_), std::span<const int64_t>(cand_), std::span<double>(out_));
            bool any = false;
            for (size_t c = 0; c < cand_.size(); ++c)
                if (out_[c] >= tau_) {
                    if (!any) open_level();
                    any = true;
                    add(j + 1, cand_[c], out_[c]);
                }
            if (!any) return;
            set_chosen(j + 1, static_cast<int64_t>(rng.below(levels_[j + 1].R.size())));
        }
    }

    double gamma_, tau_;
    int64_t k_, universe_;
    std::vector<Level> levels_, pool_;
    std::vector<int64_t> chosen_;
    std::vector<double> chosen_gain_;
    double value_ = 0.0;
    int64_t rebuilds_ = 0;
    std::vector<int64_t> cand_;
    std::vector<double> out_;
};

}  // namespace dynsub
