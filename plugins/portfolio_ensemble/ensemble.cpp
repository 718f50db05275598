// pfe.ensemble — the combinatorial strategy (universal mix over constant combinations of the
// component strategies), ensemble.hpp.
#include "ensemble_algorithm.hpp"

namespace portfolio_ensemble {

class EnsembleAlgorithm {
public:
    static constexpr tsr::Info info{"pfe.ensemble", "1.0.0",
                                    "ensemble of portfolio strategies: universal mix over constant combinations of the "
                                    "components (wealth = average wealth of the combinations)",
                                    "Lam, arXiv:2406.03652, 2024 (construction read from the abstract; Section 3 not verified, see README)"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params : EnsembleParams {
        static void schema(tsr::Schema<Params>& s) { schema_of(s); }
    };
    explicit EnsembleAlgorithm(const Params& p) : p_(p) {}
    void run(tsr::Run& r) { run_ensemble(r, info.id, p_, 1.0); }

private:
    Params p_;
};

TSR_REGISTER(EnsembleAlgorithm);

}  // namespace portfolio_ensemble
