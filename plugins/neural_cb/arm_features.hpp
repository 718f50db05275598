// The feature vector φ(o, k) of arm k under observation o, the input of every model here.
//
//   "shared":  o = x ∈ R^d is one context for all arms; φ(x, k) = e_k ⊗ x ∈ R^{K·d} (x in block k,
//              zeros elsewhere) — the disjoint encoding of Zhou et al. (NeuralUCB, ICML 2020, §7.2)
//              and Deb et al. (ICLR 2024, §6) for classification data: one network scores all arms.
//   "per_arm": o = [x_0; …; x_{K−1}] holds one context per arm (K blocks of d); φ(o, k) = x_k ∈ R^d.
// An environment without contexts (observation_dim = 0: a K-armed bandit) under "shared" is taken
// as the constant context x = 1, so φ(k) = e_k and every model here becomes a K-armed bandit method.
//
// Ownership: owns Φ (D × K, column k = φ(o, k)), sized once; fill() does not allocate.
#pragma once

#include <cstdint>
#include <string>

#include <tessera/sdk.hpp>

namespace neural_cb {

// The `arm_features` parameter every algorithm here has.
template <class P, class Owner>
void add_arm_features(tsr::Schema<P>& s, std::string Owner::*field) {
    s.choice("arm_features", static_cast<std::string P::*>(field), {"shared", "per_arm"},
             "shared: one context, arm k sees e_k (x) x (disjoint encoding); per_arm: the observation holds "
             "K contexts, one per arm");
}

class ArmFeatures {
public:
    ArmFeatures(const std::string& mode, int64_t observation_dim, int64_t arms)
        : shared_(mode == "shared"), d_(observation_dim), K_(arms) {
        if (!shared_ && (observation_dim % arms != 0 || observation_dim == 0))
            throw tsr::InvalidArgument("arm_features = per_arm needs an observation of K blocks: observation_dim " +
                                       std::to_string(observation_dim) + " is not a multiple of K = " +
                                       std::to_string(arms));
        if (shared_ && observation_dim == 0) d_ = 1;  // no context: the constant context 1
        D_ = shared_ ? d_ * K_ : d_ / K_;
        phi_ = tsr::Mat::Zero(D_, K_);
        if (observation_dim == 0)
            for (int64_t k = 0; k < K_; ++k) phi_(k, k) = 1.0;
    }

    int64_t dim() const { return D_; }
    int64_t arms() const { return K_; }
    const tsr::Mat& matrix() const { return phi_; }
    auto arm(int64_t k) const { return phi_.col(k); }

    void fill(const tsr::Vec& observation) {
        if (observation.size() == 0) return;  // constant context: Φ = I, set once
        for (int64_t k = 0; k < K_; ++k) {
            if (shared_)
                phi_.col(k).segment(k * d_, d_) = observation;  // other blocks stay zero
            else
                phi_.col(k) = observation.segment(k * D_, D_);
        }
    }

private:
    bool shared_;
    int64_t d_, K_, D_ = 0;
    tsr::Mat phi_;
};

}  // namespace neural_cb
