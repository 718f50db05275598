// feedback_plan.hpp — how the batched framework of Cheng, Zhou & Ji (ICML 2023) spends its
// feedback: the mode (full-information or bandit), the number of batches N, the batch length
// τ ≈ T/N and the learning rate η, from T, K and the extra-observation budget B.
//
// Full-information mode (extra observations): in every batch, at one round drawn uniformly in the
// batch, observe the K − 1 arms not played (the played arm's loss comes with the step), so the
// batch costs K − 1 extra observations:
//     N = min(T, ⌊B / (K − 1)⌋),  τ = T / N,  η = √(8 ln K / N)             (Hedge on [0,1] losses)
//     regret ≤ τ √(N ln K / 2) + E[switches] = T √(ln K / (2N)) + E[switches]  = Õ(T √(K / B))
//     E[switches] ≤ N (fresh draws) or ≤ η N = √(8 N ln K) (lazy, shrinking dartboard)
// Bandit mode (batched EXP3, Arora, Dekel & Tewari, ICML 2012): no extra observation; EXP3 on the
// batch means of the played arm's loss:
//     τ = (2T / (K ln K))^{1/3},  N = ⌈T / τ⌉,  η = √(2 ln K / (N K))
//     regret ≤ τ √(2 N K ln K) + N  = 3 (K ln K / 2)^{1/3} T^{2/3}      (at that τ)
// Auto: the mode whose bound above is smaller. The crossing is at B ≍ K^{1/3} T^{2/3} (up to
// logarithms and constants), the phase transition of the paper's Theorem for bandits with extra
// observations: below it extra observations cannot improve on Θ̃(K^{1/3}T^{2/3}); above it the
// full-information mode reaches Θ̃(T √(K / B)).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace switching_costs {

enum class Mode { full, bandit };

struct FeedbackPlan {
    Mode mode;
    int64_t batches;  // N
    double eta;       // η
    double bound;     // the regret bound the plan was chosen by (theory, not a measurement)
};

inline double log_arms(int64_t K) { return std::log(static_cast<double>(K)); }

inline FeedbackPlan bandit_plan(int64_t T, int64_t K, int64_t batch_override) {
    const double lnK = log_arms(K);
    const double tau = batch_override > 0 ? static_cast<double>(batch_override)
                                          : std::max(1.0, std::round(std::cbrt(2.0 * T / (K * lnK))));
    const int64_t N = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(T / tau)));
    const double eta = std::sqrt(2.0 * lnK / (static_cast<double>(N) * K));
    return {Mode::bandit, N, eta, tau * std::sqrt(2.0 * N * K * lnK) + static_cast<double>(N)};
}

// N = 0 when the budget cannot pay for one batch (B < K − 1).
inline FeedbackPlan full_plan(int64_t T, int64_t K, int64_t budget, int64_t batch_override, bool lazy) {
    int64_t N = std::min<int64_t>(T, budget / (K - 1));
    if (batch_override > 0) N = std::min<int64_t>(N, (T + batch_override - 1) / batch_override);
    if (N < 1) return {Mode::full, 0, 0.0, INFINITY};
    const double lnK = log_arms(K);
    const double eta = std::sqrt(8.0 * lnK / static_cast<double>(N));
    const double switches = lazy ? std::min<double>(N, eta * N) : static_cast<double>(N);
    return {Mode::full, N, eta, T * std::sqrt(lnK / (2.0 * N)) + switches};
}

inline FeedbackPlan choose_plan(const std::string& mode, int64_t T, int64_t K, int64_t budget, int64_t batch_override,
                                bool lazy) {
    const FeedbackPlan bandit = bandit_plan(T, K, batch_override);
    if (mode == "bandit") return bandit;
    const FeedbackPlan full = full_plan(T, K, budget, batch_override, lazy);
    if (mode == "full") return full;
    return full.batches > 0 && full.bound < bandit.bound ? full : bandit;
}

}  // namespace switching_costs
