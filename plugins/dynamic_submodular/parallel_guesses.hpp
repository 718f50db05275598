// parallel_guesses.hpp — the top level of dynsub.dynamic and dynsub.halving: one levelled
// structure per OPT guess γ_i = (1+ε)^i (ThresholdLevels, Banihashem et al., ICML 2023; or
// HalvingLevels, Lattanzi et al., NeurIPS 2020), run in parallel, and the best of their solutions
// (the guessing is the standard one of Badanidiyuru et al. 2014 and Lattanzi et al. 2020).
//
// An element e with singleton value f(e) > 0 takes part in the guesses with
// τ_i = γ_i / 2k ≤ f(e) ≤ (1+ε) γ_i, i.e. f(e)/(1+ε) ≤ γ_i ≤ 2k f(e): O(log(2k)/ε) guesses per
// element; a guess exists once an element takes part in it (an empty guess costs nothing, so this
// is the same as running every guess of [min f(e), 2k max f(e)] from the start). Whatever the
// active set, the guess with γ ≤ OPT ≤ (1+ε)γ holds every active element it needs (see
// threshold_levels.hpp), so the best solution over guesses is ≥ OPT / (2(1+ε)).
#pragma once

#include <cmath>
#include <map>
#include <type_traits>
#include <memory>
#include <span>
#include <vector>

#include "threshold_levels.hpp"

namespace dynsub {

// Levels(γ, τ, k, universe) or Levels(γ, τ, k, universe, ε), with insert(e, f(e), gains, rng),
// erase(e, gains, rng), solution(), value(), rebuilds().
template <class Gains, class Levels = ThresholdLevels<Gains>>
class ParallelGuesses {
public:

    ParallelGuesses(double eps, int64_t k, int64_t universe)
        : eps_(eps), k_(k), universe_(universe), log1e_(std::log1p(eps)), singleton_(static_cast<size_t>(universe), 0.0) {}

    void insert(int64_t e, double fe, Gains& gains, tsr::kit::Rng& rng) {
        singleton_[e] = fe;
        if (!(fe > 0.0)) return;
        const auto [lo, hi] = range(fe);
        for (int64_t i = lo; i <= hi; ++i) {
            const double gamma = std::exp(static_cast<double>(i) * log1e_);
            const double tau = gamma / (2.0 * static_cast<double>(k_));
            if (!(fe >= tau && fe <= (1.0 + eps_) * gamma)) continue;
            auto& g = guesses_[i];
            if (!g) {
                if constexpr (std::is_constructible_v<Levels, double, double, int64_t, int64_t, double>)
                    g = std::make_unique<Levels>(gamma, tau, k_, universe_, eps_);
                else
                    g = std::make_unique<Levels>(gamma, tau, k_, universe_);
            }
            g->insert(e, fe, gains, rng);
        }
        pick_best();
    }

    void erase(int64_t e, Gains& gains, tsr::kit::Rng& rng) {
        const double fe = singleton_[e];
        if (!(fe > 0.0)) return;
        const auto [lo, hi] = range(fe);
        for (int64_t i = lo; i <= hi; ++i) {
            auto it = guesses_.find(i);
            if (it != guesses_.end()) it->second->erase(e, gains, rng);
        }
        pick_best();
    }

    std::span<const int64_t> solution() const { return best_ ? best_->solution() : std::span<const int64_t>(); }
    double value() const { return best_ ? best_->value() : 0.0; }
    int64_t num_guesses() const { return static_cast<int64_t>(guesses_.size()); }
    int64_t rebuilds() const {
        int64_t s = 0;
        for (const auto& [i, g] : guesses_) s += g->rebuilds();
        return s;
    }
    template <class Visit>
    void for_each_guess(Visit&& v) const {
        for (const auto& [i, g] : guesses_) v(*g);
    }

private:
    // Guess indices i with f(e)/(1+ε) ≤ (1+ε)^i ≤ 2k f(e) (one index wider each side; the exact
    // test is made against γ_i itself).
    std::pair<int64_t, int64_t> range(double fe) const {
        const int64_t lo = static_cast<int64_t>(std::floor(std::log(fe) / log1e_)) - 2;
        const int64_t hi = static_cast<int64_t>(std::ceil(std::log(2.0 * static_cast<double>(k_) * fe) / log1e_)) + 1;
        return {lo, hi};
    }
    void pick_best() {
        best_ = nullptr;
        for (const auto& [i, g] : guesses_)
            if (!best_ || g->value() > best_->value()) best_ = g.get();
    }

    double eps_;
    int64_t k_, universe_;
    double log1e_;
    std::vector<double> singleton_;
    std::map<int64_t, std::unique_ptr<Levels>> guesses_;
    const Levels* best_ = nullptr;
};

}  // namespace dynsub
