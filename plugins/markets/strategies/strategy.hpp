// strategy.hpp — the online portfolio strategies of plugins/markets as small classes, free of the
// SDK's run loop, so that an algorithm component (algorithms/*.cpp) and an ensemble of strategies
// (plugins/portfolio_ensemble) run the same code.
//
// The market: n assets; period t moves prices by the price relatives x_t ∈ R^n_{>0}
// (x_{t,i} = p_{t,i} / p_{t-1,i}). A strategy holds a portfolio b_t on the simplex
// Δ_n = {b ≥ 0, Σ b_i = 1}, chosen before x_t is seen; its wealth grows by the factor b_t·x_t.
//
//   Strategy& s = ...;                  // created for n assets
//   for (t = 1..T) { play(s.portfolio()); x = market(); s.observe(x); }
//
// portfolio() is b_t; observe(x_t) moves the strategy to b_{t+1}. Nothing here allocates after
// construction (the hot loop of the ensemble runs several strategies per market step).
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace markets {

using Vec = Eigen::VectorXd;
using Mat = Eigen::MatrixXd;

class Strategy {
public:
    virtual ~Strategy() = default;
    // b_t: the portfolio for the coming period (on the simplex).
    virtual const Vec& portfolio() const = 0;
    // Reveals x_t, the price relatives of the period just played with portfolio(); moves to b_{t+1}.
    virtual void observe(const Vec& x) = 0;
};

// b ∘ x / (b·x): where the weights of b drift to when prices move by x and nothing is traded.
inline void drift(const Vec& b, const Vec& x, Vec& out) {
    out = b.cwiseProduct(x);
    out /= out.sum();
}

}  // namespace markets
