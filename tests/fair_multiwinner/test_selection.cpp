// Score functions on a hand-made profile; selection against brute force on tiny random profiles.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <Eigen/Core>
#include <cmath>

#include "generate.hpp"
#include "select.hpp"

namespace {

using fairmw::Profile;
using fairmw::Rule;
using fairmw::ScoreFunction;

// Three rankings of four candidates (best first).
Profile hand_made() {
    Eigen::Matrix<double, 3, 4, Eigen::RowMajor> R;
    R << 0, 1, 2, 3,  //
        1, 0, 3, 2,   //
        2, 1, 0, 3;
    return Profile::from_orders(R, "hand-made");
}

Profile random_profile(int64_t n, int64_t m, uint64_t seed) {
    tsr::kit::Rng rng(seed);
    std::vector<int32_t> order;
    for (int64_t v = 0; v < n; ++v)
        for (int64_t c : causal::random_permutation(m, rng)) order.push_back(static_cast<int32_t>(c));
    return Profile::from_orders(n, m, std::move(order));
}

// max F(S) over |S| = k, |S ∩ G2| >= lower, by enumeration.
double brute_force(const ScoreFunction& f, const Profile& P, const std::vector<int8_t>& group, int64_t k, int64_t lower) {
    double best = -1.0;
    const int64_t m = P.m;
    for (uint32_t mask = 0; mask < (1u << m); ++mask) {
        if (__builtin_popcount(mask) != k) continue;
        std::vector<int64_t> S;
        int64_t g2 = 0;
        for (int64_t c = 0; c < m; ++c)
            if (mask & (1u << c)) {
                S.push_back(c);
                g2 += group[static_cast<size_t>(c)];
            }
        if (g2 < lower) continue;
        best = std::max(best, f.value(P, S));
    }
    return best;
}

}  // namespace

TEST_CASE("scores of a hand-made profile") {
    const Profile P = hand_made();
    CHECK(P.place(1, 0) == 1);
    CHECK(P.place(2, 2) == 0);
    using V = std::vector<double>;
    CHECK(ScoreFunction(Rule::sntv, 4, 0).singletons(P) == V{1, 1, 1, 0});
    CHECK(ScoreFunction(Rule::bloc, 4, 2).singletons(P) == V{2, 3, 1, 0});
    CHECK(ScoreFunction(Rule::borda, 4, 0).singletons(P) == V{6, 7, 4, 1});  // sums to n m(m-1)/2 = 18
    const std::vector<int64_t> S = {0, 2};
    CHECK(ScoreFunction(Rule::borda, 4, 0).value(P, S) == 10.0);
    CHECK(ScoreFunction(Rule::cc, 4, 0).value(P, S) == 8.0);  // voters' best members: 3 + 2 + 3
    CHECK(ScoreFunction(Rule::sntv, 4, 0).value(P, S) == 2.0);
    // CC's greedy gains: after {1}, candidate 2 adds only voter 3's 3 − 2 = 1.
    fairmw::RepresentationGains g(ScoreFunction(Rule::cc, 4, 0), P);
    CHECK(g.gain(1) == 7.0);
    g.add(1);
    CHECK(g.gain(2) == 1.0);
    CHECK(g.gain(0) == 1.0);
}

TEST_CASE("profiles must be permutations") {
    Eigen::Matrix<double, 2, 3, Eigen::RowMajor> R;
    R << 0, 1, 2, 2, 2, 0;
    CHECK_THROWS_WITH_AS(Profile::from_orders(R, "x.csv"), doctest::Contains("lists candidate 2 twice"),
                         tsr::InvalidArgument);
    R << 0, 1, 2, 0, 1, 3;
    CHECK_THROWS_WITH_AS(Profile::from_orders(R, "x.csv"), doctest::Contains("candidate id in 0..2"),
                         tsr::InvalidArgument);
}

TEST_CASE("the proportional lower bound and infeasible bounds") {
    const std::vector<int8_t> group = {1, 0, 1, 0, 0, 0, 1, 0};  // |G2| = 3 of 8
    CHECK(fairmw::proportional_lower_bound(4, group) == 1);      // floor(4 * 3 / 8)
    CHECK(fairmw::proportional_lower_bound(8, group) == 3);
    CHECK_THROWS_AS(fairmw::check_feasible(4, 4, group), tsr::InvalidArgument);  // G2 has only 3
}

TEST_CASE("additive scores: greedy under the group bound is exact") {
    for (uint64_t seed = 1; seed <= 20; ++seed) {
        const int64_t m = 9, k = 4;
        const Profile P = random_profile(7, m, seed);
        tsr::kit::Rng rng(seed + 100);
        const std::vector<int8_t> group = fairmw::draw_groups(m, 0.4, rng);
        for (Rule r : {Rule::sntv, Rule::bloc, Rule::borda})
            for (int64_t lower = 0; lower <= 3; ++lower) {
                const ScoreFunction f(r, m, 3);
                const std::vector<int64_t> S = fairmw::select(f, P, group, k, lower);
                CHECK(static_cast<int64_t>(S.size()) == k);
                int64_t g2 = 0;
                for (int64_t c : S) g2 += group[static_cast<size_t>(c)];
                CHECK(g2 >= lower);
                CHECK(f.value(P, S) == doctest::Approx(brute_force(f, P, group, k, lower)));
            }
    }
}

TEST_CASE("Chamberlin-Courant: greedy within 1 - 1/e unconstrained, 1/2 under the bound, of brute force") {
    double worst = 1.0;
    for (uint64_t seed = 1; seed <= 30; ++seed) {
        const int64_t m = 10, k = 3;
        const Profile P = random_profile(6, m, seed);
        tsr::kit::Rng rng(seed + 7);
        const std::vector<int8_t> group = fairmw::draw_groups(m, 0.5, rng);
        const ScoreFunction f(Rule::cc, m, 0);
        for (int64_t lower = 0; lower <= 3; ++lower) {
            std::vector<int64_t> S = fairmw::select(f, P, group, k, lower);
            int64_t g2 = 0;
            for (int64_t c : S) g2 += group[static_cast<size_t>(c)];
            CHECK(g2 >= lower);
            const double opt = brute_force(f, P, group, k, lower), got = f.value(P, S);
            CHECK(got <= opt + 1e-9);
            CHECK(got >= (lower == 0 ? 1.0 - 1.0 / std::exp(1.0) : 0.5) * opt);
            worst = std::min(worst, got / opt);
            fairmw::improve_by_swaps(f, P, group, lower, S);
            CHECK(f.value(P, S) >= got);
            CHECK(f.value(P, S) <= opt + 1e-9);
        }
    }
    MESSAGE("worst greedy CC ratio over 120 tiny instances: " << worst);
}
