// pfe.ensemble_fast — the accelerated variant: the combinations' wealths tempered by η > 1
// (v_t ∝ Σ_m w_m S_{t−1}(w_m)^η), ensemble.hpp.
#include "ensemble_algorithm.hpp"

namespace portfolio_ensemble {

class EnsembleFastAlgorithm {
public:
    static constexpr tsr::Info info{"pfe.ensemble_fast", "1.0.0",
                                    "accelerated ensemble: combinations weighted by their wealth to the power eta > 1",
                                    "Lam, arXiv:2406.03652, 2024 (accelerated variant; its construction here is an assumption, see README)"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params : EnsembleParams {
        double eta = 4.0;
        static void schema(tsr::Schema<Params>& s) {
            schema_of(s);
            s.real("eta", &Params::eta, "tempering exponent on the combinations' wealths (1: pfe.ensemble)", {.min = 1.0, .max = 1e6});
        }
    };
    explicit EnsembleFastAlgorithm(const Params& p) : p_(p) {}
    void run(tsr::Run& r) { run_ensemble(r, info.id, p_, p_.eta); }

private:
    Params p_;
};

TSR_REGISTER(EnsembleFastAlgorithm);

}  // namespace portfolio_ensemble
