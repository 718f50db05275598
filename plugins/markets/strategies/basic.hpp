// basic.hpp — the benchmark strategies and exponentiated gradient.
//
// UCRP, the uniform constant rebalanced portfolio: b_t = (1/n, ..., 1/n) at every period (Cover,
// "Universal Portfolios", Math. Finance 1(1), 1991, §2: the CRP b with b = uniform). Its wealth
// has the closed form S_T = Π_t (1/n) Σ_i x_{t,i}.
//
// BAH, buy and hold: b_1 = uniform, then no trading: b_{t+1} = b_t ∘ x_t / (b_t·x_t), so that
// S_T = (1/n) Σ_i Π_t x_{t,i} (the average of the assets' own wealths).
//
// EG, exponentiated gradient (Helmbold, Schapire, Singer & Warmuth, "On-line portfolio selection
// using multiplicative updates", Math. Finance 8(4), 1998, eq. (3)):
//     b_{t+1,i} = b_{t,i} exp(η x_{t,i} / (b_t·x_t)) / Z_t,
// b_1 uniform; the paper's experiments use η = 0.05.
#pragma once

#include <cmath>

#include "strategy.hpp"

namespace markets {

class Ucrp final : public Strategy {
public:
    explicit Ucrp(int64_t n) : b_(Vec::Constant(n, 1.0 / static_cast<double>(n))) {}
    const Vec& portfolio() const override { return b_; }
    void observe(const Vec&) override {}

private:
    Vec b_;
};

class BuyAndHold final : public Strategy {
public:
    explicit BuyAndHold(int64_t n) : b_(Vec::Constant(n, 1.0 / static_cast<double>(n))), next_(n) {}
    const Vec& portfolio() const override { return b_; }
    void observe(const Vec& x) override {
        drift(b_, x, next_);
        b_.swap(next_);
    }

private:
    Vec b_, next_;
};

class ExponentiatedGradient final : public Strategy {
public:
    ExponentiatedGradient(int64_t n, double eta) : eta_(eta), b_(Vec::Constant(n, 1.0 / static_cast<double>(n))) {}
    const Vec& portfolio() const override { return b_; }
    void observe(const Vec& x) override {
        const double gain = b_.dot(x);
        // (3): b_i exp(η x_i / b·x); shifted by the largest exponent so nothing overflows.
        const double top = eta_ * x.maxCoeff() / gain;
        for (Eigen::Index i = 0; i < b_.size(); ++i) b_[i] *= std::exp(eta_ * x[i] / gain - top);
        b_ /= b_.sum();
    }

private:
    double eta_;
    Vec b_;
};

}  // namespace markets
