// cd.label_propagation — semi-supervised label propagation on a sparse graph, a quadratic whose
// Hessian has the graph's sparsity (Nutini, Laradji & Schmidt 2022, §5 and §8, datasets D and E).
//
//   min over the unlabeled y_u of  ½ Σ_{i,j} w_ij (y_i − y_j)²,  labels y_l fixed,
//   i.e.  f(x) = ½ xᵀAx − bᵀx,  x = y_u,  A = (D − W)_uu,  b = W_ul y_l,   D = diag(Σ_j w_ij)
//
// (the reference code's formulation: A_ii = Σ_j w_ij over all nodes, A_ij = −w_ij between unlabeled
// nodes, b_i = Σ_{j labeled} w_ij y_j). A ≻ 0 when every connected component holds a label.
// Graphs (`graph`):
//   "moons"   (dataset E): `nodes` points of two interleaved half-moons (streams k = 1: angles,
//             memberships and noise N(0, moon_noise²)), each joined to its `neighbors` nearest
//             neighbours (then symmetrized), w_ij = 1; `labeled` nodes drawn at random (k = 2)
//             carry their moon's label ±1. Paper: 2000 nodes, 5 neighbours, 100 labeled.
//   "lattice" (dataset D): a rows × rows grid with 4-neighbour edges of weight lattice_weight;
//             `labeled` random nodes (k = 2) get labels 10·N(0,1) (k = 3). Paper: 50 × 50, 1e5, 100.
// A component without a labeled node (possible on a k-NN graph) gets its lowest-numbered node
// labeled 0 (moons) so that A stays positive definite; `labeled_nodes` in the ground truth counts them.
// Coordinate oracles: L_j = A_jj; M_b = H_b = A_bb; hessian_pattern = the edges between unlabeled
// nodes. Known optimum: x* = A⁻¹b by sparse Cholesky (Eigen SimplicialLDLT), F* = −½ bᵀx*.
// Initial point: 0.
#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

namespace coordinate_problems {

using tsr::Vec;
using SparseSym = Eigen::SparseMatrix<double, Eigen::RowMajor, int64_t>;

class LabelPropagation {
public:
    static constexpr tsr::Info info{"cd.label_propagation", "1.0.0",
                                    "label propagation on a k-NN graph of two moons or a lattice (sparse quadratic)",
                                    "Nutini, Laradji & Schmidt, Let's make block coordinate descent converge faster, "
                                    "JMLR 23, 2022 (datasets D and E)"};
    using provides = tsr::Provides<tsr::Objective, tsr::Coordinate, tsr::GroundTruth>;
    struct Params {
        std::string graph = "moons";
        int64_t nodes = 2000;
        int64_t neighbors = 5;
        int64_t labeled = 100;
        double moon_noise = 0.1;
        int64_t rows = 50;
        double lattice_weight = 1e5;
        static void schema(tsr::Schema<Params>& s) {
            s.choice("graph", &Params::graph, {"moons", "lattice"},
                     "moons: k-NN graph of two half-moons (dataset E); lattice: rows x rows grid (dataset D)");
            s.integer("nodes", &Params::nodes, "number of nodes of the moons graph", {.min = 2});
            s.integer("neighbors", &Params::neighbors, "k of the k-nearest-neighbour moons graph", {.min = 1});
            s.integer("labeled", &Params::labeled, "number of labeled nodes", {.min = 1});
            s.real("moon_noise", &Params::moon_noise, "standard deviation of the noise added to the moons' points",
                   {.min = 0.0});
            s.integer("rows", &Params::rows, "side of the lattice graph", {.min = 2});
            s.real("lattice_weight", &Params::lattice_weight, "weight of every lattice edge", {.min = 0.0},
                   TSR_PARAM_FLAG_LOG_SCALE);
        }
    };

    LabelPropagation(const Params& p, uint64_t seed) {
        Graph g = p.graph == "moons" ? moons(p, seed) : lattice(p, seed);
        build(g);
    }

    int64_t dim() const { return A_.rows(); }
    void initial_point(tsr::VecMap x0) const { x0.setZero(); }
    double value(tsr::CVecMap x) {
        Ax_.noalias() = A_ * x;
        return 0.5 * x.dot(Ax_) - b_.dot(x);
    }
    double value_gradient(tsr::CVecMap x, tsr::VecMap g) {
        g.noalias() = A_ * x;
        const double f = 0.5 * x.dot(g) - b_.dot(x);
        g -= b_;
        return f;
    }
    void hessian_vector(tsr::CVecMap, tsr::CVecMap v, tsr::VecMap hv) { hv.noalias() = A_ * v; }

