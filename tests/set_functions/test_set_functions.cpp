// Unit tests of plugins/set_functions' headers (no plugin loading: the math itself).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <vector>

#include "coverage.hpp"
#include "facility.hpp"
#include "lazy_greedy.hpp"
#include "update_stream.hpp"

using namespace setfn;

namespace {

std::vector<int64_t> random_subset(int64_t n, int64_t size, tsr::kit::Rng& rng) {
    std::vector<int64_t> all(static_cast<size_t>(n));
    std::iota(all.begin(), all.end(), 0);
    for (int64_t i = 0; i < size; ++i) std::swap(all[i], all[i + static_cast<int64_t>(rng.below(n - i))]);
    all.resize(static_cast<size_t>(size));
    return all;
}

// gains(S, cand) equals f(S ∪ {e}) − f(S) for every candidate, in and out of S.
template <class F>
void check_gains_equal_differences(F& f, uint64_t seed, double tol) {
    tsr::kit::Rng rng(seed);
    for (int trial = 0; trial < 20; ++trial) {
        const auto S = random_subset(f.n(), static_cast<int64_t>(rng.below(8)), rng);
        const auto cand = random_subset(f.n(), 12, rng);
        std::vector<double> g(cand.size());
        f.gains(S, cand, g);
        const double fS = f.value(S);
        for (size_t c = 0; c < cand.size(); ++c) {
            std::vector<int64_t> Se = S;
            if (std::find(S.begin(), S.end(), cand[c]) == S.end()) Se.push_back(cand[c]);
            CHECK(g[c] == doctest::Approx(f.value(Se) - fS).epsilon(tol));
            CHECK(g[c] >= 0.0);
        }
    }
}

}  // namespace

TEST_CASE("coverage: batched gains equal value differences; f(empty) = 0") {
    Coverage f = Coverage::random(300, 400, 8.0, 0.8, 7);
    CHECK(f.value({}) == 0.0);
    check_gains_equal_differences(f, 11, 1e-12);
}

TEST_CASE("coverage: value is the weight of the union, computed by hand") {
    // sets {0,1}, {1,2}, {3}; weights 1, 2, 4, 8
    Coverage f({0, 2, 4, 5}, {0, 1, 1, 2, 3}, {1.0, 2.0, 4.0, 8.0});
    const int64_t S01[] = {0, 1}, S2[] = {2};
    CHECK(f.value(S01) == 7.0);
    CHECK(f.value(S2) == 8.0);
    const int64_t c[] = {0, 1, 2};
    std::vector<double> g(3);
    f.gains(S01, c, g);
    CHECK(g == std::vector<double>{0.0, 0.0, 8.0});
}

TEST_CASE("facility location: gains equal value differences; submodular and monotone on random sets") {
    const PointRows X = clustered_points(200, 2, 5, 0.05, 1, 2);
    const PointRows C = clustered_points(60, 2, 5, 0.05, 1, 3);
    FacilityLocation f(X, C, 0.1);
    CHECK(f.value({}) == 0.0);
    check_gains_equal_differences(f, 5, 1e-9);
    tsr::kit::Rng rng(9);
    for (int trial = 0; trial < 50; ++trial) {
        // A ⊆ B, e ∉ B: f(e | A) ≥ f(e | B) ≥ 0
        auto B = random_subset(f.n(), 1 + static_cast<int64_t>(rng.below(10)), rng);
        const int64_t e = B.back();
        B.pop_back();
        std::vector<int64_t> A(B.begin(), B.begin() + static_cast<std::ptrdiff_t>(rng.below(B.size() + 1)));
        double gA = 0.0, gB = 0.0;
        f.gains(A, std::span<const int64_t>(&e, 1), std::span<double>(&gA, 1));
        f.gains(B, std::span<const int64_t>(&e, 1), std::span<double>(&gB, 1));
        CHECK(gA >= gB - 1e-9);
        CHECK(gB >= 0.0);
    }
}

TEST_CASE("lazy greedy equals plain greedy (set and value) on coverage and facility location") {
    for (uint64_t seed = 1; seed <= 5; ++seed) {
        Coverage cov = Coverage::random(400, 600, 10.0, 0.8, seed);
        auto gc = [&](std::span<const int64_t> S, std::span<const int64_t> c, std::span<double> o) { cov.gains(S, c, o); };
        std::vector<int64_t> ground(400);
        std::iota(ground.begin(), ground.end(), 0);
        const GreedyResult lazy = lazy_greedy(ground, 15, gc), plain = plain_greedy(ground, 15, gc);
        CHECK(lazy.set == plain.set);
        CHECK(lazy.value == doctest::Approx(plain.value).epsilon(1e-12));
        CHECK(lazy.value == doctest::Approx(cov.value(lazy.set)).epsilon(1e-12));
        CHECK(lazy.gain_queries < plain.gain_queries);

        FacilityLocation fl(clustered_points(300, 2, 8, 0.05, seed, seed + 100),
                            clustered_points(50, 2, 8, 0.05, seed, seed + 200), 0.1);
        auto gf = [&](std::span<const int64_t> S, std::span<const int64_t> c, std::span<double> o) { fl.gains(S, c, o); };
        std::vector<int64_t> g2(300);
        std::iota(g2.begin(), g2.end(), 0);
        const GreedyResult l2 = lazy_greedy(g2, 10, gf), p2 = plain_greedy(g2, 10, gf);
        CHECK(l2.set == p2.set);
        CHECK(l2.value == doctest::Approx(fl.value(l2.set)).epsilon(1e-9));
    }
}

TEST_CASE("streams: deletes name active elements, inserts inactive ones; window keeps at most w active") {
    for (auto kind : {StreamKind::random, StreamKind::window, StreamKind::adversarial}) {
        StreamSpec spec;
        spec.kind = kind;
        spec.window = 50;
        UpdateStream s(200, spec, 3);
        std::set<int64_t> active;
        int64_t count = 0;
        for (Update u = s.next(); u.kind != 0; u = s.next(), ++count) {
            if (u.kind == 1) {
                CHECK(active.count(u.element) == 0);
                active.insert(u.element);
            } else {
                REQUIRE(active.count(u.element) == 1);
                active.erase(u.element);
            }
            if (kind == StreamKind::window) CHECK(static_cast<int64_t>(active.size()) <= 51);
            if (kind == StreamKind::adversarial && !active.empty()) {
                const int64_t sol[] = {*active.begin()};
                s.solution(sol);
            }
        }
        CHECK(count == s.length());
    }
}

TEST_CASE("adversarial stream deletes the reported solution's elements") {
    StreamSpec spec;
    spec.kind = StreamKind::adversarial;
    spec.delete_fraction = 0.5;
    UpdateStream s(100, spec, 4);
    std::set<int64_t> active;
    int64_t hits = 0, deletes = 0;
    for (Update u = s.next(); u.kind != 0; u = s.next()) {
        if (u.kind == 1) {
            active.insert(u.element);
        } else {
            ++deletes;
            hits += (u.element == *active.begin());
            active.erase(u.element);
        }
        if (!active.empty()) {
            const int64_t sol[] = {*active.begin()};
            s.solution(sol);
        }
    }
    CHECK(deletes > 0);
    CHECK(hits == deletes);
}
