// page_estimator.hpp — the loopless PAGE / SARAH-type recursive estimator of F = (1/n) Σ F_i used
// by Algorithm 1 of Cai, Alacaoglu & Diakonikolas (ICLR 2024) (PAGE: Li, Bao, Zhang & Richtárik,
// ICML 2021; SARAH: Nguyen et al., ICML 2017):
//
//   F̃_k = F(u_k)                                                   with probability p_k,
//   F̃_k = F̃_{k−1} + (1/b) Σ_{i∈S_k} [F_i(u_k) − F_i(u_{k−1})]      otherwise,
//
// S_k a uniform b-subset (without replacement, as in the authors' code). Given F̃_{k−1} = F(u_{k−1})
// (e.g. right after a reset), E[F̃_k] = F(u_k): the recursion is unbiased one step from a reset
// (tests/vr_halpern checks this). Cost: n units for a reset, 2b units otherwise (two batch calls).
// `Op` is tsr::OperatorRef or anything with value(u, out), batch(u, idx, out).
#pragma once

#include <tessera/sdk.hpp>

#include "sampling.hpp"

namespace vr_halpern {

class PageEstimator {
public:
    PageEstimator(int64_t n, int64_t d, int64_t batch) : sampler_(n, batch), F_(d), diff_(d) {}

    // Moves the estimate from u_prev to u. Returns true when it evaluated F(u) in full.
    template <class Op>
    bool update(const Op& op, tsr::CVecRef u, tsr::CVecRef u_prev, double p, tsr::kit::Rng& rng) {
        if (p >= 1.0 || rng.uniform() < p) {
            op.value(u, F_);
            return true;
        }
        const auto idx = sampler_.draw(rng);
        op.batch(u, idx, diff_);
        F_ += diff_;
        op.batch(u_prev, idx, diff_);
        F_ -= diff_;
        return false;
    }

    const tsr::Vec& estimate() const { return F_; }
    int64_t batch() const { return sampler_.size(); }

private:
    SubsetSampler sampler_;
    tsr::Vec F_, diff_;
};

}  // namespace vr_halpern
