// bcd.bcd — block coordinate descent with the block partitions, greedy selection rules and block
// updates of Nutini, Laradji & Schmidt (2022), on F(x) = f(x) + λ‖x‖₁ served by tsr.coordinate.v1.
//
//   repeat for k = 0, 1, ...:
//     b_k   = select(rule, blocks, ∇f(x_k))                  selection.hpp (§3, §4, §5.2, §6.1)
//     d     = argmin_d ∇_b fᵀd + ½ dᵀ Q d + λ‖x_b + d‖₁       Q = L_b I  ("lipschitz": the 1/L_b step)
//                                                            Q = M_b    ("matrix": Lipschitz-matrix step)
//                                                            Q = ∇²_bb f(x_k) ("newton", with Armijo
//                                                                backtracking on F)
//     x_{k+1} = x_k + d on b
// With λ = 0 the step is d = −Q⁻¹∇_b f. Forest-structured blocks (blocks = tree_partition,
// red_black, greedy_tree, from the Hessian's sparsity pattern) are solved by message passing in
// O(|b|) (tree_solve.hpp, §5); other blocks by a dense LDLT (|b| = τ is small). With λ > 0 the
// 1/L_b step is the proximal-gradient step and the matrix/Newton steps solve the small proximal
// quadratic by coordinate minimization (prox.hpp, §6).
//
// Section numbers (§) refer to the arXiv version 1712.08859; only the abstract and the reference
// code could be read here, so they are given as pointers, not verified citations.
//
// Oracles: greedy rules read the full gradient (one tsr.coordinate.v1/gradient unit per
// iteration); cyclic, random and Lipschitz sampling read the block gradient (block_gradient).
// Monitoring: the trace objective F(x_k) costs one tsr.objective.v1/value call per trace point
// (counted under its own counter, so coordinate-oracle counts are unaffected; Newton steps reuse
// the value of their line search). Trace columns: nnz (nonzeros of x), support_changed (1 when
// {j : x_j ≠ 0} changed since the previous trace point: for cd.active_set), block_size.
//
// @article{nutini2022bcd,
//   author = {Nutini, Julie and Laradji, Issam and Schmidt, Mark},
//   title = {Let's Make Block Coordinate Descent Converge Faster: Faster Greedy Rules,
//            Message-Passing, Active-Set Complexity, and Superlinear Convergence},
//   journal = {Journal of Machine Learning Research}, volume = {23}, number = {131}, year = {2022}}
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

#include "selection.hpp"
#include "tree_solve.hpp"

namespace bcd_greedy {

using tsr::Vec;

class Bcd {
public:
    static constexpr tsr::Info info{"bcd.bcd", "1.0.0",
                                    "block coordinate descent: greedy (GS, GSL, GSD, GS-q) and random/cyclic rules, "
                                    "fixed/variable/forest blocks, 1/L, matrix and Newton (message-passing) updates",
                                    "Nutini, Laradji & Schmidt, Let's make block coordinate descent converge faster, "
                                    "JMLR 23(131), 2022"};
    static constexpr const char* needs[] = {TSR_COORDINATE_V1, TSR_OBJECTIVE_V1};
    struct Params {
        std::string rule = "gsl";
        std::string blocks = "variable";
        std::string update = "lipschitz";
        int64_t block_size = 5;
        int64_t max_iter = 500;
        int64_t report_every = 1;
        double c1 = 1e-4;
        static void schema(tsr::Schema<Params>& s) {
            s.choice("rule", &Params::rule, {"cyclic", "random", "lipschitz", "gs", "gsl", "gsd", "gsq"},
                     "block selection rule (paper: gsl for fixed and variable blocks; gsq for L1 problems)");
            s.choice("blocks", &Params::blocks,
                     {"variable", "sorted", "order", "random", "tree_partition", "red_black", "greedy_tree"},
                     "variable: tau coordinates chosen by the rule; sorted/order/random: fixed partition in blocks "
                     "of tau; tree_partition/red_black: fixed forests/colour classes of the Hessian's graph; "
                     "greedy_tree: a maximal forest grown in the rule's order each iteration");
            s.choice("update", &Params::update, {"lipschitz", "matrix", "newton"},
                     "block step: 1/L_b gradient step, Lipschitz-matrix step M_b^-1 g_b, or Newton step with "
                     "Armijo backtracking (proximal versions when l1 > 0)");
            s.integer("block_size", &Params::block_size, "tau, coordinates per block (paper: 5, 50, 100)", {.min = 1});
            s.integer("max_iter", &Params::max_iter, "number of block updates (paper: 500)", {.min = 0});
            s.integer("report_every", &Params::report_every,
                      "append a trace point (and evaluate F) every this many iterations", {.min = 1});
            s.real("c1", &Params::c1, "Armijo constant of the Newton update's backtracking", {.min = 1e-12, .max = 0.5});
        }
    };

