// pf.ons — Online Newton Step for portfolios (Agarwal et al. 2006; strategies/ons.hpp).
#include "market_loop.hpp"
#include "strategies/ons.hpp"

namespace markets {

class OnsAlgorithm {
public:
    static constexpr tsr::Info info{"pf.ons", "1.0.0", "Online Newton Step portfolio (projection in the A_t norm)",
                                    "Agarwal, Hazan, Kale & Schapire, ICML 2006"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params {
        double eta = 0.0, beta = 1.0, delta = 0.125;
        int64_t trace_points = 200;
        static void schema(tsr::Schema<Params>& s) {
            s.real("eta", &Params::eta, "weight of the uniform portfolio mixed into the played one (paper: 0)", {.min = 0.0, .max = 1.0});
            s.real("beta", &Params::beta, "b_t = (1 + 1/beta) sum of gradients (paper: 1)", {.min = 1e-12});
            s.real("delta", &Params::delta, "p_{t+1} = projection of delta A^-1 b (paper: 1/8)", {.min = 1e-12});
            trace_points_param(s);
        }
    };
    explicit OnsAlgorithm(const Params& p) : p_(p) {}
    void run(tsr::Run& r) {
        run_strategy(r, info.id, p_.trace_points,
                     [&](int64_t n) { return std::make_unique<OnlineNewtonStep>(n, p_.eta, p_.beta, p_.delta); });
    }

private:
    Params p_;
};

TSR_REGISTER(OnsAlgorithm);

}  // namespace markets
