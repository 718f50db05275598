// pf.ucrp — the uniform constant rebalanced portfolio (strategies/basic.hpp).
#include "market_loop.hpp"
#include "strategies/basic.hpp"

namespace markets {

class UcrpAlgorithm {
public:
    static constexpr tsr::Info info{"pf.ucrp", "1.0.0", "uniform constant rebalanced portfolio (1/n in every asset, every period)",
                                    "Cover, Mathematical Finance 1(1), 1991"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params {
        int64_t trace_points = 200;
        static void schema(tsr::Schema<Params>& s) { trace_points_param(s); }
    };
    explicit UcrpAlgorithm(const Params& p) : p_(p) {}
    void run(tsr::Run& r) {
        run_strategy(r, info.id, p_.trace_points, [](int64_t n) { return std::make_unique<Ucrp>(n); });
    }

private:
    Params p_;
};

TSR_REGISTER(UcrpAlgorithm);

}  // namespace markets
