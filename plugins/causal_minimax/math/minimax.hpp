// minimax.hpp — the causal minimax method of Liu, Zheng, Sun, Fang & Wang, "Which Invariance
// Should We Transfer? A Causal Minimax Learning Approach", ICML 2023 (arXiv 2107.01876), as its
// reference implementation lmz123321/which_invariance (findoptset/findoptset.py) does it.
//
// Setting: a DAG G over covariates X and Y; the mechanisms of the mutable set M (the nodes the
// environment index E points to) change across environments, all others (Y's included) are
// stable; S = X \ M is the stable set. For S' ⊆ S the stable predictor is
//   f_S'(x) = E[Y | x_S', do(x_M)],
// and its worst-case risk over environments e (mutable mechanisms replaced by intervention
// functions J_m of their parents) is
//   h*(S') = max_J  E_{P(J)} (Y − f_S'(X_S', X_M))²
// estimated by gradient ascent over neural-network J's with a norm penalty (the bound on J):
//   J = argmax  MSE(J) − λ Σ_m (‖W1_m‖ + ‖W2_m‖),   λ = 0.01, Adam, lr 0.02.
// The chosen subset minimizes h* (Alg. 1). The graph parts (the reference's
// causal_discovery/graphparser.py):
//   X_M^0 = M ∩ Ch(Y),   K = De(X_M^0) \ X_M^0,
//   graphical condition (the reference's IsFullSet): K ∩ Ch(Y) = ∅ ⇒ the whole stable set S is optimal;
//   X_do* = X_M^0 ∪ (De(X_M^0) \ Ch(Y)): f_S' is fitted on samples of P(· | do(X_do*)), made by
//   permuting the X_do* columns (one permutation for all of them, as the reference) and
//   regenerating their descendants De_do* (in G with the edges into X_do* removed) by fitted
//   stable mechanisms;
//   the ascent regenerates M = J(PA_M) and De(M) (in G with the edges into M removed) in
//   topological order by the fitted mechanisms.
// Mechanisms are Mlp's fitted on the pooled training data (stable mechanisms are invariant, so
// pooling identifies them). Regenerated values add back each sample's fitted residual (the
// abducted exogenous noise; the reference regenerates without noise: option noise = "none").
#pragma once

#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include <tessera/kit/rng.hpp>

#include "graph.hpp"
#include "predictor.hpp"

namespace minimax {

// What the problem serves: pooled training data with Y as the last column, and what the paper
// assumes known: the causal graph and the mutable set.
struct TrainingData {
    int d = 0;     // covariates; column d of V is Y
    Mat V;         // n × (d+1)
    Vec env;       // n environment ids
    std::optional<Dag> graph;         // over d+1 nodes, node d = Y
    std::optional<NodeSet> mutables;  // subset of covariates
    int y() const { return d; }
};

// The graphical components (reference ComponentFinder.detect).
struct Components {
    NodeSet M = 0, S = 0, ch_y = 0, M0 = 0, de_M0 = 0, K = 0;
    bool condition_holds = true;  // K ∩ Ch(Y) = ∅
    NodeSet dostar = 0, de_dostar = 0, de_M = 0;
    Dag g_dostar, g_doM;

    Components(const Dag& g, int y, NodeSet mutables) {
        const NodeSet covariates = (NodeSet{1} << y) - 1;
        M = mutables;
        S = covariates & ~M;
        ch_y = g.ch[y];
        M0 = M & ch_y;
        de_M0 = g.descendants(M0);
        K = de_M0 & ~M0;
        condition_holds = (K & ch_y) == 0;
        dostar = M0 | (de_M0 & ~ch_y);
        g_dostar = g.without_edges_into(dostar);
        de_dostar = g_dostar.descendants(dostar) & ~dostar;
        g_doM = g.without_edges_into(M);
        de_M = g_doM.descendants(M) & ~M;
    }
};

struct MinimaxOptions {
    FitOptions predictor{.hidden = 12, .iterations = 10000, .lr = 0.02, .patience = 1000, .min_delta = 0.01};
    FitOptions mechanism{.hidden = 0, .iterations = 5000, .lr = 0.01, .patience = 1000, .min_delta = 0.01};
    int64_t ascent_iterations = 10000;
    double ascent_lr = 0.02;
    double lambda = 0.01;            // the norm penalty on J's weights (the bound on J)
    int64_t ascent_log_every = 10;   // reference: the MSE is logged every 10 steps
    int64_t ascent_patience = 100;   // stop after this many logs without a change > min_delta
    double ascent_min_delta = 0.01;  // in units of Var(Y)
    bool residual_noise = true;
    // bound the intervention functions to the training range of each X_m: X_m = c + h tanh((J − c)/h),
    // [c − h, c + h] the observed range (off: only the norm penalty bounds J, as the reference)
    bool bound_to_support = false;
};

// The fitted stable mechanisms needed to regenerate: node -> (parents, Mlp, training residual).
class Mechanisms {
public:
    struct Entry {
        std::vector<int> parents;
        Mlp mlp;
        Vec residual;
    };