    Bcd(const Params& p, uint64_t seed) : p_(p), rule_(parse_rule(p.rule)), rng_(seed) {}

    void run(tsr::Run& r) {
        const tsr::CoordinateRef c = r.coordinate();
        const tsr::ObjectiveRef obj = r.objective();
        const int64_t d = c.dim();
        l1_ = c.l1_weight();
        Vec x = obj.initial_point();
        try {
            setup(c, d);
            loop(r, c, obj, x);
        } catch (const tsr::BudgetExhausted&) {
            r.put_vector("x", x);
            throw;
        }
        r.put_vector("x", x);
    }

private:
    bool fixed() const { return !part_.empty(); }
    bool graph_blocks() const {
        return p_.blocks == "tree_partition" || p_.blocks == "red_black" || p_.blocks == "greedy_tree";
    }

    void setup(const tsr::CoordinateRef& c, int64_t d) {
        L_ = c.coordinate_lipschitz();
        if (graph_blocks()) {
            const auto pattern = c.hessian_pattern();
            if (pattern.empty())
                throw tsr::InvalidArgument("blocks = " + p_.blocks +
                                           " needs the Hessian's sparsity pattern (hessian_pattern), which this "
                                           "problem does not publish");
            graph_ = Graph(d, pattern);
        }
        if (p_.blocks == "tree_partition") part_ = tree_partition(graph_, decreasing_lipschitz(L_));
        else if (p_.blocks == "red_black") part_ = red_black_partition(graph_, decreasing_lipschitz(L_));
        else if (p_.blocks == "sorted" || p_.blocks == "order" || p_.blocks == "random")
            part_ = fixed_partition(p_.blocks, L_, p_.block_size, rng_);
        if (p_.blocks == "greedy_tree") {
            if (rule_ == Rule::Cyclic || rule_ == Rule::Lipschitz)
                throw tsr::InvalidArgument("blocks = greedy_tree grows a forest in the rule's order: use rule = gs, "
                                           "gsl, gsd, gsq or random");
            in_block_.assign(static_cast<size_t>(d), 0);
            uf_ = Forests(d);
        }
        if (fixed()) block_constants(c);
        if (!fixed() && p_.blocks == "variable" && rule_ == Rule::GSL) {
            // D_j = Σ_i |M_ji| over the full bound matrix (one d × d block_bound call).
            if (d > 4096) throw tsr::InvalidArgument("rule = gsl with variable blocks needs the d x d bound matrix; d > 4096");
            std::vector<int64_t> all = identity_order(d);
            tsr::RowMat M(d, d);
            c.block_bound(all, M);
            D_ = M.cwiseAbs().rowwise().sum();
        }
        if (p_.blocks == "variable" && rule_ == Rule::Random) perm_ = identity_order(d);
        g_.resize(d);
        score_.resize(d);
    }

