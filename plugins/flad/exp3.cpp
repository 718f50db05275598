// flad.exp3 — EXP3-FLAD (Albalak, Raffel & Wang, NeurIPS 2023; reference Exp3BatchedFLADTrainer): the auxiliary task of
// each batch is drawn from EXP3's exploration-mixed exponential weights over importance-weighted
// cumulative gradient alignments (bandit.hpp, Exp3Flad); the model trains on the target shots plus
// the chosen auxiliary batches (flad_loop.hpp). No initialisation pass over the tasks: the cost of
// a step does not depend on the number of auxiliary tasks (up to O(K) scalar arithmetic).
//
// @inproceedings{albalak2023improving, title = {Improving Few-Shot Generalization by Exploring and
//   Exploiting Auxiliary Data}, author = {Albalak, Alon and Raffel, Colin and Wang, William Yang},
//   booktitle = {Advances in Neural Information Processing Systems 36 (NeurIPS)}, year = {2023}}
// @article{auer2002nonstochastic, title = {The Nonstochastic Multiarmed Bandit Problem}, author =
//   {Auer, Peter and Cesa-Bianchi, Nicol{\`o} and Freund, Yoav and Schapire, Robert E.},
//   journal = {SIAM Journal on Computing}, volume = {32}, number = {1}, pages = {48--77}, year = {2002}}
#include "flad_loop.hpp"

namespace flad {

class Exp3 {
public:
    static constexpr tsr::Info info{"flad.exp3", "1.0.0",
                                    "EXP3-FLAD: auxiliary tasks sampled by EXP3 on gradient-alignment rewards",
                                    "Albalak, Raffel & Wang, NeurIPS 2023 (EXP3-FLAD)"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params : LoopParams {
        double time_scale = 1.0;
        static void schema(tsr::Schema<Params>& s) {
            LoopParams::add_to(s);
            s.real("time_scale", &Params::time_scale,
                   "t in eps_t = min(1/K, sqrt(ln K / (K t))) is time_scale * rounds + 1 (paper: 1; reference code: 10)",
                   {.min = 0.0});
        }
    };
    explicit Exp3(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        run_flad(r, p_, true, [&](Classifier&, const FladData& d, int64_t) { return Exp3Flad(d.tasks(), p_.time_scale); });
    }

private:
    Params p_;
};

TSR_REGISTER(Exp3);

}  // namespace flad