    Entry& fit(const TrainingData& data, int node, NodeSet parents, const MinimaxOptions& o, tsr::kit::Rng& rng) {
        const std::pair<int, NodeSet> key{node, parents};
        auto it = fitted_.find(key);
        if (it != fitted_.end()) return it->second;
        Entry e;
        e.parents = members(parents, data.d + 1);
        Mat P;
        gather(data.V, e.parents, P);
        const Vec target = data.V.col(node);
        FitOptions f = o.mechanism;
        if (f.hidden <= 0) f.hidden = std::max<int64_t>(1, static_cast<int64_t>(e.parents.size()) / 2);
        Vec out;
        e.mlp.fit(P, target, f, rng, &out);
        e.residual = o.residual_noise ? Vec(target - out) : Vec::Zero(target.size());
        return fitted_.emplace(key, std::move(e)).first->second;
    }

private:
    // by (node, parents): the same parent set serves another node with a different fit
    std::map<std::pair<int, NodeSet>, Entry> fitted_;
};

// One candidate's result.
struct Candidate {
    NodeSet subset = 0;
    Mlp predictor;
    double worst_case_risk = std::numeric_limits<double>::quiet_NaN();
    int64_t ascent_steps = 0;
    double train_mse = 0.0;
};

class MinimaxEstimator {
public:
    MinimaxEstimator(const TrainingData& data, MinimaxOptions o, uint64_t seed)
        : data_(data), o_(o), rng_(seed), comp_(*data.graph, data.y(), *data.mutables) {
        order_ = data.graph->topological_order();
        // one permutation of the rows for all X_do* columns (the reference's random_state = 123)
        perm_ = tsr::kit::random_permutation(data.V.rows(), rng_);
    }

    const Components& components() const { return comp_; }

    // f_S' = E[Y | x_S', do(x_M)] fitted on the permuted-and-regenerated sample (the "permutation-regeneration" of the reference).
    Mlp fit_predictor(NodeSet subset) {
        Mat Vdo = data_.V;
        const int n_nodes = data_.d + 1;
        for (int v : members(comp_.dostar, n_nodes))
            for (int64_t r = 0; r < Vdo.rows(); ++r) Vdo(r, v) = data_.V(perm_[r], v);
        Mat P;
        Vec out;
        for (int v : order_) {
            if (!has(comp_.de_dostar, v)) continue;
            Mechanisms::Entry& m = mech_.fit(data_, v, comp_.g_dostar.pa[v], o_, rng_);
            gather(Vdo, m.parents, P);
            m.mlp.forward(P, out);
            Vdo.col(v) = out + m.residual;
        }
        Mlp f;
        Mat X;
        gather(Vdo, members(subset | comp_.M, data_.d), X);
        f.fit(X, Vdo.col(data_.y()), o_.predictor, rng_);
        return f;
    }

