// sparse_design.hpp — the synthetic data of Nutini, Laradji & Schmidt (JMLR 2022), §8 and the
// reference code (IssamLaradji/BlockCoordinateDescent, src/datasets/datasets.py, datasets A/B),
// at a chosen size n × d:
//
//   A_ij = (N(0,1) + bias) · s_j · m_ij,   s_j = scaling · N(0,1)  (one per column),
//          m_ij ~ Bernoulli(min(1, sparsity · log(n) / n))          (the entry is kept)
//   w_j  = N(0,1) · Bernoulli(solution_sparsity)                     (planted sparse parameter)
//
// The common bias makes the columns strongly correlated and the random column scales make the
// coordinate Lipschitz constants L_j ∝ ‖a_j‖² spread over orders of magnitude: the setting in
// which Lipschitz-aware greedy rules (GSL) differ most from GS and from random selection.
// Paper values: n = 1000, d = 10000, bias = 1, scaling = 10, sparsity = 10, solution sparsity 0.1.
//
// Streams (tsr::kit::Rng, mix_seed(seed, k)): k = 1 column scales, k = 2 entries and their
// mask (column by column), k = 3 w, k = 4 the noise or label flips of the caller.
#pragma once

#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <vector>

#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

namespace coordinate_problems {

using tsr::Vec;
using SparseCols = Eigen::SparseMatrix<double, Eigen::ColMajor, int64_t>;

struct DesignParams {
    int64_t n = 1000, d = 1000;
    double bias = 1.0, scaling = 10.0, sparsity = 10.0, solution_sparsity = 0.1;
};

struct Design {
    SparseCols A;
    Vec w;  // the planted parameter
};

inline Design sparse_design(const DesignParams& p, uint64_t seed) {
    tsr::kit::Rng rng_s(tsr::kit::mix_seed(seed, 1)), rng_a(tsr::kit::mix_seed(seed, 2)),
        rng_w(tsr::kit::mix_seed(seed, 3));
    const double keep = std::min(1.0, p.sparsity * std::log(static_cast<double>(p.n)) / static_cast<double>(p.n));
    std::vector<Eigen::Triplet<double, int64_t>> entries;
    entries.reserve(static_cast<size_t>(keep * p.n * p.d * 1.1) + 16);
    for (int64_t j = 0; j < p.d; ++j) {
        const double s = p.scaling * rng_s.normal();
        for (int64_t i = 0; i < p.n; ++i) {
            const double v = (rng_a.normal() + p.bias) * s;
            if (rng_a.bernoulli(keep) && v != 0.0) entries.emplace_back(i, j, v);
        }
    }
    Design out;
    out.A.resize(p.n, p.d);
    out.A.setFromTriplets(entries.begin(), entries.end());
    out.A.makeCompressed();
    out.w.resize(p.d);
    for (int64_t j = 0; j < p.d; ++j) {
        const double v = rng_w.normal();
        out.w[j] = rng_w.bernoulli(p.solution_sparsity) ? v : 0.0;
    }
    return out;
}

}  // namespace coordinate_problems
