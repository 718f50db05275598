// FLAD's pieces against direct computations.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "bandit.hpp"
#include "model.hpp"
#include "tasks.hpp"

namespace {

using flad::Classifier;
using flad::Examples;

Examples examples(const tsr::RowMat& X, const tsr::Vec& y) {
    Examples e;
    e.X = X;
    e.y = y.cast<int>();
    return e;
}

std::vector<int64_t> range(int64_t a, int64_t b) {
    std::vector<int64_t> v(static_cast<size_t>(b - a));
    std::iota(v.begin(), v.end(), a);
    return v;
}

flad::TaskSpec small_spec() {
    flad::TaskSpec s;
    s.d = 6;
    s.classes = 3;
    s.n_target = 12;
    s.n_test = 50;
    s.n_aux = 10;
    s.aux_size = 30;
    return s;
}

}  // namespace

TEST_CASE("the classifier's gradient matches central finite differences of its mean loss") {
    const flad::TaskSet t = flad::make_tasks(small_spec(), 7);
    const Examples data = examples(t.X_target, t.y_target);
    Classifier model(t.X_target.cols(), 5, 3, 11);
    const auto rows = range(0, data.size());
    tsr::Vec g = tsr::Vec::Zero(model.n_params());
    model.add_gradient(data, rows, &g);
    const double h = 1e-6;
    double worst = 0.0;
    for (int64_t j = 0; j < model.n_params(); ++j) {
        const double v = model.params()[j];
        model.params()[j] = v + h;
        const double fp = model.add_gradient(data, rows, nullptr);
        model.params()[j] = v - h;
        const double fm = model.add_gradient(data, rows, nullptr);
        model.params()[j] = v;
        worst = std::max(worst, std::abs((fp - fm) / (2 * h) - g[j]));
    }
    CHECK(worst < 1e-6);
}

TEST_CASE("the reward is the cosine of the target and auxiliary gradients, on the chosen parameters") {
    const flad::TaskSet t = flad::make_tasks(small_spec(), 3);
    const Examples target = examples(t.X_target, t.y_target), aux = examples(t.X_aux, t.y_aux);
    Classifier model(t.X_target.cols(), 8, 3, 5);
    tsr::Vec gT = tsr::Vec::Zero(model.n_params()), ga = tsr::Vec::Zero(model.n_params());
    model.add_gradient(target, range(0, target.size()), &gT);
    model.add_gradient(aux, range(0, 16), &ga);

    double dot = 0.0, nT = 0.0, na = 0.0;  // written out coordinate by coordinate
    for (int64_t j = 0; j < model.n_params(); ++j) {
        dot += gT[j] * ga[j];
        nT += gT[j] * gT[j];
        na += ga[j] * ga[j];
    }
    CHECK(flad::alignment(gT, ga) == doctest::Approx(dot / std::sqrt(nT * na)).epsilon(1e-12));

    const int64_t off = model.output_offset();
    CHECK(off == 8 * 6 + 8);  // W1 (8×6) and b1 (8) come first; W2, b2 are the tail
    dot = nT = na = 0.0;
    for (int64_t j = off; j < model.n_params(); ++j) {
        dot += gT[j] * ga[j];
        nT += gT[j] * gT[j];
        na += ga[j] * ga[j];
    }
    CHECK(flad::alignment(gT, ga, off) == doctest::Approx(dot / std::sqrt(nT * na)).epsilon(1e-12));
    CHECK(flad::alignment(gT, gT) == doctest::Approx(1.0));
    CHECK(flad::alignment(gT, -2.0 * gT) == doctest::Approx(-1.0));
    CHECK(flad::alignment(gT, tsr::Vec::Zero(gT.size())) == 0.0);
}

TEST_CASE("EXP3-FLAD: probabilities sum to 1 and respect the exploration floor eps_t") {
    for (int64_t K : {1, 2, 20, 200}) {
        flad::Exp3Flad exp3(K);
        tsr::kit::Rng rng(1), rewards(2);
        int64_t rounds = 0;
        for (int step = 0; step < 300; ++step) {
            for (int g = 0; g < 4; ++g) {
                const int64_t a = exp3.choose(rng);
                ++rounds;
                REQUIRE(a >= 0);
                REQUIRE(a < K);
                exp3.reward(a, 2.0 * rewards.uniform() - 1.0);  // anything in [-1, 1]
            }
            exp3.end_step();
            const tsr::Vec& p = exp3.probabilities();
            const double eps = K > 1 ? std::min(1.0 / K, std::sqrt(std::log(double(K)) / (K * (rounds + 1.0)))) : 0.0;
            REQUIRE(exp3.exploration() == doctest::Approx(eps));
            REQUIRE(p.sum() == doctest::Approx(1.0).epsilon(1e-12));
            REQUIRE(p.minCoeff() >= eps * (1 - 1e-12));
        }
    }
}

TEST_CASE("EXP3-FLAD starts uniform and concentrates on the arm with the best rewards") {
    const int64_t K = 10;
    flad::Exp3Flad exp3(K);
    CHECK((exp3.probabilities().array() - 1.0 / K).abs().maxCoeff() < 1e-12);
    tsr::kit::Rng rng(4);
    for (int t = 0; t < 3000; ++t) {
        const int64_t a = exp3.choose(rng);
        exp3.reward(a, a == 3 ? 0.5 : -0.2);
        exp3.end_step();
    }
    Eigen::Index best;
    exp3.probabilities().maxCoeff(&best);
    CHECK(best == 3);
    CHECK(exp3.probabilities()[3] > 0.5);
}

