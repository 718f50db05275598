// The generator: Mallows dispersion from its normalized value, repeated insertion, the swapping bias.
#include <doctest/doctest.h>

#include <cmath>
#include <numeric>

#include "generate.hpp"

namespace {

int64_t kendall_to_identity(const std::vector<int32_t>& o) {
    int64_t d = 0;
    for (size_t i = 0; i < o.size(); ++i)
        for (size_t j = i + 1; j < o.size(); ++j) d += o[i] > o[j];
    return d;
}

// Pairs with a G2 candidate above a G1 candidate.
int64_t g2_above_g1(const std::vector<int32_t>& o, const std::vector<int8_t>& group) {
    int64_t pairs = 0, above = 0;
    for (int32_t c : o) {
        if (group[static_cast<size_t>(c)]) ++above;
        else pairs += above;
    }
    return pairs;
}

}  // namespace

TEST_CASE("normalized Mallows dispersion") {
    const int64_t m = 20;
    CHECK(fairmw::mallows_phi(m, 0.0) == 0.0);
    CHECK(fairmw::mallows_phi(m, 1.0) == 1.0);
    CHECK(fairmw::mallows_expected_swaps(m, 1.0) == doctest::Approx(m * (m - 1) / 4.0));
    const double phi = fairmw::mallows_phi(m, 0.5);
    CHECK(fairmw::mallows_expected_swaps(m, phi) == doctest::Approx(0.5 * m * (m - 1) / 4.0).epsilon(1e-9));
    // Repeated insertion reproduces the expected distance (4000 samples: within 3%).
    std::vector<int32_t> centre(static_cast<size_t>(m)), out;
    std::iota(centre.begin(), centre.end(), 0);
    tsr::kit::Rng rng(5);
    std::vector<double> u(static_cast<size_t>(m));
    double mean = 0.0;
    const int N = 4000;
    for (int s = 0; s < N; ++s) {
        for (double& x : u) x = rng.uniform();
        fairmw::mallows_insert(centre, phi, u, out);
        mean += static_cast<double>(kendall_to_identity(out)) / N;
    }
    CHECK(mean == doctest::Approx(0.5 * m * (m - 1) / 4.0).epsilon(0.03));
    fairmw::mallows_insert(centre, 0.0, u, out);  // φ = 0: the centre itself
    CHECK(out == centre);
}

TEST_CASE("swapping bias moves G2 down by swaps") {
    const int64_t m = 30;
    tsr::kit::Rng rng(11);
    const std::vector<int8_t> group = fairmw::draw_groups(m, 0.5, rng);
    std::vector<int32_t> o(static_cast<size_t>(m));
    std::iota(o.begin(), o.end(), 0);
    std::vector<double> scratch;
    std::vector<int32_t> none = o;
    fairmw::swapping_bias(none, group, 0.0, 0.5, rng, scratch);
    CHECK(none == o);
    const int64_t before = g2_above_g1(o, group);
    std::vector<int32_t> b = o;
    fairmw::swapping_bias(b, group, 0.5, 0.5, rng, scratch);
    std::vector<int32_t> sorted = b;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == o);  // still a permutation
    // every swap moves a G2 candidate below a G1 one: at least one inverted pair less per swap
    CHECK(g2_above_g1(b, group) <= before - static_cast<int64_t>(0.5 * static_cast<double>(before)));
    std::vector<int32_t> all = o;
    fairmw::swapping_bias(all, group, 1.0, 0.5, rng, scratch);
    CHECK(g2_above_g1(all, group) == 0);  // λ = 1: G1 entirely above G2
}
