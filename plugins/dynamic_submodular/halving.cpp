// dynsub.halving — baseline: the fully dynamic algorithm of Lattanzi, Mitrovic, Norouzi-Fard,
// Tarnawski & Zadimoghaddam (NeurIPS 2020), their simple algorithm (Section 3): parallel OPT guesses
// (parallel_guesses.hpp, shared with dynsub.dynamic), each a structure of ⌈log₂ n⌉ + 1 levels whose
// candidate sets halve, insertion buffers that rebuild a level once they reach its size, and a
// rebuild after deletions only when f(G) falls below (1 − ε)γ/2 (halving_levels.hpp). This is the
// polylog(n) algorithm whose analysis Banihashem et al. (ICML 2023, dynsub.dynamic) revisit.
//
// Per insert: one singleton query f(e) (shared by the guesses), then each guess e takes part in
// buffers it and may rebuild a suffix of its levels; per delete of a picked element: one value
// query per guess holding it, and a rebuild when the value fell too far.
#include "halving_levels.hpp"
#include "parallel_guesses.hpp"
#include "stream_driver.hpp"

namespace dynsub {

class Halving {
public:
    static constexpr tsr::Info info{
        "dynsub.halving", "1.0.0",
        "fully dynamic submodular maximization under |S| <= k: parallel OPT guesses, log n levels of halving "
        "candidate sets with insertion buffers (the simple algorithm of Lattanzi et al. 2020)",
        "Lattanzi, Mitrovic, Norouzi-Fard, Tarnawski & Zadimoghaddam, Fully Dynamic Algorithm for Constrained "
        "Submodular Optimization, NeurIPS 2020"};
    static constexpr const char* needs[] = {TSR_SET_FUNCTION_V1, TSR_STREAM_V1};
    struct Params : StreamParams {
        static void schema(tsr::Schema<Params>& s) {
            stream_schema(s, "accuracy: OPT guesses (1+eps)^i, and a rebuild after deletions once f(G) < (1-eps) gamma/2");
        }
    };

    explicit Halving(const Params& p) : p_(p) {}

    void run(tsr::Run& r) { run_guesses<ParallelGuesses<GainsOracle, HalvingLevels<GainsOracle>>>(r, p_.eps, p_.k, p_.report_every); }

private:
    Params p_;
};

TSR_REGISTER(Halving);

}  // namespace dynsub