    void block_constants(const tsr::CoordinateRef& c) {
        const size_t B = part_.size();
        bc_.L.resize(B);
        if (rule_ == Rule::GSD) bc_.D.resize(B);
        if (rule_ == Rule::GSQ && l1_ == 0.0) bc_.inv.resize(B);
        for (size_t b = 0; b < B; ++b) {
            const int64_t m = static_cast<int64_t>(part_[b].size());
            tsr::RowMat M(m, m);
            c.block_bound(part_[b], M);
            bc_.L[b] = largest_eigenvalue(M);
            if (rule_ == Rule::GSD) bc_.D[b] = M.cwiseAbs().rowwise().sum();
            if (rule_ == Rule::GSQ && l1_ == 0.0) {
                if (m > 512) throw tsr::InvalidArgument("rule = gsq factorizes every fixed block: blocks too large");
                bc_.inv[b].compute(tsr::Mat(M));
            }
        }
    }

    // ---- selection (selection.hpp) -------------------------------------------------------------
    void select(int64_t k, const tsr::CVecRef x) {
        const int64_t d = x.size();
        if (fixed()) {
            const int64_t B = static_cast<int64_t>(part_.size());
            int64_t pick = 0;
            switch (rule_) {
                case Rule::Cyclic: pick = k % B; break;
                case Rule::Random: pick = static_cast<int64_t>(rng_.below(static_cast<uint64_t>(B))); break;
                case Rule::Lipschitz: pick = weighted_index(bc_.L, rng_); break;
                default: {
                    double best = -1.0;
                    for (int64_t b = 0; b < B; ++b) {
                        const double s = block_score(b, x);
                        if (s > best) best = s, pick = b;
                    }
                }
            }
            fixed_index_ = pick;
            block_ = part_[static_cast<size_t>(pick)];
            return;
        }
        fixed_index_ = -1;
        if (p_.blocks == "greedy_tree") {
            if (rule_ == Rule::Random) {
                order_ = identity_order(d);
                for (size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[rng_.below(i)]);
            } else {
                coordinate_scores(x);
                order_ = identity_order(d);
                std::sort(order_.begin(), order_.end(),
                          [&](int64_t a, int64_t b) { return score_[a] > score_[b] || (score_[a] == score_[b] && a < b); });
            }
            grow_forest(graph_, order_, block_, in_block_, roots_, uf_);
            return;
        }
        const int64_t tau = std::min(p_.block_size, d);
        switch (rule_) {
            case Rule::Cyclic: {
                const int64_t per_epoch = (d + tau - 1) / tau, e = k % per_epoch;
                if (e == 0) {  // a fresh random permutation every epoch (reference "Perm")
                    perm_ = identity_order(d);
                    for (size_t i = perm_.size(); i > 1; --i) std::swap(perm_[i - 1], perm_[rng_.below(i)]);
                }
                block_.assign(perm_.begin() + e * tau, perm_.begin() + std::min(d, (e + 1) * tau));
                std::sort(block_.begin(), block_.end());
                break;
            }
            case Rule::Random:  // partial Fisher-Yates: τ distinct uniform coordinates
                for (int64_t i = 0; i < tau; ++i)
                    std::swap(perm_[static_cast<size_t>(i)],
                              perm_[static_cast<size_t>(i + static_cast<int64_t>(rng_.below(static_cast<uint64_t>(d - i))))]);
                block_.assign(perm_.begin(), perm_.begin() + tau);
                std::sort(block_.begin(), block_.end());
                break;
            case Rule::Lipschitz: weighted_sample(L_, tau, rng_, block_); break;
            default:
                coordinate_scores(x);
                top_scores(score_, tau, order_, block_);
        }
    }

    // Per-coordinate greedy scores for variable and greedy-tree blocks.
    void coordinate_scores(const tsr::CVecRef x) {
        const int64_t d = x.size();
        const bool tree = p_.blocks == "greedy_tree";
        for (int64_t j = 0; j < d; ++j) {
            const double g = g_[j];
            switch (rule_) {
                case Rule::GS: score_[j] = std::abs(g); break;
                case Rule::GSL: score_[j] = tree ? g * g / L_[j] : g * g / D_[j]; break;
                case Rule::GSD: score_[j] = g * g / L_[j]; break;
                default: score_[j] = gsq_progress(x[j], g, L_[j], l1_);
            }
        }
    }

