// refine.hpp — schedule refinement (Defazio, Cutkosky, Mehta & Mishchenko 2023, "When, Why and How
// Much? Adaptive Learning Rate Scheduling by Refinement", arXiv:2310.07831, §3 and Alg. 1
// "Schedule Refinement for SGD"), from a sequence G_0, ..., G_{T−1} of per-step gradient norms of
// a previous run:
//
//   Ĝ = median_filter(G, width ≈ τT)                       (smoothing; τ = 0.1 in the authors' figures)
//   w_t = Ĝ_t^{−p}                                          p = 2: SGD, ‖g_t‖₂;  p = 1: Adam, ‖g_t‖₁
//   η_t = w_t Σ_{s=t+1}^{T−1} w_s   (η_{T−1} = 0)            (the refined last-iterate schedule)
//   η_t ← η_t / max_s η_s                                   (peak 1; times the tuned peak lr)
//
// Verified against the authors' code (github.com/facebookresearch/adaptive_scheduling):
// find_schedule.py `find_closed_form_schedule` (w_t Σ_{p>t} w_p, 0 at the last step), visual.py
// (weights G^-2 for ℓ2 norm sequences and G^-1 for the ℓ1 sequences of Adam-type runs, the
// normalisation sched / max(sched), median width 2⌊⌊0.1·T⌋/2⌋+1) and README.md (the padding of
// the median filter, below). With a constant G the schedule is η_t = (T−1−t)/(T−1): linear decay
// (tests/lr_refine checks this).
//
// Ownership: values in, values out. Thread rule: pure functions.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <set>
#include <vector>

namespace lr_refine {

// The odd filter width of the authors' code: 2⌊⌊τT⌋/2⌋ + 1.
inline int64_t median_width(double tau, int64_t T) {
    const auto k = static_cast<int64_t>(std::floor(tau * static_cast<double>(T)));
    return 2 * (k / 2) + 1;
}

// scipy.ndimage.median_filter(np.pad(G, (0, 2w), mode='reflect'), size=w, mode='nearest')[:-2w]:
// a centered running median of odd width w; past the end the sequence is reflected about its
// last element (so the final values are not pulled towards a constant), before the start it is
// extended by G_0. A sliding window kept sorted in a multiset, with an iterator on its median:
// O(T log w) (the pilot of a 300-epoch run has T = 37,500 steps and w = 3,751).
inline std::vector<double> median_filter(const std::vector<double>& G, int64_t w) {
    const auto T = static_cast<int64_t>(G.size());
    std::vector<double> out(G.size());
    if (T == 0) return out;
    const int64_t h = w / 2;
    auto at = [&](int64_t i) -> double {
        if (i < 0) return G[0];  // 'nearest' before the start
        if (i < T) return G[static_cast<size_t>(i)];
        if (T == 1) return G[0];
        const int64_t period = 2 * (T - 1);  // np.pad 'reflect' (edge not repeated), periodic beyond
        int64_t m = i % period;
        if (m >= T) m = period - m;
        return G[static_cast<size_t>(m)];
    };
    std::multiset<double> window;
    for (int64_t j = -h; j <= h; ++j) window.insert(at(j));
    auto mid = std::next(window.begin(), h);  // the (h+1)-th smallest of the 2h+1
    out[0] = *mid;
    for (int64_t t = 1; t < T; ++t) {
        // Insert the entering value, then remove the leaving one, keeping `mid` on the median:
        // equal values are inserted after their equals and erased from the first of them, so
        // the erased node is never the one `mid` points to.
        const double enter = at(t + h), leave = at(t - 1 - h);
        window.insert(enter);
        if (enter < *mid) --mid;
        if (leave <= *mid) ++mid;
        window.erase(window.lower_bound(leave));
        out[static_cast<size_t>(t)] = *mid;
    }
    return out;
}

// η_t = w_t Σ_{s>t} w_s with w_t = Ĝ_t^{−power}, normalised to peak 1 (all zeros when T <= 1).
// The normalisation makes η independent of the scale of G, so the weights are computed from
// Ĝ_t / max Ĝ (no overflow), floored at 1e-100 so that a zero norm gives a huge, finite weight.
inline std::vector<double> refined_schedule(const std::vector<double>& G_smoothed, double power) {
    const size_t T = G_smoothed.size();
    std::vector<double> w(T), eta(T, 0.0);
    const double gmax = T ? *std::max_element(G_smoothed.begin(), G_smoothed.end()) : 0.0;
    const double scale = gmax > 0.0 && std::isfinite(gmax) ? 1.0 / gmax : 1.0;
    for (size_t t = 0; t < T; ++t) w[t] = std::pow(std::max(G_smoothed[t] * scale, 1e-100), -power);
    double tail = 0.0;  // Σ_{s>t} w_s
    for (size_t t = T; t-- > 0;) {
        eta[t] = w[t] * tail;
        tail += w[t];
    }
    const double peak = T ? *std::max_element(eta.begin(), eta.end()) : 0.0;
    if (peak > 0.0 && std::isfinite(peak))
        for (double& e : eta) e /= peak;
    return eta;
}

}  // namespace lr_refine
