// Unit tests of dynsub.dynamic's data structure (threshold_levels.hpp, parallel_guesses.hpp):
// the invariants hold after every update of random, window and solution-deleting streams.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "coverage.hpp"
#include "facility.hpp"
#include "lazy_greedy.hpp"
#include "parallel_guesses.hpp"
#include "structure_harness.hpp"
#include "update_stream.hpp"

using namespace dynsub;

namespace {

// Every invariant of threshold_levels.hpp for one guess, against the active set.
template <class F, class Levels>
void check_levels(F& f, const Levels& L, const std::set<int64_t>& active, const std::vector<double>& singleton,
                  double eps, int64_t k) {
    std::set<int64_t> expect;
    for (int64_t e : active)
        if (singleton[e] >= L.tau() && singleton[e] <= (1.0 + eps) * L.gamma()) expect.insert(e);
    const auto G = L.solution();
    REQUIRE(static_cast<int64_t>(G.size()) == L.num_levels());
    REQUIRE(static_cast<int64_t>(G.size()) <= k);
    if (L.num_levels() == 0) {
        CHECK(expect.empty());
        return;
    }
    for (int64_t l = 0; l < L.num_levels(); ++l) {
        const auto R = L.level_set(l);
        const auto gains = L.level_gains(l);
        const std::set<int64_t> Rs(R.begin(), R.end());
        REQUIRE(Rs.size() == R.size());
        CHECK(Rs == expect);  // R_l is exactly the filter of R_{l−1} (R_0: the guess's active elements)
        CHECK(Rs.count(G[l]) == 1);
        const std::span<const int64_t> prefix(G.data(), static_cast<size_t>(l));
        for (size_t i = 0; i < R.size(); ++i) {
            const double g = gain(f, prefix, R[i]);
            CHECK(gains[i] == doctest::Approx(g).epsilon(1e-9));
            CHECK(gains[i] >= L.tau() * (1 - 1e-12));
        }
        expect.clear();
        const std::span<const int64_t> upto(G.data(), static_cast<size_t>(l + 1));
        for (int64_t e : R)
            if (e != G[l] && gain(f, upto, e) >= L.tau()) expect.insert(e);
    }
    // The last level ends the structure: |G| = k or nothing passes its filter.
    if (L.num_levels() < k) CHECK(expect.empty());
    CHECK(L.value() == doctest::Approx(f.value(G)).epsilon(1e-9));
}

template <class F>
void run_stream(F& f, setfn::StreamKind kind, int64_t k, double eps, uint64_t seed, bool check_each) {
    FunctionGains<F> gains{&f};
    ParallelGuesses<FunctionGains<F>> algo(eps, k, f.n());
    play_stream(f, algo, gains, kind, k, seed, [&](const std::set<int64_t>& active, const std::vector<double>& singleton, int64_t t) {
        if (!check_each && t % 25 != 0) return;
        algo.for_each_guess([&](const auto& L) { check_levels(f, L, active, singleton, eps, k); });
        // (1/2 − ε) against greedy (≤ OPT): the guarantee of the best guess
        CHECK(algo.value() >= greedy_value(f, active, k) / (2.0 * (1.0 + eps)) - 1e-9);
    });
}

}  // namespace

TEST_CASE("levels: invariants after every update of random, window and adversarial streams (coverage)") {
    for (auto kind : {setfn::StreamKind::random, setfn::StreamKind::window, setfn::StreamKind::adversarial})
        for (uint64_t seed = 1; seed <= 3; ++seed) {
            setfn::Coverage f = setfn::Coverage::random(120, 150, 6.0, 0.8, seed);
            run_stream(f, kind, 5, 0.2, seed, true);
        }
}

TEST_CASE("levels: invariants on facility location, larger k") {
    for (uint64_t seed = 1; seed <= 2; ++seed) {
        setfn::FacilityLocation f(setfn::clustered_points(150, 2, 6, 0.05, seed, seed + 10),
                                  setfn::clustered_points(40, 2, 6, 0.05, seed, seed + 20), 0.1);
        run_stream(f, setfn::StreamKind::random, 12, 0.1, seed, false);
        run_stream(f, setfn::StreamKind::window, 12, 0.1, seed, false);
    }
}

TEST_CASE("levels: k = 1 and deleting everything leaves an empty structure") {
    setfn::Coverage f = setfn::Coverage::random(40, 60, 4.0, 0.5, 3);
    FunctionGains<setfn::Coverage> gains{&f};
    tsr::kit::Rng rng(1);
    ParallelGuesses<FunctionGains<setfn::Coverage>> algo(0.1, 1, f.n());
    for (int64_t e = 0; e < f.n(); ++e) algo.insert(e, gain(f, {}, e), gains, rng);
    CHECK(algo.solution().size() == 1);
    for (int64_t e = 0; e < f.n(); ++e) algo.erase(e, gains, rng);
    CHECK(algo.solution().empty());
    algo.for_each_guess([](const auto& L) { CHECK(L.num_levels() == 0); });
}
