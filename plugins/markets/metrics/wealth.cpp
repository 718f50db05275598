// pf.wealth — the wealth a portfolio run ended with, from the host's "env.rewards" (rewards.hpp).
//
//   log_wealth    = Σ_t r_t = log S_T                   (S_0 = 1; higher is better)
//   wealth        = S_T = exp(log_wealth)
//   annual_growth = periods_per_year · log_wealth / T   (exponential growth rate per year)
#include "rewards.hpp"

namespace markets {

class Wealth {
public:
    static constexpr tsr::Info info{"pf.wealth", "1.0.0", "final wealth, log-wealth and annual growth rate of a portfolio run",
                                    nullptr};
    static constexpr tsr::Output outputs[] = {
        {"log_wealth", TSR_HIGHER_IS_BETTER, "log of the final wealth (initial wealth 1)"},
        {"wealth", TSR_HIGHER_IS_BETTER, "final wealth (initial wealth 1)"},
        {"annual_growth", TSR_HIGHER_IS_BETTER, "log-wealth per year"},
    };
    struct Params {
        double periods_per_year = 252.0;
        static void schema(tsr::Schema<Params>& s) { periods_per_year_param(s); }
    };
    explicit Wealth(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        const auto rewards = log_returns(r);
        if (!rewards) {
            out[0] = out[1] = out[2] = kNaN;
            return;
        }
        const double lw = rewards->sum();
        out[0] = lw;
        out[1] = std::exp(lw);
        out[2] = p_.periods_per_year * lw / static_cast<double>(rewards->size());
    }

private:
    Params p_;
};

TSR_REGISTER(Wealth);

}  // namespace markets
