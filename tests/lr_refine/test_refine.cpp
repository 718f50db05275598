// The schedule refinement of Defazio et al. 2023 (plugins/lr_refine/refine.hpp):
//  - a constant gradient-norm profile refines to linear decay (the paper's worst-case schedule);
//  - the median filter equals scipy.ndimage.median_filter with the authors' end padding (values
//    below computed with scipy, command in the comment);
//  - norms that fall early give a warm-up; norms that rise late give a faster final decay.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <tessera/kit/rng.hpp>

#include "refine.hpp"

using lr_refine::median_filter;
using lr_refine::median_width;
using lr_refine::refined_schedule;

TEST_CASE("a constant gradient norm refines to linear decay") {
    for (const double power : {1.0, 2.0}) {
        const int T = 1000;
        const std::vector<double> G(T, 3.7);
        const auto eta = refined_schedule(median_filter(G, median_width(0.1, T)), power);
        REQUIRE(eta.size() == static_cast<size_t>(T));
        for (int t = 0; t < T; ++t) {
            CHECK(eta[static_cast<size_t>(t)] == doctest::Approx(double(T - 1 - t) / double(T - 1)).epsilon(1e-12));
            CHECK(std::abs(eta[static_cast<size_t>(t)] - (1.0 - double(t) / T)) <= 1.0 / T + 1e-12);
        }
    }
}

TEST_CASE("the schedule is w_t times the tail sum of the weights, peak 1") {
    const std::vector<double> G{1.0, 2.0, 0.5, 1.0};  // w = G^-2 = 1, 1/4, 4, 1
    const auto eta = refined_schedule(G, 2.0);
    // raw: 1*(1/4+4+1) = 5.25, (1/4)*(4+1) = 1.25, 4*1 = 4, 0
    CHECK(eta[0] == doctest::Approx(1.0));
    CHECK(eta[1] == doctest::Approx(1.25 / 5.25));
    CHECK(eta[2] == doctest::Approx(4.0 / 5.25));
    CHECK(eta[3] == 0.0);
}

TEST_CASE("median filter equals scipy with the authors' padding") {
    // /usr/bin/python3 -c   (scipy 1.10.1)
    //    "import numpy as np; from scipy.ndimage import median_filter as m;
    //   g=np.array([5,1,4,2,8,3,9,0,7,6.]); w=3; p=2*w;
    //   print(m(np.pad(g,(0,p),mode='reflect'),size=w,mode='nearest')[:-p])"
    // -> [5. 4. 2. 4. 3. 8. 3. 7. 6. 7.]     (w = 5: [5. 4. 4. 3. 4. 3. 7. 6. 7. 6.])
    const std::vector<double> g{5, 1, 4, 2, 8, 3, 9, 0, 7, 6};
    const std::vector<double> w3{5, 4, 2, 4, 3, 8, 3, 7, 6, 7};
    const std::vector<double> w5{5, 4, 4, 3, 4, 3, 7, 6, 7, 6};
    CHECK(median_filter(g, 3) == w3);
    CHECK(median_filter(g, 5) == w5);
    CHECK(median_filter(g, 1) == g);
    CHECK(median_width(0.1, 10000) == 1001);
    CHECK(median_width(0.1, 25) == 3);
    CHECK(median_width(0.0, 25) == 1);
}

// The brute-force definition: sort each window (G_0 before the start, reflection past the end).
std::vector<double> brute_median(const std::vector<double>& G, int64_t w) {
    const auto T = static_cast<int64_t>(G.size());
    std::vector<double> out;
    for (int64_t t = 0; t < T; ++t) {
        std::vector<double> win;
        for (int64_t i = t - w / 2; i <= t + w / 2; ++i) {
            int64_t k = i < 0 ? 0 : i;
            if (k >= T) {
                k %= 2 * (T - 1);
                if (k >= T) k = 2 * (T - 1) - k;
            }
            win.push_back(G[static_cast<size_t>(k)]);
        }
        std::sort(win.begin(), win.end());
        out.push_back(win[win.size() / 2]);
    }
    return out;
}

TEST_CASE("the sliding median equals sorting every window, ties included") {
    tsr::kit::Rng rng(7);
    for (int64_t T : {2, 3, 5, 17, 200}) {
        for (int64_t w : {1, 3, 5, 9, 41, 101}) {
            std::vector<double> G(static_cast<size_t>(T));
            for (double& g : G) g = std::floor(rng.uniform() * 6.0);  // many ties
            CHECK(median_filter(G, w) == brute_median(G, w));
        }
    }
}

TEST_CASE("falling norms give a warm-up, rising norms a faster final decay") {
    const int T = 400;
    std::vector<double> falling(T), rising(T);
    for (int t = 0; t < T; ++t) {
        falling[static_cast<size_t>(t)] = t < 40 ? 10.0 - 9.0 * t / 40.0 : 1.0;
        rising[static_cast<size_t>(t)] = 1.0 + 2.0 * t / T;
    }
    const auto up = refined_schedule(falling, 2.0);
    CHECK(up[0] < 0.05);  // starts near 0: warm-up
    size_t peak = 0;
    for (size_t t = 0; t < up.size(); ++t)
        if (up[t] > up[peak]) peak = t;
    CHECK(peak >= 30);
    const auto down = refined_schedule(rising, 2.0);
    // below linear decay in the second half: the larger late norms are annealed harder
    CHECK(down[300] < (1.0 - 300.0 / 399.0) * down[0]);
}
