// pf.max_drawdown — the largest fall of wealth from a previous peak, from the host's
// "env.rewards" (rewards.hpp):
//
//   S_t = exp(Σ_{s≤t} r_s), S_0 = 1;   max_drawdown = max_t (1 − S_t / max_{s≤t} S_s) ∈ [0, 1)
#include "rewards.hpp"

namespace markets {

class MaxDrawdown {
public:
    static constexpr tsr::Info info{"pf.max_drawdown", "1.0.0", "largest relative fall of wealth from its running peak", nullptr};
    static constexpr tsr::Output outputs[] = {
        {"max_drawdown", TSR_LOWER_IS_BETTER, "max over t of 1 - S_t / max_{s<=t} S_s"},
    };

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        out[0] = kNaN;
        const auto rewards = log_returns(r);
        if (!rewards) return;
        double log_s = 0.0, peak = 0.0, worst = 0.0;  // in logs: drawdown = 1 − exp(log S − log peak)
        for (double x : *rewards) {
            log_s += x;
            peak = std::max(peak, log_s);
            worst = std::min(worst, log_s - peak);
        }
        out[0] = -std::expm1(worst);
    }
};

TSR_REGISTER(MaxDrawdown);

}  // namespace markets