TEST_CASE("UCB1-FLAD: index argmax, counts, and the moving-average rewards") {
    tsr::Vec init(3);
    init << 0.1, 0.5, -0.3;
    flad::Ucb1Flad ucb(init, 0.1);
    tsr::kit::Rng rng(1);
    // Round 1: all n = 1, so the bonus is equal and the largest estimate wins.
    CHECK(ucb.choose(rng) == 1);
    CHECK(ucb.counts()[1] == 2.0);
    ucb.reward(1, -1.0);
    CHECK(ucb.estimates()[1] == doctest::Approx(0.9 * 0.5 + 0.1 * -1.0));
    // Round 2: index = R + sqrt(2 ln(K + 1) / n): arm 0 (n = 1) now beats arm 1 (n = 2).
    const double l = std::log(4.0);
    const double i0 = 0.1 + std::sqrt(2 * l), i1 = 0.35 + std::sqrt(l), i2 = -0.3 + std::sqrt(2 * l);
    REQUIRE(i0 > i1);
    REQUIRE(i0 > i2);
    CHECK(ucb.choose(rng) == 0);
    // Many rounds: every arm is tried (the bonus grows as ln t for the unplayed ones).
    for (int t = 0; t < 200; ++t) ucb.choose(rng);
    CHECK(ucb.counts().minCoeff() > 1.0);
    CHECK(ucb.counts().sum() == doctest::Approx(3 + 202));
}

TEST_CASE("exploit-only mixtures: softmax of the alignments, or greedy") {
    tsr::Vec s(4);
    s << 0.2, -0.5, 0.9, 0.0;
    const flad::StaticMix soft(s, 1.0), greedy(s, 0.0), sharp(s, 0.1);
    CHECK(soft.probabilities().sum() == doctest::Approx(1.0));
    CHECK(soft.probabilities()[2] / soft.probabilities()[0] == doctest::Approx(std::exp(0.7)));
    CHECK(sharp.probabilities()[2] / sharp.probabilities()[0] == doctest::Approx(std::exp(7.0)));
    CHECK(greedy.probabilities()[2] == 1.0);
    CHECK(greedy.probabilities().sum() == 1.0);
    flad::StaticMix g = greedy;
    tsr::kit::Rng rng(9);
    for (int i = 0; i < 50; ++i) CHECK(g.choose(rng) == 2);
}

TEST_CASE("task generator: sizes, kinds, relatedness ranges, determinism") {
    flad::TaskSpec s = small_spec();
    s.n_aux = 20;
    s.related_fraction = 0.25;
    s.adversarial_fraction = 0.15;
    const flad::TaskSet a = flad::make_tasks(s, 42), b = flad::make_tasks(s, 42), c = flad::make_tasks(s, 43);
    CHECK(a.X_aux.rows() == 20 * s.aux_size);
    CHECK(a.related.sum() == 5.0);
    CHECK((a.relatedness.array() == -1.0).count() == 3);
    for (int64_t i = 0; i < 20; ++i) {
        if (a.related[i] == 1.0) {
            CHECK(a.relatedness[i] >= s.rho_min);
            CHECK(a.relatedness[i] <= s.rho_max);
        }
        for (int64_t r = i * s.aux_size; r < (i + 1) * s.aux_size; ++r) REQUIRE(a.aux_task[r] == double(i));
    }
    CHECK(a.X_aux == b.X_aux);
    CHECK(a.y_aux == b.y_aux);
    CHECK(a.X_test == b.X_test);
    CHECK(a.X_target != c.X_target);
    CHECK((a.y_aux.array() >= 0).all());
    CHECK((a.y_aux.array() < s.classes).all());
}

TEST_CASE("task generator: without label noise, an adversarial task's labels are the target's shifted by one") {
    flad::TaskSpec s = small_spec();
    s.label_noise = 0.0;
    s.adversarial_fraction = 0.3;
    s.related_fraction = 0.0;
    s.rho_min = s.rho_max = 0.0;
    const flad::TaskSet t = flad::make_tasks(s, 5);
    // A linear teacher fitted to the target labels (least squares on one-hot) predicts them well;
    // on an adversarial task its prediction + 1 (mod k) should match far more often than chance.
    const tsr::RowMat Y = [&] {
        tsr::RowMat M = tsr::RowMat::Zero(t.X_test.rows(), s.classes);
        for (int64_t i = 0; i < M.rows(); ++i) M(i, static_cast<int64_t>(t.y_test[i])) = 1.0;
        return M;
    }();
    const Eigen::MatrixXd W = t.X_test.colPivHouseholderQr().solve(Y);
    int64_t adversarial = -1;
    for (int64_t i = 0; i < s.n_aux; ++i)
        if (t.relatedness[i] == -1.0) adversarial = i;
    REQUIRE(adversarial >= 0);
    int64_t shifted = 0;
    for (int64_t r = adversarial * s.aux_size; r < (adversarial + 1) * s.aux_size; ++r) {
        Eigen::Index c;
        (t.X_aux.row(r) * W).maxCoeff(&c);
        shifted += ((c + 1) % s.classes == static_cast<int64_t>(t.y_aux[r]));
    }
    CHECK(double(shifted) / double(s.aux_size) > 0.6);  // chance: 1/3
}