    double block_score(int64_t b, const tsr::CVecRef x) {
        const auto& idx = part_[static_cast<size_t>(b)];
        double s = 0.0;
        switch (rule_) {
            case Rule::GS:
                for (int64_t j : idx) s += g_[j] * g_[j];
                return s;
            case Rule::GSL:
                for (int64_t j : idx) s += g_[j] * g_[j];
                return s / bc_.L[static_cast<size_t>(b)];
            case Rule::GSD:
                for (size_t p = 0; p < idx.size(); ++p) s += g_[idx[p]] * g_[idx[p]] / bc_.D[static_cast<size_t>(b)][static_cast<int64_t>(p)];
                return s;
            default:
                if (l1_ > 0.0) {
                    for (int64_t j : idx) s += gsq_progress(x[j], g_[j], bc_.L[static_cast<size_t>(b)], l1_);
                    return s;
                }
                gb_.resize(static_cast<int64_t>(idx.size()));
                for (size_t p = 0; p < idx.size(); ++p) gb_[static_cast<int64_t>(p)] = g_[idx[p]];
                return gb_.dot(bc_.inv[static_cast<size_t>(b)].solve(gb_));
        }
    }

    // ---- update ---------------------------------------------------------------------------------
    // Solves Q step = −gb (λ = 0) or the proximal quadratic (λ > 0) on the current block.
    void solve_block(const tsr::RowMat& Q, const tsr::CVecRef x) {
        const int64_t m = static_cast<int64_t>(block_.size());
        if (l1_ > 0.0) {
            xb_.resize(m);
            for (int64_t p = 0; p < m; ++p) xb_[p] = x[block_[static_cast<size_t>(p)]];
            prox_quadratic(gb_, Q, xb_, l1_, step_);
            return;
        }
        if (graph_blocks()) {
            if (!forest_.prepare(block_, graph_)) throw tsr::NumericError("a graph block is not a forest");
            rhs_ = -gb_;
            forest_.solve(Q, rhs_, step_);
            return;
        }
        step_ = Q.ldlt().solve(-gb_);
    }

    // One block update of x; returns F(x) when it was evaluated (Newton line search), else NaN.
    double update(const tsr::CoordinateRef& c, const tsr::ObjectiveRef& obj, Vec& x, double F) {
        const int64_t m = static_cast<int64_t>(block_.size());
        Q_.resize(m, m);
        if (p_.update == "lipschitz") {
            double Lb;
            if (fixed_index_ >= 0) Lb = bc_.L[static_cast<size_t>(fixed_index_)];
            else if (m == 1) Lb = L_[block_[0]];
            else {
                c.block_bound(block_, Q_);
                Lb = largest_eigenvalue(Q_);
            }
            step_.resize(m);
            for (int64_t p = 0; p < m; ++p) step_[p] = prox_step(x[block_[static_cast<size_t>(p)]], gb_[p], Lb, l1_);
        } else if (p_.update == "matrix") {
            c.block_bound(block_, Q_);
            solve_block(Q_, x);
        } else {
            c.block_hessian(x, block_, Q_);
            solve_block(Q_, x);
            return backtrack(obj, x, F);
        }
        for (int64_t p = 0; p < m; ++p) x[block_[static_cast<size_t>(p)]] += step_[p];
        return std::numeric_limits<double>::quiet_NaN();
    }

