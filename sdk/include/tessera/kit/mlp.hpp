// tessera/kit/mlp.hpp — a two-layer perceptron with manual backpropagation and an SGD step.
//
//   f(x; θ) = W2 σ(W1 x + b1) + b2,   σ = ReLU,   x ∈ R^d, hidden width m, output width k ≥ 1,
//   θ = (W1 ∈ R^{m×d}, b1 ∈ R^m, W2 ∈ R^{k×m}, b2 ∈ R^k), stored as ONE flat vector (layout below).
//
//   tsr::kit::Rng rng(seed);
//   tsr::kit::Mlp net(d, m, k, rng);             // default init: W1 ~ N(0, 2/d), W2 ~ N(0, 1/m), b = 0
//   const tsr::Vec& y = net.forward(x);         // k outputs; caches what backward needs
//   net.backward(dy, grad);                     // grad = ∂(dyᵀ f(x;θ))/∂θ at the last forward's x
//   net.backward_add(dy, grad, c);              // grad += c · ∂(dyᵀ f)/∂θ  (sums over a minibatch)
//   net.sgd_step(grad, lr);                     // θ ← θ − lr · grad
//   net.params();                               // the flat θ (read/write), e.g. ‖θ − θ0‖, diagonal stats
//
// Flat layout of θ (n_params() = m·d + m + k·m + k):
//   [ W1 column-major (m×d) | b1 (m) | W2 column-major (k×m) | b2 (k) ].
// The views W1(), b1(), W2(), b2() are Eigen Maps into that vector, and so is the gradient layout:
// a gradient vector g has the same layout as params(). For scalar output (k = 1) backward with
// dy = 1 gives the network gradient g(x; θ) used by neural bandits (NeuralUCB, NeuSquareCB).
//
// ReLU derivative at 0 is taken as 0 (the subgradient the usual implementations use).
//
// Init (MlpInit): W1 ~ N(0, w1_sd²), W2 ~ N(0, w2_sd²), biases b_sd (0 by default); a non-positive
// sd means the default above (He 2015 for W1: sd √(2/d); W2: sd √(1/m)). `symmetric = true` gives
// the "f(x; θ0) = 0" initialisation of Zhou et al. (NeuralUCB, 2020, §3.1): m must be even, hidden
// units m/2..m−1 copy units 0..m/2−1 (same W1 rows and b1) and their W2 columns are negated, so every
// output is exactly b2 = 0 at θ0 while the gradient is not degenerate.
//
// Ownership: an Mlp owns θ and a fixed workspace (last input, pre-activations, hidden activations,
// output, back-propagated error), all sized in the constructor: forward/backward/sgd_step never
// allocate. Thread rule: a value; forward and backward mutate the workspace, so one Mlp per thread
// (copy it to evaluate in parallel). backward uses the input of the most recent forward call.
#pragma once

#include <cmath>
#include <cstdint>
#include <stdexcept>

#include <Eigen/Core>

#include <tessera/kit/rng.hpp>
#include <tessera/sdk/eigen.hpp>

namespace tsr::kit {

struct MlpInit {
    double w1_sd = 0.0;      // ≤ 0: √(2/d)
    double w2_sd = 0.0;      // ≤ 0: √(1/m)
    double b_sd = 0.0;       // biases ~ N(0, b_sd²); 0 = zero biases
    bool symmetric = false;  // f(x; θ0) = 0 by mirrored hidden units (m even)
};

class Mlp {
public:
    using MatMap = Eigen::Map<Eigen::MatrixXd>;
    using CMatMap = Eigen::Map<const Eigen::MatrixXd>;

    Mlp(int64_t d_in, int64_t width, int64_t d_out, Rng& rng, const MlpInit& init = {})
        : d_(d_in), m_(width), k_(d_out),
          theta_(Vec::Zero(width * d_in + width + d_out * width + d_out)),
          x_(d_in), z_(width), h_(width), y_(d_out), delta_(width) {
        if (d_in < 1 || width < 1 || d_out < 1)
            throw std::invalid_argument("Mlp: input, hidden and output widths must be >= 1");
        if (init.symmetric && width % 2 != 0)
            throw std::invalid_argument("Mlp: symmetric init needs an even hidden width");
        const double s1 = init.w1_sd > 0 ? init.w1_sd : std::sqrt(2.0 / static_cast<double>(d_in));
        const double s2 = init.w2_sd > 0 ? init.w2_sd : std::sqrt(1.0 / static_cast<double>(width));
        const int64_t drawn = init.symmetric ? width / 2 : width;
        auto w1 = W1();
        auto bb1 = b1();
        auto w2 = W2();
        for (int64_t j = 0; j < d_in; ++j)
            for (int64_t i = 0; i < drawn; ++i) w1(i, j) = rng.normal(0.0, s1);
        for (int64_t i = 0; i < drawn; ++i) bb1(i) = init.b_sd > 0 ? rng.normal(0.0, init.b_sd) : 0.0;
        for (int64_t i = 0; i < drawn; ++i)
            for (int64_t o = 0; o < d_out; ++o) w2(o, i) = rng.normal(0.0, s2);
        if (init.symmetric) {
            w1.bottomRows(drawn) = w1.topRows(drawn);
            bb1.tail(drawn) = bb1.head(drawn);
            w2.rightCols(drawn) = -w2.leftCols(drawn);
        } else if (init.b_sd > 0) {
            for (int64_t o = 0; o < d_out; ++o) b2()(o) = rng.normal(0.0, init.b_sd);
        }
    }

