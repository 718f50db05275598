// The baselines of Albalak, Raffel & Wang (NeurIPS 2023), on the same loop and model as
// EXP3-FLAD and UCB1-FLAD (flad_loop.hpp), so that only the choice of auxiliary data differs:
//
//   flad.target_only    the few target shots alone (no auxiliary batch);
//   flad.explore_only   auxiliary tasks uniformly at random (explores, never exploits);
//   flad.exploit_only   a fixed mixture from the alignments at θ0 (exploits, never explores):
//                       softmax(alignment / τ), τ = 1 as the reference; τ = 0: greedy (all batches
//                       from the best-aligned task).
// Reference: alon-albalak/FLAD src/multirun_train_mixed.py (explore-only: weight_initialization_
// samples = 0; exploit-only: > 0, weights = softmax of the precomputed similarities).
#include "flad_loop.hpp"

namespace flad {

namespace {
struct NoSampler {
    int64_t choose(tsr::kit::Rng&) { return 0; }
    void reward(int64_t, double) {}
    void end_step() {}
};
}  // namespace

class TargetOnly {
public:
    static constexpr tsr::Info info{"flad.target_only", "1.0.0", "trains on the few target shots only (no auxiliary data)",
                                    "Albalak, Raffel & Wang, NeurIPS 2023 (target-only baseline)"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params : LoopParams {
        static void schema(tsr::Schema<Params>& s) { LoopParams::add_to(s); }
    };
    explicit TargetOnly(const Params& p) : p_(p) {}
    void run(tsr::Run& r) {
        run_flad(r, p_, false, [](Classifier&, const FladData&, int64_t) { return NoSampler{}; });
    }

private:
    Params p_;
};

class ExploreOnly {
public:
    static constexpr tsr::Info info{"flad.explore_only", "1.0.0",
                                    "target + auxiliary batches from uniformly random tasks (explore only)",
                                    "Albalak, Raffel & Wang, NeurIPS 2023 (explore-only baseline)"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params : LoopParams {
        static void schema(tsr::Schema<Params>& s) { LoopParams::add_to(s); }
    };
    explicit ExploreOnly(const Params& p) : p_(p) {}
    void run(tsr::Run& r) {
        run_flad(r, p_, true, [](Classifier&, const FladData& d, int64_t) { return UniformMix(d.tasks()); });
    }

private:
    Params p_;
};

class ExploitOnly {
public:
    static constexpr tsr::Info info{"flad.exploit_only", "1.0.0",
                                    "target + auxiliary batches from a fixed mixture of the initial alignments (exploit only)",
                                    "Albalak, Raffel & Wang, NeurIPS 2023 (exploit-only baseline)"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params : LoopParams {
        double temperature = 1.0;
        int64_t init_samples = 100;
        static void schema(tsr::Schema<Params>& s) {
            LoopParams::add_to(s);
            s.real("temperature", &Params::temperature,
                   "mixture = softmax(alignment / temperature) (reference: 1); 0 = greedy: only the best-aligned task",
                   {.min = 0.0});
            s.integer("init_samples", &Params::init_samples,
                      "examples per task for the alignments at theta0 (reference: 100 or 1000, at most the task size)",
                      {.min = 1});
        }
    };
    explicit ExploitOnly(const Params& p) : p_(p) {}
    void run(tsr::Run& r) {
        run_flad(r, p_, true, [&](Classifier& model, const FladData& d, int64_t offset) {
            return StaticMix(initial_alignments(model, d, p_.init_samples, offset), p_.temperature);
        });
    }

private:
    Params p_;
};

TSR_REGISTER(TargetOnly);
TSR_REGISTER(ExploreOnly);
TSR_REGISTER(ExploitOnly);

}  // namespace flad