    // h*(S'): gradient ascent over the intervention functions J_m(PA_m) (Alg. 1).
    // Returns the last logged MSE (in Y's units) and the number of steps taken. `on_log` sees
    // every logged MSE (one per ascent_log_every steps) and returns true to stop the ascent.
    using LogCallback = std::function<bool(double mse)>;
    std::pair<double, int64_t> worst_case_risk(NodeSet subset, Mlp& f, const LogCallback& on_log) {
        const int n_nodes = data_.d + 1;
        const int64_t n = data_.V.rows();
        const std::vector<int> mut = members(comp_.M, n_nodes);
        // J_m: inputs PA_m (in G), hidden max(2, |PA_m| / 2) sigmoids, output in X_m's scale
        std::vector<Mlp> J(mut.size());
        std::vector<std::vector<int>> J_pa(mut.size());
        int64_t n_theta = 0;
        std::vector<double> center(mut.size()), half(mut.size());
        std::vector<Vec> squash(mut.size());
        for (size_t k = 0; k < mut.size(); ++k) {
            const double lo = data_.V.col(mut[k]).minCoeff(), hi = data_.V.col(mut[k]).maxCoeff();
            center[k] = 0.5 * (lo + hi);
            half[k] = std::max(0.5 * (hi - lo), 1e-12);
            J_pa[k] = members(data_.graph->pa[mut[k]], n_nodes);
            const auto p = static_cast<int64_t>(J_pa[k].size());
            J[k].shape(p, std::max<int64_t>(2, p / 2), false);
            J[k].init_random(rng_);
            Mat P;
            gather(data_.V, J_pa[k], P);
            J[k].standardize_from(P, data_.V.col(mut[k]));
            n_theta += J[k].theta().size();
        }
        // the regenerated nodes in topological order: M and De(M) in G_do(M)
        std::vector<int> regen;
        std::vector<int> role(n_nodes, -1);  // index into J for mutable nodes
        for (size_t k = 0; k < mut.size(); ++k) role[mut[k]] = static_cast<int>(k);
        for (int v : order_)
            if (has(comp_.M | comp_.de_M, v)) regen.push_back(v);
        std::vector<Mechanisms::Entry*> mech(n_nodes, nullptr);
        for (int v : regen)
            if (role[v] < 0) mech[v] = &mech_.fit(data_, v, comp_.g_doM.pa[v], o_, rng_);

        const std::vector<int> f_cols = members(subset | comp_.M, data_.d);
        const double var_y = (data_.V.col(data_.y()).array() - data_.V.col(data_.y()).mean()).square().mean();
        // scratch per node: the nodes' widths differ, and one shared matrix would be reallocated
        // at every width change of every step
        Mat V = data_.V, A(n, n_nodes), X, Gf;
        std::vector<Mat> Pv(n_nodes), Gv(n_nodes);
        Vec out, pred, g_pred, adj(n), theta(n_theta), g_theta(n_theta);
        std::vector<int64_t> offset(J.size(), 0);
        std::vector<Vec> g_J(J.size());
        for (size_t k = 0; k < J.size(); ++k) {
            offset[k] = k == 0 ? 0 : offset[k - 1] + J[k - 1].theta().size();
            g_J[k].resize(J[k].theta().size());
        }
        tsr::kit::AdamUpdate adam;
        adam.init(n_theta);
        auto load = [&] {
            int64_t at = 0;
            for (auto& j : J) {
                theta.segment(at, j.theta().size()) = j.theta();
                at += j.theta().size();
            }
        };
        auto store = [&] {
            int64_t at = 0;
            for (auto& j : J) {
                j.theta() = theta.segment(at, j.theta().size());
                at += j.theta().size();
            }
        };
        load();
        double mse = 0.0, logged = std::numeric_limits<double>::quiet_NaN(), best = logged;
        int64_t stale = 0, step = 0;
        for (; step <= o_.ascent_iterations; ++step) {
            // forward: M = J(PA_M), De(M) regenerated by the stable mechanisms
            for (int v : regen) {
                if (role[v] >= 0) {
                    gather(V, J_pa[role[v]], Pv[v]);
                    const int k = role[v];
                    J[k].forward(Pv[v], out);
                    if (o_.bound_to_support) {
                        squash[k] = ((out.array() - center[k]) / half[k]).tanh();
                        V.col(v) = center[k] + half[k] * squash[k].array();
                    } else {
                        V.col(v) = out;
                    }
                } else {
                    gather(V, mech[v]->parents, Pv[v]);
                    mech[v]->mlp.forward(Pv[v], out);
                    V.col(v) = out + mech[v]->residual;
                }
            }
            gather(V, f_cols, X);
            f.forward(X, pred);
            g_pred = pred - V.col(data_.y());
            mse = g_pred.squaredNorm() / static_cast<double>(n);
            if (step % o_.ascent_log_every == 0) {
                logged = mse;
                if (on_log && on_log(mse)) break;
                const double s = mse / var_y;
                if (!(std::abs(best - s) < o_.ascent_min_delta)) {
                    best = s;
                    stale = 0;
                } else if (++stale >= o_.ascent_patience) {
                    break;
                }
            }
            if (step == o_.ascent_iterations) break;
            // backward of −MSE: adjoints A(:, v) = ∂(−MSE)/∂V(:, v)
            g_pred *= -2.0 / static_cast<double>(n);
            A.setZero();
            f.backward(g_pred, nullptr, &Gf);
            for (size_t k = 0; k < f_cols.size(); ++k) A.col(f_cols[k]) += Gf.col(static_cast<int64_t>(k));
            if (has(comp_.de_M, data_.y())) A.col(data_.y()) -= g_pred;
            g_theta.setZero();
            // reverse topological order; each Mlp still holds the activations of its one
            // forward call of this step (no node is regenerated twice)
            for (auto it = regen.rbegin(); it != regen.rend(); ++it) {
                const int v = *it;
                adj = A.col(v);
                if (role[v] >= 0) {
                    const int k = role[v];
                    if (o_.bound_to_support) adj.array() *= 1.0 - squash[k].array().square();
                    auto gk = g_theta.segment(offset[k], J[k].theta().size());
                    g_J[k].setZero();
                    J[k].backward(adj, &g_J[k], &Gv[v]);
                    J[k].weight_norm(&g_J[k], o_.lambda);  // + λ ∂‖W‖: we minimize −MSE + λ‖W‖
                    gk = g_J[k];
                    for (size_t c = 0; c < J_pa[k].size(); ++c) A.col(J_pa[k][c]) += Gv[v].col(static_cast<int64_t>(c));
                } else {
                    mech[v]->mlp.backward(adj, nullptr, &Gv[v]);
                    for (size_t c = 0; c < mech[v]->parents.size(); ++c)
                        A.col(mech[v]->parents[c]) += Gv[v].col(static_cast<int64_t>(c));
                }
            }
            adam.step(theta, g_theta, o_.ascent_lr);
            store();
        }
        return {logged, step};
    }

private:
    const TrainingData& data_;
    MinimaxOptions o_;
    tsr::kit::Rng rng_;
    Components comp_;
    std::vector<int> order_;
    std::vector<int64_t> perm_;
    Mechanisms mech_;
};

}  // namespace minimax
