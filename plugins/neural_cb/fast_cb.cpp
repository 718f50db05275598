// ncb.fast — NeuFastCB (Deb et al., ICLR 2024, Algorithm 2): FastCB's first-order exploration over a
// perturbed two-layer network with a sigmoid output trained by online gradient descent on the
// binary KL loss. neucb.hpp.
#include "neucb.hpp"

namespace neural_cb {

class NeuFastCb {
public:
    static constexpr tsr::Info info{
        "ncb.fast", "1.0.0",
        "NeuFastCB: FastCB exploration on a perturbed 2-layer net trained online on the KL (log) loss",
        "Deb, Ban, Zuo, He & Banerjee, Contextual Bandits with Online Neural Regression, ICLR 2024"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params : NeuCbParams {
        static void schema(tsr::Schema<Params>& s) { NeuCbParams::add_to(s); }
    };
    explicit NeuFastCb(const Params& p) : p_(p) {}
    void run(tsr::Run& r) { run_neucb<Loss::kl>(r, p_); }

private:
    Params p_;
};

TSR_REGISTER(NeuFastCb);

}  // namespace neural_cb