    int64_t input_dim() const noexcept { return d_; }
    int64_t width() const noexcept { return m_; }
    int64_t output_dim() const noexcept { return k_; }
    int64_t n_params() const noexcept { return theta_.size(); }

    // The flat parameter vector θ (layout in the header comment). Writable: algorithms may reset
    // it (θ ← θ0) or perturb it; the views below see the change.
    Vec& params() noexcept { return theta_; }
    const Vec& params() const noexcept { return theta_; }

    MatMap W1() noexcept { return MatMap(theta_.data(), m_, d_); }
    VecMap b1() noexcept { return VecMap(theta_.data() + m_ * d_, m_); }
    MatMap W2() noexcept { return MatMap(theta_.data() + m_ * d_ + m_, k_, m_); }
    VecMap b2() noexcept { return VecMap(theta_.data() + n_params() - k_, k_); }
    CMatMap W1() const noexcept { return CMatMap(theta_.data(), m_, d_); }
    CVecMap b1() const noexcept { return CVecMap(theta_.data() + m_ * d_, m_); }
    CMatMap W2() const noexcept { return CMatMap(theta_.data() + m_ * d_ + m_, k_, m_); }
    CVecMap b2() const noexcept { return CVecMap(theta_.data() + n_params() - k_, k_); }

    // y = f(x; θ). The returned reference is the workspace: valid until the next forward.
    const Vec& forward(CVecRef x) {
        check(x.size() == d_, "Mlp::forward: input size");
        x_ = x;
        z_.noalias() = W1() * x_;
        z_ += b1();
        h_ = z_.cwiseMax(0.0);
        y_.noalias() = W2() * h_;
        y_ += b2();
        return y_;
    }
    const Vec& output() const noexcept { return y_; }
    const Vec& hidden() const noexcept { return h_; }  // σ(W1 x + b1) of the last forward

    // grad = ∂(dyᵀ f(x; θ))/∂θ at the last forward's x (overwrites grad; size n_params()).
    void backward(CVecRef dy, VecRef grad) {
        check(grad.size() == n_params(), "Mlp::backward: gradient size");
        grad.setZero();
        backward_add(dy, grad, 1.0);
    }

    // grad += c · ∂(dyᵀ f(x; θ))/∂θ at the last forward's x. For a loss ℓ(f(x)), dy = ∂ℓ/∂f.
    //   ∂/∂W2 = dy hᵀ,  ∂/∂b2 = dy,  δ = (W2ᵀ dy) ⊙ 1[z > 0],  ∂/∂W1 = δ xᵀ,  ∂/∂b1 = δ.
    void backward_add(CVecRef dy, VecRef grad, double c) {
        check(dy.size() == k_ && grad.size() == n_params(), "Mlp::backward_add: sizes");
        delta_.noalias() = W2().transpose() * dy;
        for (int64_t i = 0; i < m_; ++i)
            if (!(z_(i) > 0.0)) delta_(i) = 0.0;
        delta_ *= c;  // scaled in place: outer products of plain vectors need no temporary
        double* g = grad.data();
        MatMap gW1(g, m_, d_);
        gW1.noalias() += delta_ * x_.transpose();
        Eigen::Map<Vec>(g + m_ * d_, m_) += delta_;
        MatMap gW2(g + m_ * d_ + m_, k_, m_);
        for (int64_t o = 0; o < k_; ++o) gW2.row(o) += (c * dy(o)) * h_.transpose();
        Eigen::Map<Vec>(g + m_ * d_ + m_ + k_ * m_, k_) += c * dy;
    }

    // θ ← θ − lr · grad.
    void sgd_step(CVecRef grad, double lr) {
        check(grad.size() == n_params(), "Mlp::sgd_step: gradient size");
        theta_.noalias() -= lr * grad;
    }

private:
    static void check(bool ok, const char* what) {
        if (!ok) throw std::invalid_argument(what);
    }

    int64_t d_, m_, k_;
    Vec theta_;
    Vec x_, z_, h_, y_, delta_;  // workspace of the last forward / backward
};

}  // namespace tsr::kit
