// Unit tests of dynsub.halving's structure (halving_levels.hpp under parallel_guesses.hpp): after
// every update the solution is feasible, each guess's tracked f(G) is exact, its buffer counts match
// the elements it holds, and the best guess keeps (1 − ε)/(2(1 + ε)) of greedy's value.
#include <doctest/doctest.h>

#include <set>
#include <vector>

#include "coverage.hpp"
#include "facility.hpp"
#include "halving_levels.hpp"
#include "parallel_guesses.hpp"
#include "structure_harness.hpp"

using namespace dynsub;

namespace {

template <class F, class Levels>
void check_guess(F& f, const Levels& L, const std::set<int64_t>& active, int64_t k, int64_t universe) {
    const auto G = L.solution();
    REQUIRE(static_cast<int64_t>(G.size()) <= k);
    const std::set<int64_t> Gs(G.begin(), G.end());
    REQUIRE(Gs.size() == G.size());
    for (int64_t e : G) {
        CHECK(active.count(e) == 1);
        CHECK(L.member(e));
    }
    CHECK(L.value() == doctest::Approx(f.value(G)).epsilon(1e-9));
    size_t picked = 0;
    for (int l = 0; l <= L.top_level(); ++l) {
        picked += L.picked(l).size();
        int64_t held = 0, stray = 0;
        for (int64_t e = 0; e < universe; ++e) {
            stray += L.member(e) && active.count(e) == 0;
            held += L.in_buffer(l, e);
        }
        CHECK(stray == 0);  // a guess holds active elements only
        CHECK(L.buffered(l) == held);
        if (l > 0) CHECK(L.buffered(l) <= L.buffered(l - 1));  // B_0 ⊇ B_1 ⊇ …
    }
    CHECK(picked == G.size());
}

template <class F>
void run_stream(F& f, setfn::StreamKind kind, int64_t k, double eps, uint64_t seed) {
    FunctionGains<F> gains{&f};
    ParallelGuesses<FunctionGains<F>, HalvingLevels<FunctionGains<F>>> algo(eps, k, f.n());
    play_stream(f, algo, gains, kind, k, seed, [&](const std::set<int64_t>& active, const std::vector<double>&, int64_t) {
        algo.for_each_guess([&](const auto& L) { check_guess(f, L, active, k, f.n()); });
        CHECK(algo.value() >= (1.0 - eps) * greedy_value(f, active, k) / (2.0 * (1.0 + eps)) - 1e-9);
    });
}

}  // namespace

TEST_CASE("halving levels: feasible, exact value, consistent buffers after every update (coverage)") {
    for (auto kind : {setfn::StreamKind::random, setfn::StreamKind::window, setfn::StreamKind::adversarial})
        for (uint64_t seed = 1; seed <= 3; ++seed) {
            setfn::Coverage f = setfn::Coverage::random(120, 150, 6.0, 0.8, seed);
            run_stream(f, kind, 5, 0.2, seed);
        }
}

TEST_CASE("halving levels: facility location, larger k") {
    for (uint64_t seed = 1; seed <= 2; ++seed) {
        setfn::FacilityLocation f(setfn::clustered_points(150, 2, 6, 0.05, seed, seed + 10),
                                  setfn::clustered_points(40, 2, 6, 0.05, seed, seed + 20), 0.1);
        run_stream(f, setfn::StreamKind::random, 12, 0.1, seed);
        run_stream(f, setfn::StreamKind::window, 12, 0.1, seed);
    }
}

TEST_CASE("halving levels: deleting everything leaves an empty solution") {
    setfn::Coverage f = setfn::Coverage::random(40, 60, 4.0, 0.5, 3);
    FunctionGains<setfn::Coverage> gains{&f};
    tsr::kit::Rng rng(1);
    ParallelGuesses<FunctionGains<setfn::Coverage>, HalvingLevels<FunctionGains<setfn::Coverage>>> algo(0.1, 3, f.n());
    for (int64_t e = 0; e < f.n(); ++e) algo.insert(e, gain(f, {}, e), gains, rng);
    CHECK(algo.solution().size() == 3);
    for (int64_t e = 0; e < f.n(); ++e) algo.erase(e, gains, rng);
    CHECK(algo.solution().empty());
    CHECK(algo.value() == 0.0);
}
