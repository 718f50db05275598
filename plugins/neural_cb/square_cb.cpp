// ncb.square — NeuSquareCB (Deb et al., ICLR 2024, Algorithm 1): inverse gap weighting over a
// perturbed two-layer network trained by online gradient descent on the squared loss. neucb.hpp.
#include "neucb.hpp"

namespace neural_cb {

class NeuSquareCb {
public:
    static constexpr tsr::Info info{
        "ncb.square", "1.0.0",
        "NeuSquareCB: inverse gap weighting on a perturbed 2-layer net trained online on the squared loss",
        "Deb, Ban, Zuo, He & Banerjee, Contextual Bandits with Online Neural Regression, ICLR 2024"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params : NeuCbParams {
        static void schema(tsr::Schema<Params>& s) { NeuCbParams::add_to(s); }
    };
    explicit NeuSquareCb(const Params& p) : p_(p) {}
    void run(tsr::Run& r) { run_neucb<Loss::square>(r, p_); }

private:
    Params p_;
};

TSR_REGISTER(NeuSquareCb);

}  // namespace neural_cb