    double l1_weight() const { return 0.0; }
    void gradient(tsr::CVecMap x, tsr::VecMap g) {
        g.noalias() = A_ * x;
        g -= b_;
    }
    void block_gradient(tsr::CVecMap x, std::span<const int64_t> idx, tsr::VecMap gb) {
        for (size_t k = 0; k < idx.size(); ++k) gb[static_cast<int64_t>(k)] = A_.row(idx[k]).dot(x) - b_[idx[k]];
    }
    void coordinate_lipschitz(tsr::VecMap L) { L = A_.diagonal(); }
    void block_bound(std::span<const int64_t> idx, tsr::RowMatMap M) { block(idx, M); }
    void block_hessian(tsr::CVecMap, std::span<const int64_t> idx, tsr::RowMatMap H) { block(idx, H); }
    std::span<const int64_t> hessian_pattern() const { return pattern_; }

    std::optional<double> truth_scalar(std::string_view name) {
        if (name == "labeled_nodes") return static_cast<double>(labeled_nodes_);
        if (name != "f_star") return std::nullopt;
        solve();
        return f_star_;
    }
    std::optional<tsr_array> truth_array(std::string_view name) {
        if (name != "x_star") return std::nullopt;
        solve();
        return tsr::array_view(x_star_);
    }
    const char* const* truth_names() const {
        static const char* const names[] = {"f_star", "x_star", "labeled_nodes", nullptr};
        return names;
    }

private:
    struct Graph {
        int64_t n = 0;
        std::vector<std::vector<std::pair<int64_t, double>>> adj;  // symmetric, weighted
        std::vector<bool> is_labeled;
        Vec y;  // labels (0 where unlabeled)
    };

    // A_bb: the rows of the block, entries at the block's columns (a linear merge per row: the
    // block's positions are looked up in `where_`, a d-sized map kept at −1 between calls).
    template <class Out>
    void block(std::span<const int64_t> idx, Out& M) {
        const int64_t m = static_cast<int64_t>(idx.size());
        M.setZero();
        for (int64_t p = 0; p < m; ++p) where_[idx[p]] = p;
        for (int64_t p = 0; p < m; ++p)
            for (SparseSym::InnerIterator it(A_, idx[p]); it; ++it)
                if (const int64_t q = where_[it.col()]; q >= 0) M(p, q) = it.value();
        for (int64_t p = 0; p < m; ++p) where_[idx[p]] = -1;
    }

    static void draw_labels(Graph& g, int64_t count, tsr::kit::Rng& rng, const std::function<double(int64_t)>& label) {
        count = std::min(count, g.n);
        std::vector<int64_t> perm(static_cast<size_t>(g.n));
        for (int64_t i = 0; i < g.n; ++i) perm[static_cast<size_t>(i)] = i;
        for (int64_t i = 0; i < count; ++i) {  // partial Fisher-Yates
            const int64_t j = i + static_cast<int64_t>(rng.below(static_cast<uint64_t>(g.n - i)));
            std::swap(perm[static_cast<size_t>(i)], perm[static_cast<size_t>(j)]);
            g.is_labeled[static_cast<size_t>(perm[static_cast<size_t>(i)])] = true;
            g.y[perm[static_cast<size_t>(i)]] = label(perm[static_cast<size_t>(i)]);
        }
    }

    static Graph moons(const Params& p, uint64_t seed) {
        tsr::kit::Rng rng(tsr::kit::mix_seed(seed, 1)), rng_l(tsr::kit::mix_seed(seed, 2));
        const int64_t n = p.nodes;
        std::vector<double> px(static_cast<size_t>(n)), py(static_cast<size_t>(n));
        std::vector<double> truth(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) {
            const double t = std::numbers::pi * rng.uniform();
            const bool upper = rng.bernoulli(0.5);
            px[i] = (upper ? std::cos(t) : 1.0 - std::cos(t)) + p.moon_noise * rng.normal();
            py[i] = (upper ? std::sin(t) : 0.5 - std::sin(t)) + p.moon_noise * rng.normal();
            truth[i] = upper ? 1.0 : -1.0;
        }
        Graph g;
        g.n = n;
        g.adj.resize(static_cast<size_t>(n));
        g.is_labeled.assign(static_cast<size_t>(n), false);
        g.y = Vec::Zero(n);
        // k nearest neighbours of each node (brute force: O(n² log k)), then symmetrized with w = 1.
        const int64_t k = std::min(p.neighbors, n - 1);
        std::vector<std::pair<int64_t, int64_t>> edges;
        std::vector<std::pair<double, int64_t>> dist(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) {
            for (int64_t j = 0; j < n; ++j) {
                const double dx = px[i] - px[j], dy = py[i] - py[j];
                dist[static_cast<size_t>(j)] = {j == i ? std::numeric_limits<double>::infinity() : dx * dx + dy * dy, j};
            }
            std::partial_sort(dist.begin(), dist.begin() + k, dist.end());
            for (int64_t r = 0; r < k; ++r) {
                const int64_t j = dist[static_cast<size_t>(r)].second;
                edges.emplace_back(std::min(i, j), std::max(i, j));
            }
        }
        std::sort(edges.begin(), edges.end());
        edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
        for (auto [i, j] : edges) {
            g.adj[static_cast<size_t>(i)].emplace_back(j, 1.0);
            g.adj[static_cast<size_t>(j)].emplace_back(i, 1.0);
        }
        draw_labels(g, p.labeled, rng_l, [&](int64_t i) { return truth[static_cast<size_t>(i)]; });
        return g;
    }

