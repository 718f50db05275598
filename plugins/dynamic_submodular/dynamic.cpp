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
    struct Params : StreamParams {
        static void schema(tsr::Schema<Params>& s) {
            stream_schema(s, "accuracy: OPT guesses (1+eps)^i, approximation 1/(2(1+eps))");
        }
    };

    explicit Dynamic(const Params& p) : p_(p) {}

    void run(tsr::Run& r) { run_guesses<ParallelGuesses<GainsOracle>>(r, p_.eps, p_.k, p_.report_every); }

private:
    Params p_;
};

TSR_REGISTER(Dynamic);

}  // namespace dynsub
