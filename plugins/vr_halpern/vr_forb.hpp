// vr_forb.hpp — the inner solver of Algorithm 2 (Cai, Alacaoglu & Diakonikolas, ICLR 2024):
// variance-reduced forward-reflected-backward (VR-FoRB; Alacaoglu & Malitsky, COLT 2022, the
// FoRB variant of their loopless SVRG scheme) applied to the resolvent subproblem
//
//   find v:  0 ∈ B(v) + ηG(v),   B(v) = ηF(v) + v − c,   i.e.  v = J_{η(F+G)}(c),
//
// B is 1-strongly monotone, its components B_i = ηF_i + (· − c) have mean-square Lipschitz
// constant ≤ ηL̂ + 1. One iteration with one uniform index i and snapshot w (w_prev: the snapshot
// before the last draw):
//
//   v̄     = α v + (1 − α) w,                                         α = 1 − p
//   v_new = J_{γηG}( v̄ − γ [ B(w) + ηF_i(v) − ηF_i(w_prev) + v − w_prev ] )
//   w_prev ← w;  with probability p: w ← v_new, B(w) ← ηF(w) + w − c   (n units)
//
// with p = 1/n and γ = gamma_scale · √(p(1 − p)) / (ηL̂ + 1) (Alacaoglu & Malitsky: γ = √(p(1−p))/L_B;
// the authors' code multiplies it by 5). Cost per iteration: 2 units + n with probability p.
// Started at v = w = w_prev = c with B(c) = ηF(c) given (the caller has F(c)).
#pragma once

#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

namespace vr_halpern {

struct VrForbSettings {
    double eta;    // resolvent step of the outer method
    double gamma;  // inner step
    double p;      // snapshot probability (α = 1 − p)
};

class VrForb {
public:
    VrForb(int64_t n, int64_t d) : n_(n), v_(d), vbar_(d), w_(d), w_prev_(d), Bw_(d), Fi_(d), g_(d) {}

    // Runs `iterations` steps from c; returns the approximation of J_{η(F+G)}(c). Fc = F(c).
    template <class Op>
    const tsr::Vec& solve(const Op& op, tsr::CVecRef c, tsr::CVecRef Fc, int64_t iterations, const VrForbSettings& s,
                          tsr::kit::Rng& rng) {
        const double alpha = 1.0 - s.p;
        v_ = c;
        w_ = c;
        w_prev_ = c;
        Bw_ = s.eta * Fc;
        int64_t i = 0;
        const std::span<const int64_t> one(&i, 1);
        for (int64_t t = 0; t < iterations; ++t) {
            i = static_cast<int64_t>(rng.below(static_cast<uint64_t>(n_)));
            vbar_ = alpha * v_ + (1.0 - alpha) * w_;
            op.batch(v_, one, Fi_);
            g_ = Bw_ + s.eta * Fi_ + v_ - w_prev_;
            op.batch(w_prev_, one, Fi_);
            g_ -= s.eta * Fi_;
            vbar_ -= s.gamma * g_;
            op.resolvent(vbar_, s.gamma * s.eta, v_);
            w_prev_ = w_;
            if (rng.uniform() < s.p) {
                w_ = v_;
                op.value(w_, Bw_);
                Bw_ *= s.eta;
                Bw_ += w_ - c;
            }
        }
        return v_;
    }

private:
    int64_t n_;
    tsr::Vec v_, vbar_, w_, w_prev_, Bw_, Fi_, g_;
};

}  // namespace vr_halpern