    // Armijo backtracking on F along the Newton step (decrease model Δ = ∇_bᵀd + λ(‖x_b+d‖₁ − ‖x_b‖₁)).
    double backtrack(const tsr::ObjectiveRef& obj, Vec& x, double F) {
        const int64_t m = static_cast<int64_t>(block_.size());
        double delta = gb_.dot(step_);
        xb_.resize(m);
        for (int64_t p = 0; p < m; ++p) {
            const int64_t j = block_[static_cast<size_t>(p)];
            xb_[p] = x[j];
            delta += l1_ * (std::abs(x[j] + step_[p]) - std::abs(x[j]));
        }
        if (!(delta < 0.0)) return F;  // no descent direction: x is block-optimal to rounding
        for (double t = 1.0; t > 1e-10; t *= 0.5) {
            for (int64_t p = 0; p < m; ++p) x[block_[static_cast<size_t>(p)]] = xb_[p] + t * step_[p];
            const double Ft = obj.value(x);
            if (Ft <= F + p_.c1 * t * delta) return Ft;
        }
        for (int64_t p = 0; p < m; ++p) x[block_[static_cast<size_t>(p)]] = xb_[p];
        return F;
    }

    // ---- the loop -------------------------------------------------------------------------------
    void loop(tsr::Run& r, const tsr::CoordinateRef& c, const tsr::ObjectiveRef& obj, Vec& x) {
        const int64_t d = x.size();
        const bool full_gradient = is_greedy(rule_) || (p_.blocks == "greedy_tree" && rule_ != Rule::Random);
        std::vector<char> support(static_cast<size_t>(d)), now(static_cast<size_t>(d));
        auto support_report = [&](int64_t k, double F, int64_t m) {
            int64_t nnz = 0;
            bool changed = false;
            for (int64_t j = 0; j < d; ++j) {
                now[static_cast<size_t>(j)] = x[j] != 0.0;
                nnz += now[static_cast<size_t>(j)];
                changed = changed || now[static_cast<size_t>(j)] != support[static_cast<size_t>(j)];
            }
            support.swap(now);
            return r.report(k, F, {{"nnz", static_cast<double>(nnz)}, {"support_changed", changed ? 1.0 : 0.0},
                                   {"block_size", static_cast<double>(m)}});
        };
        double F = obj.value(x);
        for (int64_t j = 0; j < d; ++j) support[static_cast<size_t>(j)] = x[j] != 0.0;
        if (r.report(0, F, {{"nnz", static_cast<double>(std::count(support.begin(), support.end(), 1))},
                            {"support_changed", 0.0}, {"block_size", 0.0}}))
            return;
        bool F_current = true;
        for (int64_t k = 0; k < p_.max_iter; ++k) {
            if (full_gradient) c.gradient(x, g_);
            select(k, x);
            const int64_t m = static_cast<int64_t>(block_.size());
            gb_.resize(m);
            if (full_gradient) {
                for (int64_t p = 0; p < m; ++p) gb_[p] = g_[block_[static_cast<size_t>(p)]];
            } else {
                c.block_gradient(x, block_, gb_);
            }
            if (!F_current && p_.update == "newton") F = obj.value(x);  // the line search needs F(x_k)
            const double Fn = update(c, obj, x, F);
            F_current = !std::isnan(Fn);
            if (F_current) F = Fn;
            const bool last = k + 1 == p_.max_iter;
            if ((k + 1) % p_.report_every == 0 || last) {
                if (!F_current) F = obj.value(x);
                F_current = true;
                if (support_report(k + 1, F, m)) return;
            } else if (r.should_stop()) {
                return;
            }
        }
    }

    Params p_;
    Rule rule_;
    tsr::kit::Rng rng_;
    double l1_ = 0.0;
    Vec L_, D_, g_, gb_, score_, step_, xb_, rhs_;
    tsr::RowMat Q_;
    Graph graph_;
    Partition part_;
    BlockConstants bc_;
    int64_t fixed_index_ = -1;
    std::vector<int64_t> block_, perm_, order_, roots_;
    std::vector<char> in_block_;
    Forests uf_{0};
    ForestSolver forest_;
};

TSR_REGISTER(Bcd);

}  // namespace bcd_greedy
