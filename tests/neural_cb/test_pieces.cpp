// Unit tests of plugins/neural_cb's pieces: the SquareCB and FastCB action distributions against
// their formulas and limits, arm sampling frequencies, the arm-feature encodings, and the perturbed
// online network fitting a target under both losses.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>

#include <tessera/kit/logistic.hpp>

#include "arm_features.hpp"
#include "exploration.hpp"
#include "online_net.hpp"

using namespace neural_cb;
using tsr::Vec;

TEST_CASE("SquareCB inverse gap weighting") {
    Vec y(3), p(3);
    y << 0.2, 0.9, 0.5;
    const double gamma = 10.0;
    CHECK(igw_probabilities(y, gamma, p) == 1);
    CHECK(p(0) == doctest::Approx(1.0 / (3 + gamma * 0.7)));
    CHECK(p(2) == doctest::Approx(1.0 / (3 + gamma * 0.4)));
    CHECK(p.sum() == doctest::Approx(1.0));
    CHECK(p.minCoeff() > 0.0);
    CHECK(p(1) == p.maxCoeff());
    igw_probabilities(y, 0.0, p);  // γ = 0: uniform
    CHECK((p.array() - 1.0 / 3).abs().maxCoeff() < 1e-15);
    igw_probabilities(y, 1e12, p);  // γ → ∞: greedy
    CHECK(p(1) > 1 - 1e-9);
}

TEST_CASE("FastCB first-order weighting") {
    Vec l(4), p(4);
    l << 0.6, 0.1, 0.3, 0.9;  // predicted losses; best arm 1
    const double gamma = 20.0;
    CHECK(fastcb_probabilities(l, gamma, p) == 1);
    for (int k : {0, 2, 3}) CHECK(p(k) == doctest::Approx(0.1 / (4 * 0.1 + gamma * (l(k) - 0.1))));
    CHECK(p.sum() == doctest::Approx(1.0));
    CHECK(p.minCoeff() >= 0.0);
    fastcb_probabilities(l, 0.0, p);  // γ = 0: uniform
    CHECK((p.array() - 0.25).abs().maxCoeff() < 1e-15);
    l << 0.6, 0.0, 0.3, 0.9;  // best arm predicted to lose nothing: no exploration
    fastcb_probabilities(l, gamma, p);
    CHECK(p(1) == 1.0);
    l.setZero();  // all zero: the 0/0 limit 1/K
    fastcb_probabilities(l, gamma, p);
    CHECK((p.array() - 0.25).abs().maxCoeff() < 1e-15);
    // FastCB explores less than SquareCB when the best loss is small (same gaps, same γ).
    Vec ls(3), pf(3), ps(3);
    ls << 0.05, 0.3, 0.4;
    fastcb_probabilities(ls, gamma, pf);
    igw_probabilities(-ls, gamma, ps);
    CHECK(pf(0) > ps(0));
}

TEST_CASE("sample_arm draws with the given probabilities") {
    Vec p(3);
    p << 0.2, 0.0, 0.8;
    tsr::kit::Rng rng(3);
    int counts[3] = {0, 0, 0};
    const int n = 20000;
    for (int i = 0; i < n; ++i) ++counts[sample_arm(p, rng)];
    CHECK(counts[1] == 0);
    CHECK(std::abs(counts[0] / double(n) - 0.2) < 0.015);  // ~5 standard deviations
}

TEST_CASE("arm features: disjoint encoding and per-arm blocks") {
    Vec x(2);
    x << 1.0, -2.0;
    ArmFeatures shared("shared", 2, 3);
    shared.fill(x);
    CHECK(shared.dim() == 6);
    CHECK(shared.arm(1).segment(2, 2) == x);
    CHECK(shared.arm(1).head(2).isZero());
    CHECK(shared.arm(1).tail(2).isZero());
    Vec o(6);
    o << 1, 2, 3, 4, 5, 6;
    ArmFeatures per("per_arm", 6, 3);
    per.fill(o);
    CHECK(per.dim() == 2);
    CHECK(per.arm(2)(0) == 5);
    CHECK_THROWS_AS(ArmFeatures("per_arm", 5, 3), tsr::InvalidArgument);
    ArmFeatures none("shared", 0, 3);  // no context: one-hot arms
    none.fill(Vec());
    CHECK(none.dim() == 3);
    CHECK(none.matrix() == tsr::Mat::Identity(3, 3));
}

TEST_CASE("perturbed network: f(θ0) = 0, and online steps fit a target under both losses") {
    Vec phi(5);
    phi << 0.3, -0.1, 0.5, 0.2, -0.4;
    for (double c_p : {0.0, 0.5}) {
        PerturbedNet net(5, 32, c_p, 11);
        net.new_round();
        CHECK(std::abs(net.predict(phi)) < 1e-12);  // symmetric init and θ = θ0
        for (int i = 0; i < 300; ++i) net.learn(phi, 0.7, Loss::square, 0.05, 1);
        CHECK(net.predict(phi) == doctest::Approx(0.7).epsilon(1e-3));
        PerturbedNet kl(5, 32, c_p, 12);
        kl.new_round();
        for (int i = 0; i < 2000; ++i) kl.learn(phi, 0.2, Loss::kl, 0.5, 1);
        CHECK(tsr::kit::sigmoid(kl.predict(phi)) == doctest::Approx(0.2).epsilon(1e-3));
    }
}
