// flad.ucb1 — UCB1-FLAD (Albalak, Raffel & Wang, NeurIPS 2023; reference UCB1BatchedFLADTrainer): the auxiliary task of each
// batch is the one with the largest upper confidence bound on its gradient alignment with the
// target, estimated by an exponential moving average (smoothing β) and initialised by one
// alignment per task at θ0 (bandit.hpp, Ucb1Flad; the loop in flad_loop.hpp). The initialisation
// costs K gradients once (init_seconds); each step then costs the same whatever K.
//
// @inproceedings{albalak2023improving, title = {Improving Few-Shot Generalization by Exploring and
//   Exploiting Auxiliary Data}, author = {Albalak, Alon and Raffel, Colin and Wang, William Yang},
//   booktitle = {Advances in Neural Information Processing Systems 36 (NeurIPS)}, year = {2023}}
// @article{auer2002finite, title = {Finite-time Analysis of the Multiarmed Bandit Problem}, author =
//   {Auer, Peter and Cesa-Bianchi, Nicol{\`o} and Fischer, Paul}, journal = {Machine Learning},
//   volume = {47}, pages = {235--256}, year = {2002}}
#include "flad_loop.hpp"

namespace flad {

class Ucb1 {
public:
    static constexpr tsr::Info info{"flad.ucb1", "1.0.0",
                                    "UCB1-FLAD: auxiliary tasks chosen by UCB1 on smoothed gradient-alignment rewards",
                                    "Albalak, Raffel & Wang, NeurIPS 2023 (UCB1-FLAD)"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params : LoopParams {
        double beta = 0.1;
        int64_t init_samples = 100;
        static void schema(tsr::Schema<Params>& s) {
            LoopParams::add_to(s);
            s.real("beta", &Params::beta, "smoothing of the reward estimates: R <- (1 - beta) R + beta r (reference: 0.1)",
                   {.min = 0.0, .max = 1.0});
            s.integer("init_samples", &Params::init_samples,
                      "examples per task for the initial alignments at theta0 (reference: 1000, at most the task size)",
                      {.min = 1});
        }
    };
    explicit Ucb1(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        run_flad(r, p_, true, [&](Classifier& model, const FladData& d, int64_t offset) {
            return Ucb1Flad(initial_alignments(model, d, p_.init_samples, offset), p_.beta);
        });
    }

private:
    Params p_;
};

TSR_REGISTER(Ucb1);

}  // namespace flad
