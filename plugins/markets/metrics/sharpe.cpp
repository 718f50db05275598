// pf.sharpe — the annualized Sharpe ratio of a portfolio run (Sharpe, "The Sharpe ratio",
// J. Portfolio Management 21(1), 1994), from the host's "env.rewards" (rewards.hpp).
//
//   period returns ρ_t = exp(r_t) − 1 (simple returns), excess e_t = ρ_t − rf / periods_per_year,
//   sharpe = √periods_per_year · mean(e) / std(e)   (std with T − 1; NaN when T < 2 or std = 0)
#include "rewards.hpp"

namespace markets {

class Sharpe {
public:
    static constexpr tsr::Info info{"pf.sharpe", "1.0.0", "annualized Sharpe ratio of the period returns of a portfolio run",
                                    "Sharpe, J. Portfolio Management 21(1), 1994"};
    static constexpr tsr::Output outputs[] = {
        {"sharpe", TSR_HIGHER_IS_BETTER, "sqrt(periods_per_year) * mean / std of the excess period returns"},
        {"annual_volatility", TSR_LOWER_IS_BETTER, "sqrt(periods_per_year) * std of the period returns"},
    };
    struct Params {
        double periods_per_year = 252.0;
        double risk_free = 0.0;
        static void schema(tsr::Schema<Params>& s) {
            periods_per_year_param(s);
            s.real("risk_free", &Params::risk_free, "annual risk-free rate subtracted from the returns", {.min = -1.0, .max = 10.0});
        }
    };
    explicit Sharpe(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        out[0] = out[1] = kNaN;
        const auto rewards = log_returns(r);
        if (!rewards || rewards->size() < 2) return;
        const double T = static_cast<double>(rewards->size());
        const double rf = p_.risk_free / p_.periods_per_year;
        double mean = 0.0;
        for (double x : *rewards) mean += std::expm1(x) - rf;
        mean /= T;
        double var = 0.0;
        for (double x : *rewards) {
            const double d = std::expm1(x) - rf - mean;
            var += d * d;
        }
        const double sd = std::sqrt(var / (T - 1.0));
        const double annual = std::sqrt(p_.periods_per_year);
        out[1] = annual * sd;
        if (sd > 0.0) out[0] = annual * mean / sd;
    }

private:
    Params p_;
};

TSR_REGISTER(Sharpe);

}  // namespace markets
