// regret.final — the regret of a bandit / online-learning run at its last step, from the env.*
// trace columns the host computes from the environment's ground truth (iface/env.h):
//
//   regret           = max_a Σ_{s<T} r_s(a) − Σ_{s<T} r_s(a_s)      (best fixed arm in hindsight)
//   pseudo_regret    = Σ_{s<T} (max_a μ_s(a) − μ_s(a_s))            (NaN without "mean_rewards")
//   switching_regret = regret + c · #{s : a_s ≠ a_{s−1}}           (c = switching_cost, default 1:
//                                                                    the unit switching cost of
//                                                                    Dekel et al. 2014, Cheng et al. 2023)
//   switches         = #{s : a_s ≠ a_{s−1}}
//   observations     = extra observations used (units of the counter tsr.env.v1/observe)
//
// NaN when the run has no env.* columns (not an environment run). Reads nothing from the problem.
#include "env_columns.hpp"

namespace bandit_envs {

class RegretFinal {
public:
    static constexpr tsr::Info info{"regret.final", "1.0.0",
                                    "final regret, pseudo-regret, regret with switching cost, switches and extra "
                                    "observations of an environment run",
                                    nullptr};
    static constexpr tsr::Output outputs[] = {
        {"regret", TSR_LOWER_IS_BETTER, "final env.regret: best fixed arm in hindsight minus collected reward"},
        {"pseudo_regret", TSR_LOWER_IS_BETTER, "final env.pseudo_regret (NaN when the env has no mean_rewards)"},
        {"switching_regret", TSR_LOWER_IS_BETTER, "regret + switching_cost * switches"},
        {"switches", TSR_LOWER_IS_BETTER, "times the arm played changed"},
        {"observations", TSR_NO_DIRECTION, "extra observations used (tsr.env.v1/observe units)"},
    };
    struct Params {
        double switching_cost = 1.0;
        static void schema(tsr::Schema<Params>& s) {
            s.real("switching_cost", &Params::switching_cost, "cost c of one switch in switching_regret",
                   {.min = 0.0});
        }
    };

    explicit RegretFinal(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        out[0] = last_value(r, "env.regret");
        out[1] = last_value(r, "env.pseudo_regret");
        out[3] = last_value(r, "env.switches");
        out[2] = out[0] + p_.switching_cost * out[3];
        out[4] = counter_units(r, "tsr.env.v1/observe");
    }

private:
    Params p_;
};

TSR_REGISTER(RegretFinal);

}  // namespace bandit_envs
