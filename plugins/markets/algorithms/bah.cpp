// pf.bah — buy and hold: 1/n of the wealth in each asset at the start, never traded (strategies/basic.hpp).
#include "market_loop.hpp"
#include "strategies/basic.hpp"

namespace markets {

class BuyAndHoldAlgorithm {
public:
    static constexpr tsr::Info info{"pf.bah", "1.0.0", "buy and hold the uniform portfolio (the market average)", nullptr};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params {
        int64_t trace_points = 200;
        static void schema(tsr::Schema<Params>& s) { trace_points_param(s); }
    };
    explicit BuyAndHoldAlgorithm(const Params& p) : p_(p) {}
    void run(tsr::Run& r) {
        run_strategy(r, info.id, p_.trace_points, [](int64_t n) { return std::make_unique<BuyAndHold>(n); });
    }

private:
    Params p_;
};

TSR_REGISTER(BuyAndHoldAlgorithm);

}  // namespace markets
