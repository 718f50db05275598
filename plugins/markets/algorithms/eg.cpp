// pf.eg — exponentiated gradient (Helmbold et al. 1998; strategies/basic.hpp).
#include "market_loop.hpp"
#include "strategies/basic.hpp"

namespace markets {

class EgAlgorithm {
public:
    static constexpr tsr::Info info{"pf.eg", "1.0.0", "exponentiated gradient portfolio b_{t+1} ~ b_t exp(eta x_t / b_t.x_t)",
                                    "Helmbold, Schapire, Singer & Warmuth, Mathematical Finance 8(4), 1998"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params {
        double eta = 0.05;
        int64_t trace_points = 200;
        static void schema(tsr::Schema<Params>& s) {
            s.real("eta", &Params::eta, "learning rate (the paper's experiments: 0.05)", {.min = 0.0, .max = 1e3});
            trace_points_param(s);
        }
    };
    explicit EgAlgorithm(const Params& p) : p_(p) {}
    void run(tsr::Run& r) {
        run_strategy(r, info.id, p_.trace_points,
                     [&](int64_t n) { return std::make_unique<ExponentiatedGradient>(n, p_.eta); });
    }

private:
    Params p_;
};

TSR_REGISTER(EgAlgorithm);

}  // namespace markets