    static Graph lattice(const Params& p, uint64_t seed) {
        tsr::kit::Rng rng_l(tsr::kit::mix_seed(seed, 2)), rng_y(tsr::kit::mix_seed(seed, 3));
        const int64_t r = p.rows, n = r * r;
        Graph g;
        g.n = n;
        g.adj.resize(static_cast<size_t>(n));
        g.is_labeled.assign(static_cast<size_t>(n), false);
        g.y = Vec::Zero(n);
        auto link = [&](int64_t i, int64_t j) {
            g.adj[static_cast<size_t>(i)].emplace_back(j, p.lattice_weight);
            g.adj[static_cast<size_t>(j)].emplace_back(i, p.lattice_weight);
        };
        for (int64_t i = 0; i < n; ++i) {  // node i = row + col · r, as in the reference code
            const int64_t row = i % r, col = i / r;
            if (row + 1 < r) link(i, i + 1);
            if (col + 1 < r) link(i, i + r);
        }
        draw_labels(g, p.labeled, rng_l, [&](int64_t) { return 10.0 * rng_y.normal(); });
        return g;
    }

    // Labels one node of every component that has none, then forms A, b over the unlabeled nodes.
    void build(Graph& g) {
        std::vector<int64_t> comp(static_cast<size_t>(g.n), -1), stack;
        for (int64_t s = 0; s < g.n; ++s) {
            if (comp[static_cast<size_t>(s)] >= 0) continue;
            bool has_label = false;
            stack.assign(1, s);
            comp[static_cast<size_t>(s)] = s;
            while (!stack.empty()) {
                const int64_t i = stack.back();
                stack.pop_back();
                has_label = has_label || g.is_labeled[static_cast<size_t>(i)];
                for (auto [j, w] : g.adj[static_cast<size_t>(i)])
                    if (comp[static_cast<size_t>(j)] < 0) {
                        comp[static_cast<size_t>(j)] = s;
                        stack.push_back(j);
                    }
            }
            if (!has_label) g.is_labeled[static_cast<size_t>(s)] = true;  // label 0: y[s] stays 0
        }
        std::vector<int64_t> local(static_cast<size_t>(g.n), -1);
        int64_t m = 0;
        for (int64_t i = 0; i < g.n; ++i)
            if (!g.is_labeled[static_cast<size_t>(i)]) local[static_cast<size_t>(i)] = m++;
            else ++labeled_nodes_;
        if (m == 0) throw tsr::InvalidArgument("cd.label_propagation: every node is labeled");
        std::vector<Eigen::Triplet<double, int64_t>> t;
        b_ = Vec::Zero(m);
        for (int64_t i = 0; i < g.n; ++i) {
            const int64_t li = local[static_cast<size_t>(i)];
            if (li < 0) continue;
            double degree = 0.0;
            for (auto [j, w] : g.adj[static_cast<size_t>(i)]) {
                degree += w;
                const int64_t lj = local[static_cast<size_t>(j)];
                if (lj >= 0) {
                    t.emplace_back(li, lj, -w);
                    if (li < lj) {
                        pattern_.push_back(li);
                        pattern_.push_back(lj);
                    }
                } else {
                    b_[li] += w * g.y[j];
                }
            }
            t.emplace_back(li, li, degree);
        }
        A_.resize(m, m);
        A_.setFromTriplets(t.begin(), t.end());
        A_.makeCompressed();
        Ax_.resize(m);
        where_.assign(static_cast<size_t>(m), -1);
    }

    void solve() {
        if (f_star_) return;
        Eigen::SparseMatrix<double> Acol = A_;
        Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> ldlt(Acol);
        if (ldlt.info() != Eigen::Success) throw tsr::NumericError("cd.label_propagation: A is not positive definite");
        x_star_ = ldlt.solve(b_);
        f_star_ = -0.5 * b_.dot(x_star_);
    }

    SparseSym A_;
    Vec b_, Ax_;
    std::vector<int64_t> pattern_, where_;
    int64_t labeled_nodes_ = 0;
    std::optional<double> f_star_;
    Vec x_star_;
};

TSR_REGISTER(LabelPropagation);

}  // namespace coordinate_problems
