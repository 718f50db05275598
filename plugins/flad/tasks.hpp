// tasks.hpp — the instance of flad.tasks: a few-shot target task and N auxiliary tasks of
// controlled relatedness (generated from the problem's seed; see tasks.cpp for the component).
//
// Every task is a k-class linear teacher on Gaussian inputs:
//
//     x ~ N(0, I_d),   y = argmax_c (Wᵀx)_c,   then with probability label_noise y ← uniform class.
//
// Target: teacher W_T (entries N(0, 1)); n_target labelled training examples (the few shots) and
// n_test held-out examples (ground truth only, for the metrics).
// Auxiliary task i (aux_size examples each), by kind:
//   related      W_i = ρ_i W_T + √(1 − ρ_i²) V_i,  V_i fresh N(0, 1) entries, ρ_i ~ U[rho_min, rho_max]
//                (the entries of W_i are N(0, 1) with correlation ρ_i to W_T's);
//   adversarial  the target's teacher with its labels permuted: y = (argmax_c (W_Tᵀx)_c + 1) mod k;
//   unrelated    W_i = V_i, independent of W_T (ρ_i = 0).
// round(related_fraction·N) tasks are related and round(adversarial_fraction·N) adversarial; which
// ones is a random permutation of the task indices. The known best mixture draws only related
// tasks; "related" (1/0) and "relatedness" (ρ_i; −1 marks the adversarial tasks) are ground truth.
//
// Seed streams (tsr::kit::mix_seed(seed, s)): s = 1 target teacher, 2 target/test examples,
// 3 task kinds and ρ_i, 4 + i auxiliary task i (its teacher and examples).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include <Eigen/Dense>

#include <tessera/kit/rng.hpp>
#include <tessera/sdk/eigen.hpp>

namespace flad {

struct TaskSpec {
    int64_t d = 20;
    int64_t classes = 4;
    int64_t n_target = 32;
    int64_t n_test = 2000;
    int64_t n_aux = 20;
    int64_t aux_size = 100;
    double related_fraction = 0.2;
    double adversarial_fraction = 0.2;
    double rho_min = 0.6;
    double rho_max = 0.9;
    double label_noise = 0.1;
};

enum class TaskKind : int { unrelated = 0, related = 1, adversarial = 2 };

struct TaskSet {
    tsr::RowMat X_target, X_test, X_aux;   // rows are examples
    tsr::Vec y_target, y_test, y_aux;      // class indices as doubles (tsr.dataset.v1 is float64)
    tsr::Vec aux_task;                     // task index of each row of X_aux (rows of a task are contiguous)
    tsr::Vec related, relatedness;         // per task: 1/0; ρ_i (−1: adversarial)
    std::vector<TaskKind> kind;
};

namespace detail {

inline tsr::RowMat gaussian(int64_t rows, int64_t cols, tsr::kit::Rng& rng) {
    tsr::RowMat M(rows, cols);
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) M(i, j) = rng.normal();
    return M;
}

// Examples X (n × d, N(0, I)) labelled by teacher W (d × k); `shift` permutes the labels
// c → (c + shift) mod k (the adversarial tasks); label noise replaces a label by a uniform class.
inline void label_examples(const tsr::RowMat& W, int64_t n, int shift, double noise, tsr::kit::Rng& rng,
                           tsr::RowMat& X, tsr::Vec& y) {
    const int64_t k = W.cols();
    X = gaussian(n, W.rows(), rng);
    const tsr::RowMat logits = X * W;
    y.resize(n);
    for (int64_t i = 0; i < n; ++i) {
        Eigen::Index c;
        logits.row(i).maxCoeff(&c);
        int64_t label = (static_cast<int64_t>(c) + shift) % k;
        if (rng.bernoulli(noise)) label = static_cast<int64_t>(rng.below(static_cast<uint64_t>(k)));
        y[i] = static_cast<double>(label);
    }
}

}  // namespace detail

inline TaskSet make_tasks(const TaskSpec& s, uint64_t seed) {
    using tsr::kit::mix_seed;
    using tsr::kit::Rng;
    if (s.d < 1 || s.classes < 2 || s.n_target < 1 || s.n_test < 1 || s.n_aux < 1 || s.aux_size < 1)
        throw std::invalid_argument("flad.tasks: sizes must be >= 1 and classes >= 2");
    if (s.related_fraction + s.adversarial_fraction > 1.0 + 1e-12)
        throw std::invalid_argument("flad.tasks: related_fraction + adversarial_fraction must be <= 1");
    if (!(s.rho_min <= s.rho_max)) throw std::invalid_argument("flad.tasks: rho_min must be <= rho_max");

    TaskSet t;
    Rng rng_teacher(mix_seed(seed, 1)), rng_target(mix_seed(seed, 2)), rng_kind(mix_seed(seed, 3));
    const tsr::RowMat W_T = detail::gaussian(s.d, s.classes, rng_teacher);
    detail::label_examples(W_T, s.n_target, 0, s.label_noise, rng_target, t.X_target, t.y_target);
    detail::label_examples(W_T, s.n_test, 0, s.label_noise, rng_target, t.X_test, t.y_test);

    // Task kinds: the first n_rel of a random permutation are related, the next n_adv adversarial.
    const int64_t N = s.n_aux;
    const auto n_rel = static_cast<int64_t>(std::llround(s.related_fraction * static_cast<double>(N)));
    const auto n_adv = std::min(N - n_rel, static_cast<int64_t>(std::llround(s.adversarial_fraction * static_cast<double>(N))));
    const std::vector<int64_t> order = tsr::kit::random_permutation(N, rng_kind);
    t.kind.assign(static_cast<size_t>(N), TaskKind::unrelated);
    t.related = tsr::Vec::Zero(N);
    t.relatedness = tsr::Vec::Zero(N);
    for (int64_t r = 0; r < n_rel + n_adv; ++r) {
        const int64_t i = order[r];
        if (r < n_rel) {
            t.kind[i] = TaskKind::related;
            t.related[i] = 1.0;
            t.relatedness[i] = rng_kind.uniform(s.rho_min, s.rho_max);
        } else {
            t.kind[i] = TaskKind::adversarial;
            t.relatedness[i] = -1.0;
        }
    }

    t.X_aux.resize(N * s.aux_size, s.d);
    t.y_aux.resize(N * s.aux_size);
    t.aux_task.resize(N * s.aux_size);
    tsr::RowMat Xi;
    tsr::Vec yi;
    for (int64_t i = 0; i < N; ++i) {
        Rng rng(mix_seed(seed, 4 + static_cast<uint64_t>(i)));
        const tsr::RowMat V = detail::gaussian(s.d, s.classes, rng);
        const double rho = t.relatedness[i];
        switch (t.kind[i]) {
            case TaskKind::related:
                detail::label_examples(rho * W_T + std::sqrt(1.0 - rho * rho) * V, s.aux_size, 0, s.label_noise, rng,
                                       Xi, yi);
                break;
            case TaskKind::adversarial:
                detail::label_examples(W_T, s.aux_size, 1, s.label_noise, rng, Xi, yi);
                break;
            case TaskKind::unrelated:
                detail::label_examples(V, s.aux_size, 0, s.label_noise, rng, Xi, yi);
                break;
        }
        t.X_aux.middleRows(i * s.aux_size, s.aux_size) = Xi;
        t.y_aux.segment(i * s.aux_size, s.aux_size) = yi;
        t.aux_task.segment(i * s.aux_size, s.aux_size).setConstant(static_cast<double>(i));
    }
    return t;
}

}  // namespace flad
