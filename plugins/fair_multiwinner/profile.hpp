// profile.hpp — a voting profile: n rankings of m candidates, each a strict order (best first),
// and the two groups of candidates (0 = G1, 1 = G2, the group the bias works against).
//
// Stored twice for speed: `order` (row v: the candidates of ranking v from first to last place)
// and `pos` (row v: the place of each candidate in ranking v, 0 = first). Both n × m, row-major.
// This is what every piece of the plugin passes around; the ABI sees it as float64 matrices
// (dataset "rankings", ground truth "latent_rankings": order, one row per ranking).
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <tessera/sdk/errors.hpp>

namespace fairmw {

struct Profile {
    int64_t n = 0, m = 0;
    std::vector<int32_t> order;  // order[v*m + p]: candidate at place p of ranking v
    std::vector<int32_t> pos;    // pos[v*m + c]:   place of candidate c in ranking v

    int32_t place(int64_t v, int64_t c) const { return pos[static_cast<size_t>(v * m + c)]; }

    // From the rows of a matrix-like `R` (R(v, p) = candidate at place p), each checked to be a
    // permutation of 0..m-1; `what` names the source in the error.
    template <class Matrix>
    static Profile from_orders(const Matrix& R, const std::string& what) {
        Profile P;
        P.n = R.rows();
        P.m = R.cols();
        if (P.n < 1 || P.m < 1) throw tsr::InvalidArgument(what + ": needs at least one ranking of one candidate");
        P.order.resize(static_cast<size_t>(P.n * P.m));
        P.pos.assign(static_cast<size_t>(P.n * P.m), -1);
        for (int64_t v = 0; v < P.n; ++v)
            for (int64_t p = 0; p < P.m; ++p) {
                const double x = R(v, p);
                const auto c = static_cast<int64_t>(std::llround(x));
                if (!(x == static_cast<double>(c)) || c < 0 || c >= P.m)
                    throw tsr::InvalidArgument(what + ": ranking " + std::to_string(v + 1) + ", place " +
                                               std::to_string(p + 1) + ": expected a candidate id in 0.." +
                                               std::to_string(P.m - 1) + ", found " + std::to_string(x));
                int32_t& seen = P.pos[static_cast<size_t>(v * P.m + c)];
                if (seen >= 0)
                    throw tsr::InvalidArgument(what + ": ranking " + std::to_string(v + 1) + " lists candidate " +
                                               std::to_string(c) + " twice (places " + std::to_string(seen + 1) +
                                               " and " + std::to_string(p + 1) + "): a ranking is a permutation");
                seen = static_cast<int32_t>(p);
                P.order[static_cast<size_t>(v * P.m + p)] = static_cast<int32_t>(c);
            }
        return P;
    }

    // From orders already known to be permutations (the generators' output).
    static Profile from_orders(int64_t n, int64_t m, std::vector<int32_t> order) {
        Profile P;
        P.n = n;
        P.m = m;
        P.order = std::move(order);
        P.pos.resize(P.order.size());
        for (int64_t v = 0; v < n; ++v)
            for (int64_t p = 0; p < m; ++p) P.pos[static_cast<size_t>(v * m + P.order[static_cast<size_t>(v * m + p)])] =
                static_cast<int32_t>(p);
        return P;
    }
};

// Group labels as 0/1 ints, checked (`what` names the source).
template <class Vector>
std::vector<int8_t> group_labels(const Vector& g, int64_t m, const std::string& what) {
    if (static_cast<int64_t>(g.size()) != m)
        throw tsr::InvalidArgument(what + ": expected " + std::to_string(m) + " group labels (one per candidate), found " +
                                   std::to_string(g.size()));
    std::vector<int8_t> out(static_cast<size_t>(m));
    for (int64_t c = 0; c < m; ++c) {
        const double x = g[c];
        if (x != 0.0 && x != 1.0)
            throw tsr::InvalidArgument(what + ": candidate " + std::to_string(c) +
                                       ": a group label is 0 (G1) or 1 (G2, the disadvantaged group), found " +
                                       std::to_string(x));
        out[static_cast<size_t>(c)] = static_cast<int8_t>(x);
    }
    return out;
}

}  // namespace fairmw
