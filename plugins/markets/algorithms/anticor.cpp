// pf.anticor — Anticor_w (Borodin, El-Yaniv & Gogan 2004; strategies/anticor.hpp).
#include "market_loop.hpp"
#include "strategies/anticor.hpp"

namespace markets {

class AnticorAlgorithm {
public:
    static constexpr tsr::Info info{"pf.anticor", "1.0.0",
                                    "Anticor_w: moves wealth along lagged positive cross-correlations of log-returns",
                                    "Borodin, El-Yaniv & Gogan, JAIR 21, 2004"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params {
        int64_t window = 30;
        int64_t trace_points = 200;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("window", &Params::window, "window w of each of the two compared periods", {.min = 2, .max = 10000});
            trace_points_param(s);
        }
    };
    explicit AnticorAlgorithm(const Params& p) : p_(p) {}
    void run(tsr::Run& r) {
        run_strategy(r, info.id, p_.trace_points, [&](int64_t n) { return std::make_unique<Anticor>(n, p_.window); });
    }

private:
    Params p_;
};

TSR_REGISTER(AnticorAlgorithm);

}  // namespace markets
