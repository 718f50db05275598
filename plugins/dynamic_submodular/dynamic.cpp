// dynsub.dynamic — fully dynamic (1/2 − ε)-approximate monotone submodular maximization under
// |S| ≤ k with polylogarithmic amortized queries per update (oblivious adversary):
// parallel OPT guesses (parallel_guesses.hpp), each a levelled random threshold-greedy with
// rebuilds on insert/delete (threshold_levels.hpp).
//
// @inproceedings{banihashem2023dynamic,
//   title = {Dynamic Constrained Submodular Optimization with Polylogarithmic Update Time},
//   author = {Banihashem, Kiarash and Biabani, Leyla and Goudarzi, Samira and Hajiaghayi,
//             MohammadTaghi and Jabbarzade, Peyman and Monemizadeh, Morteza},
//   booktitle = {ICML}, series = {PMLR 202}, pages = {1660--1691}, year = {2023}}
//
// Per insert: one singleton query f(e) (shared by the guesses), then the level walk of each guess
// e takes part in; per delete: no query unless a chosen element is hit. The solution handed to the
// stream is the best guess's G.
#include "parallel_guesses.hpp"
#include "stream_driver.hpp"

namespace dynsub {

class Dynamic {
public:
    static constexpr tsr::Info info{
        "dynsub.dynamic", "1.0.0",
        "fully dynamic (1/2 - eps) submodular maximization under |S| <= k: parallel OPT guesses, levelled random "
        "threshold-greedy",
        "Banihashem, Biabani, Goudarzi, Hajiaghayi, Jabbarzade & Monemizadeh, Dynamic Constrained Submodular "
        "Optimization with Polylogarithmic Update Time, ICML 2023"};
    static constexpr const char* needs[] = {TSR_SET_FUNCTION_V1, TSR_STREAM_V1};
    struct Params {
        double eps = 0.1;
        int64_t k = 0;
        int64_t report_every = 1;
        static void schema(tsr::Schema<Params>& s) {
            s.real("eps", &Params::eps, "accuracy: OPT guesses (1+eps)^i, approximation 1/(2(1+eps))",
                   {.min = 1e-3, .max = 1.0});
            s.integer("k", &Params::k, "cardinality |S| <= k (0: the problem's)", {.min = 0});
            s.integer("report_every", &Params::report_every, "hand the solution to the stream every this many updates",
                      {.min = 1});
        }
    };

    explicit Dynamic(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const tsr::SetFunctionRef f = r.set_function();
        tsr::StreamRef stream = r.stream();
        const int64_t k = cardinality(p_.k, f);
        GainsOracle gains{&f};
        tsr::kit::Rng rng(r.seed());
        Policy algo{ParallelGuesses<GainsOracle>(p_.eps, k, f.ground_size()), gains, rng, f};
        drive_stream(r, stream, algo, p_.report_every);
        r.put_scalar("guesses", static_cast<double>(algo.guesses.num_guesses()));
    }

private:
    struct Policy {
        ParallelGuesses<GainsOracle> guesses;
        GainsOracle& gains;
        tsr::kit::Rng& rng;
        const tsr::SetFunctionRef& f;
        void insert(int64_t e) {
            double fe = 0.0;
            gains(std::span<const int64_t>(), std::span<const int64_t>(&e, 1), std::span<double>(&fe, 1));
            guesses.insert(e, fe, gains, rng);
        }
        void erase(int64_t e) { guesses.erase(e, gains, rng); }
        std::span<const int64_t> solution() const { return guesses.solution(); }
        int64_t restarts() const { return guesses.rebuilds(); }
    };

    Params p_;
};

TSR_REGISTER(Dynamic);

}  // namespace dynsub
