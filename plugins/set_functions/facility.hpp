// facility.hpp — facility location over points: facilities are the n ground elements (points
// x_e ∈ R^d), clients are m points c_i, similarity sim(i, e) = exp(−‖c_i − x_e‖² / (2σ²)) ∈ (0, 1],
//
//   f(S) = Σ_{i<m} max_{e∈S} sim(i, e)   (f(∅) = 0),   f(e | S) = Σ_i max(0, sim(i, e) − b_i(S)),
//   b_i(S) = max_{s∈S} sim(i, s).
//
// Monotone, submodular (a sum of maxima of non-negative weights), normalized. NP-hard to maximize
// (it contains max-coverage), so the metric compares with greedy (1 − 1/e).
//
// Synthetic points from a seed (tsr::kit::Rng streams mix_seed(seed, k)):
//   k = 1: `clusters` centres uniform in [0, 1]^d;
//   k = 2: each point: a uniformly chosen centre plus N(0, spread² I_d);
//   k = 3: clients: m points drawn the same way (k = 2's law, their own stream).
// σ is `bandwidth`. The similarity matrix (n × m, double) is computed once.
//
// Batched gains: b(S) is computed once per call (O(|S| m)), then each candidate costs O(m).
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include <Eigen/Core>
#include <tessera/kit/rng.hpp>

namespace setfn {

using PointRows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// n points around `clusters` random centres in [0, 1]^d (the file comment's k = 1, 2 streams).
inline PointRows clustered_points(int64_t n, int64_t d, int64_t clusters, double spread, uint64_t seed_centres,
                                  uint64_t seed_points) {
    tsr::kit::Rng rc(seed_centres), rp(seed_points);
    PointRows centres(clusters, d);
    for (int64_t c = 0; c < clusters; ++c)
        for (int64_t t = 0; t < d; ++t) centres(c, t) = rc.uniform();
    PointRows X(n, d);
    for (int64_t e = 0; e < n; ++e) {
        const int64_t c = static_cast<int64_t>(rp.below(static_cast<uint64_t>(clusters)));
        for (int64_t t = 0; t < d; ++t) X(e, t) = centres(c, t) + spread * rp.normal();
    }
    return X;
}

class FacilityLocation {
public:
    // points: n × d facilities; clients: m × d.
    FacilityLocation(const PointRows& points, const PointRows& clients, double bandwidth)
        : n_(points.rows()), m_(clients.rows()), sim_(static_cast<size_t>(n_ * m_)), best_(static_cast<size_t>(m_)) {
        const double inv = 1.0 / (2.0 * bandwidth * bandwidth);
        for (int64_t e = 0; e < n_; ++e)
            for (int64_t i = 0; i < m_; ++i)
                sim_[e * m_ + i] = (std::exp(-(points.row(e) - clients.row(i)).squaredNorm() * inv));
    }

    int64_t n() const { return n_; }
    int64_t m() const { return m_; }
    std::span<const double> row(int64_t e) const { return {sim_.data() + e * m_, static_cast<size_t>(m_)}; }

    double value(std::span<const int64_t> S) {
        fill_best(S);
        double v = 0.0;
        for (double b : best_) v += b;
        return v;
    }

    void gains(std::span<const int64_t> S, std::span<const int64_t> cand, std::span<double> out) {
        fill_best(S);
        for (size_t c = 0; c < cand.size(); ++c) {
            const double* s = sim_.data() + cand[c] * m_;
            double g = 0.0;
            for (int64_t i = 0; i < m_; ++i) g += std::max(0.0, s[i] - best_[i]);
            out[c] = g;
        }
    }

private:
    void fill_best(std::span<const int64_t> S) {
        std::fill(best_.begin(), best_.end(), 0.0);
        for (int64_t e : S) {
            const double* s = sim_.data() + e * m_;
            for (int64_t i = 0; i < m_; ++i) best_[i] = std::max(best_[i], s[i]);
        }
    }

    int64_t n_, m_;
    std::vector<double> sim_;   // n × m, row e = sim(·, e)
    std::vector<double> best_;  // b_i(S) of the current call
};

}  // namespace setfn
