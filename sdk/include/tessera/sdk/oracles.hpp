// tessera/sdk/oracles.hpp — the calling side of the capability interfaces.
//
// Thin typed handles over (object, function table) that algorithms and metrics use to call a
// problem: every call passes pointers to the caller's Eigen storage straight through the ABI (no
// copy, no allocation) and turns a non-zero status into the matching exception (errors.hpp).
// Dimensions are read once, when the handle is made.
//
// Matrices (targets, blocks) are row-major and passed as Eigen::Ref<RowMat>; a Ref with an outer
// stride other than its width (a block of a wider matrix) is refused, since the ABI takes dense
// row-major buffers. Only the documented Vec-returning helpers allocate.
//
// Thread rule: a handle follows the [object] rule of the object it wraps.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "../iface/bilevel.h"
#include "../iface/bounds.h"
#include "../iface/coordinate.h"
#include "../iface/dataset.h"
#include "../iface/env.h"
#include "../iface/finite_sum.h"
#include "../iface/ground_truth.h"
#include "../iface/objective.h"
#include "../iface/operator.h"
#include "../iface/set_function.h"
#include "../iface/stream.h"
#include "../iface/target.h"
#include "eigen.hpp"
#include "errors.hpp"

namespace tsr {

template <class Table>
const Table* find_interface(tsr_object* obj, const char* id) {
    return obj ? static_cast<const Table*>(obj->get_interface(obj, id)) : nullptr;
}

class ObjectiveRef {
public:
    ObjectiveRef(tsr_object* obj, const tsr_objective_v1* t) : obj_(obj), t_(t), dim_(t->dim(obj)) {}

    int64_t dim() const { return dim_; }
    bool has_gradient() const { return t_->value_gradient != nullptr; }
    bool has_hessian_vector() const { return t_->hessian_vector != nullptr; }

    Vec initial_point() const {
        Vec x(dim_);
        check(t_->initial_point(obj_, x.data()), obj_);
        return x;
    }
    double value(CVecRef x) const {
        double f;
        check(t_->value(obj_, x.data(), &f), obj_);
        return f;
    }
    // Returns f(x) and writes ∇f(x) into g.
    double value_gradient(CVecRef x, VecRef g) const {
        if (!t_->value_gradient) throw Unsupported("the problem has no gradient");
        double f;
        check(t_->value_gradient(obj_, x.data(), &f, g.data()), obj_);
        return f;
    }
    void gradient(CVecRef x, VecRef g) const {
        if (!t_->value_gradient) throw Unsupported("the problem has no gradient");
        check(t_->value_gradient(obj_, x.data(), nullptr, g.data()), obj_);
    }
    // f[i] = f(X.row(i)) for a row-major m × d matrix of points.
    void value_batch(const Eigen::Ref<const RowMat>& X, VecRef f) const {
        check(t_->value_batch(obj_, X.rows(), X.data(), f.data()), obj_);
    }
    void hessian_vector(CVecRef x, CVecRef v, VecRef hv) const {
        if (!t_->hessian_vector) throw Unsupported("the problem has no Hessian-vector product");
        check(t_->hessian_vector(obj_, x.data(), v.data(), hv.data()), obj_);
    }

private:
    tsr_object* obj_;
    const tsr_objective_v1* t_;
    int64_t dim_;
};

class FiniteSumRef {
public:
    FiniteSumRef(tsr_object* obj, const tsr_finite_sum_v1* t)
        : obj_(obj), t_(t), dim_(t->dim(obj)), n_(t->n_terms(obj)) {}

    int64_t dim() const { return dim_; }
    int64_t n_terms() const { return n_; }

    double batch_value(CVecRef x, std::span<const int64_t> idx) const {
        double f;
        check(t_->batch_value(obj_, x.data(), static_cast<int64_t>(idx.size()), idx.data(), &f), obj_);
        return f;
    }
    double batch_value_gradient(CVecRef x, std::span<const int64_t> idx, VecRef g) const {
        double f;
        check(t_->batch_value_gradient(obj_, x.data(), static_cast<int64_t>(idx.size()), idx.data(),
                                       &f, g.data()),
              obj_);
        return f;
    }

private:
    tsr_object* obj_;
    const tsr_finite_sum_v1* t_;
    int64_t dim_, n_;
};

class BoundsRef {
public:
    BoundsRef(tsr_object* obj, const tsr_bounds_v1* t) : obj_(obj), t_(t), dim_(t->dim(obj)) {}

    int64_t dim() const { return dim_; }
    bool is_box() const { return t_->set_kind(obj_) == TSR_SET_BOX; }
    void bounds(VecRef lower, VecRef upper) const {
        check(t_->bounds(obj_, lower.data(), upper.data()), obj_);
    }
    void project(CVecRef x, VecRef out) const { check(t_->project(obj_, x.data(), out.data()), obj_); }

private:
    tsr_object* obj_;
    const tsr_bounds_v1* t_;
    int64_t dim_;
};

// A borrowed matrix of a dataset, viewed as an Eigen map with the dataset's strides.
using MatrixView = Eigen::Map<const Mat, 0, Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>>;

class DatasetRef {
public:
    DatasetRef(tsr_object* obj, const tsr_dataset_v1* t) : obj_(obj), t_(t) {}

    int32_t count() const { return t_->count(obj_); }
    tsr_matrix get(int32_t i) const {
        tsr_matrix m{};
        m.struct_size = sizeof m;
        check(t_->get(obj_, i, &m), obj_);
        return m;
    }
    tsr_matrix find(const char* name) const {
        tsr_matrix m{};
        m.struct_size = sizeof m;
        check(t_->find(obj_, name, &m), obj_);
        return m;
    }
    // The matrix `name` as doubles (throws if it is not TSR_DTYPE_F64).
    MatrixView matrix(const char* name) const {
        tsr_matrix m = find(name);
        if (m.dtype != TSR_DTYPE_F64)
            throw InvalidArgument(std::string("dataset matrix '") + name + "' is not float64");
        // Eigen's Stride is <outer, inner>; for a column-major Map outer = column step.
        return MatrixView(static_cast<const double*>(m.data), m.rows, m.cols,
                          Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>(m.col_stride, m.row_stride));
    }

private:
    tsr_object* obj_;
    const tsr_dataset_v1* t_;
};

class GroundTruthRef {
public:
    GroundTruthRef(tsr_object* obj, const tsr_ground_truth_v1* t) : obj_(obj), t_(t) {}

    std::optional<double> scalar(const char* name) const {
        double v;
        tsr_status s = t_->scalar(obj_, name, &v);
        if (s == TSR_ERR_NOT_FOUND) return std::nullopt;
        check(s, obj_);
        return v;
    }
    std::optional<tsr_array> array(const char* name) const {
        tsr_array a{};
        a.struct_size = sizeof a;
        tsr_status s = t_->array(obj_, name, &a);
        if (s == TSR_ERR_NOT_FOUND) return std::nullopt;
        check(s, obj_);
        return a;
    }

private:
    tsr_object* obj_;
    const tsr_ground_truth_v1* t_;
};

namespace detail {
// The data of an m × k row-major argument, checked to be dense and of that shape.
template <class M>
auto dense_rows(M& a, int64_t rows, int64_t cols, const char* what) {
    if (a.rows() != rows || a.cols() != cols)
        throw InvalidArgument(std::string(what) + ": expected a " + std::to_string(rows) + " x " + std::to_string(cols) +
                              " matrix, got " + std::to_string(a.rows()) + " x " + std::to_string(a.cols()));
    if (rows > 1 && a.outerStride() != cols)
        throw InvalidArgument(std::string(what) + ": the matrix is not dense (outer stride != width)");
    return a.data();
}
inline int64_t size_of(std::span<const int64_t> idx) { return static_cast<int64_t>(idx.size()); }
}  // namespace detail

// tsr.operator.v1: F = (1/n) Σ F_i monotone, G with resolvent J_{ηG}.
class OperatorRef {
public:
    OperatorRef(tsr_object* obj, const tsr_operator_v1* t)
        : obj_(obj), t_(t), dim_(t->dim(obj)), n_(t->n_components(obj)) {}

    int64_t dim() const { return dim_; }
    int64_t n_components() const { return n_; }
    tsr_operator_properties properties() const {
        tsr_operator_properties p{};
        p.struct_size = sizeof p;
        t_->properties(obj_, &p);
        return p;
    }
    Vec initial_point() const {
        Vec u(dim_);
        check(t_->initial_point(obj_, u.data()), obj_);
        return u;
    }
    // Fu = F(u): n component evaluations.
    void value(CVecRef u, VecRef Fu) const { check(t_->value(obj_, u.data(), Fu.data()), obj_); }
    // out = (1/m) Σ_{i∈idx} F_i(u): m component evaluations.
    void batch(CVecRef u, std::span<const int64_t> idx, VecRef out) const {
        check(t_->batch(obj_, u.data(), detail::size_of(idx), idx.data(), out.data()), obj_);
    }
    // out = J_{ηG}(u); out may be u.
    void resolvent(CVecRef u, double eta, VecRef out) const {
        check(t_->resolvent(obj_, u.data(), eta, out.data()), obj_);
    }

private:
    tsr_object* obj_;
    const tsr_operator_v1* t_;
    int64_t dim_, n_;
};

// tsr.target.v1: L(θ) = (1/n) Σ ℓ_i(f_i(θ)) + (λ/2)‖θ‖², targets z_i = f_i(θ) ∈ R^k.
class TargetRef {
public:
    TargetRef(tsr_object* obj, const tsr_target_v1* t)
        : obj_(obj), t_(t), dim_(t->dim(obj)), n_(t->n_terms(obj)), k_(t->target_width(obj)), l2_(t->l2_weight(obj)) {}

    int64_t dim() const { return dim_; }
    int64_t n_terms() const { return n_; }
    int64_t target_width() const { return k_; }
    double l2_weight() const { return l2_; }

    // z (m × k) = f_idx(θ). Cheap.
    void targets(CVecRef theta, std::span<const int64_t> idx, Eigen::Ref<RowMat> z) const {
        const int64_t m = detail::size_of(idx);
        double* zp = detail::dense_rows(z, m, k_, "targets: z");
        check(t_->targets(obj_, theta.data(), m, idx.data(), zp), obj_);
    }
    // out (d) = (1/m) Σ_r J_idx[r](θ)ᵀ v_r, v m × k; without λθ. Cheap.
    void target_vjp(CVecRef theta, std::span<const int64_t> idx, const Eigen::Ref<const RowMat>& v, VecRef out) const {
        const int64_t m = detail::size_of(idx);
        const double* vp = detail::dense_rows(v, m, k_, "target_vjp: v");
        check(t_->target_vjp(obj_, theta.data(), m, idx.data(), vp, out.data()), obj_);
    }
    // Returns (1/m) Σ_r ℓ_idx[r](z_r) and writes gz row r = ∇ℓ_idx[r](z_r). Expensive.
    double loss_gradient(std::span<const int64_t> idx, const Eigen::Ref<const RowMat>& z, Eigen::Ref<RowMat> gz) const {
        const int64_t m = detail::size_of(idx);
        const double* zp = detail::dense_rows(z, m, k_, "loss_gradient: z");
        double* gp = detail::dense_rows(gz, m, k_, "loss_gradient: gz");
        double l;
        check(t_->loss_gradient(obj_, m, idx.data(), zp, &l, gp), obj_);
        return l;
    }
    // The loss alone (gz not computed); counted like loss_gradient.
    double loss(std::span<const int64_t> idx, const Eigen::Ref<const RowMat>& z) const {
        const int64_t m = detail::size_of(idx);
        const double* zp = detail::dense_rows(z, m, k_, "loss: z");
        double l;
        check(t_->loss_gradient(obj_, m, idx.data(), zp, &l, nullptr), obj_);
        return l;
    }

private:
    tsr_object* obj_;
    const tsr_target_v1* t_;
    int64_t dim_, n_, k_;
    double l2_;
};

// tsr.bilevel.v1: min_x f(x, y*(x)), y*(x) ∈ argmin_y g(x, y). Gradient outputs are raw
// pointers (nullptr: not wanted) holding dim_x (x-gradients) or dim_y (y-gradients) doubles;
// an empty idx asks for the full function.
class BilevelRef {
public:
    BilevelRef(tsr_object* obj, const tsr_bilevel_v1* t)
        : obj_(obj), t_(t), dx_(t->dim_x(obj)), dy_(t->dim_y(obj)), nu_(t->n_upper(obj)), nl_(t->n_lower(obj)) {}

    int64_t dim_x() const { return dx_; }
    int64_t dim_y() const { return dy_; }
    int64_t n_upper() const { return nu_; }
    int64_t n_lower() const { return nl_; }

    void initial_point(VecRef x0, VecRef y0) const { check(t_->initial_point(obj_, x0.data(), y0.data()), obj_); }
    // Returns f(x, y) (over idx, or all terms when idx is empty); ∇_x f into fx, ∇_y f into fy.
    double upper(CVecRef x, CVecRef y, std::span<const int64_t> idx, double* fx, double* fy) const {
        double f;
        check(t_->upper(obj_, x.data(), y.data(), detail::size_of(idx), idx.empty() ? nullptr : idx.data(), &f, fx, fy),
              obj_);
        return f;
    }
    // Returns g(x, y) (over idx, or all terms when idx is empty); ∇_x g into gx, ∇_y g into gy.
    double lower(CVecRef x, CVecRef y, std::span<const int64_t> idx, double* gx, double* gy) const {
        double g;
        check(t_->lower(obj_, x.data(), y.data(), detail::size_of(idx), idx.empty() ? nullptr : idx.data(), &g, gx, gy),
              obj_);
        return g;
    }
    // hyy = ∇²_yy g v (dim_y), hxy = ∇²_xy g v (dim_x); either may be nullptr.
    void lower_hvp(CVecRef x, CVecRef y, CVecRef v, double* hyy, double* hxy) const {
        check(t_->lower_hvp(obj_, x.data(), y.data(), v.data(), hyy, hxy), obj_);
    }
    void project_x(CVecRef x, VecRef out) const { check(t_->project_x(obj_, x.data(), out.data()), obj_); }
    void project_y(CVecRef y, VecRef out) const { check(t_->project_y(obj_, y.data(), out.data()), obj_); }

private:
    tsr_object* obj_;
    const tsr_bilevel_v1* t_;
    int64_t dx_, dy_, nu_, nl_;
};

// tsr.coordinate.v1: block coordinate oracles of F(x) = f(x) + λ‖x‖₁. Blocks hold distinct
// coordinates; block matrices are m × m.
class CoordinateRef {
public:
    CoordinateRef(tsr_object* obj, const tsr_coordinate_v1* t)
        : obj_(obj), t_(t), dim_(t->dim(obj)), l1_(t->l1_weight(obj)) {}

    int64_t dim() const { return dim_; }
    double l1_weight() const { return l1_; }

    void gradient(CVecRef x, VecRef g) const { check(t_->gradient(obj_, x.data(), g.data()), obj_); }
    void block_gradient(CVecRef x, std::span<const int64_t> idx, VecRef gb) const {
        check(t_->block_gradient(obj_, x.data(), detail::size_of(idx), idx.data(), gb.data()), obj_);
    }
    // L_j ≥ sup_x ∂²f/∂x_j² (allocates the result).
    Vec coordinate_lipschitz() const {
        Vec L(dim_);
        check(t_->coordinate_lipschitz(obj_, L.data()), obj_);
        return L;
    }
    void block_bound(std::span<const int64_t> idx, Eigen::Ref<RowMat> M) const {
        const int64_t m = detail::size_of(idx);
        double* p = detail::dense_rows(M, m, m, "block_bound: M");
        check(t_->block_bound(obj_, m, idx.data(), p), obj_);
    }
    void block_hessian(CVecRef x, std::span<const int64_t> idx, Eigen::Ref<RowMat> H) const {
        const int64_t m = detail::size_of(idx);
        double* p = detail::dense_rows(H, m, m, "block_hessian: H");
        check(t_->block_hessian(obj_, x.data(), m, idx.data(), p), obj_);
    }
    // Flattened (i, j) pairs, i < j, of the Hessian's off-diagonal pattern; empty when unknown.
    std::span<const int64_t> hessian_pattern() const {
        if (!t_->hessian_pattern) return {};
        int64_t n = 0;
        const int64_t* pairs = nullptr;
        t_->hessian_pattern(obj_, &n, &pairs);
        if (!pairs || n <= 0) return {};
        return {pairs, static_cast<size_t>(2 * n)};
    }

private:
    tsr_object* obj_;
    const tsr_coordinate_v1* t_;
    int64_t dim_;
    double l1_;
};

// tsr.env.v1: an environment played step by step. The spec is read once. Observation, outcome
// and action vectors are the caller's, sized from the spec (an empty Vec when a dimension is 0).
class EnvRef {
public:
    EnvRef(tsr_object* obj, const tsr_env_v1* t) : obj_(obj), t_(t) {
        spec_.struct_size = sizeof spec_;
        t->spec(obj, &spec_);
    }

    const tsr_env_spec& spec() const { return spec_; }

    void reset(uint64_t seed, VecRef observation) const {
        check_size(observation, spec_.observation_dim, "reset: observation");
        check(t_->reset(obj_, seed, observation.size() ? observation.data() : nullptr), obj_);
    }
    void reset(uint64_t seed) const {
        check_size_zero(spec_.observation_dim, "reset");
        check(t_->reset(obj_, seed, nullptr), obj_);
    }
    // Discrete action, bandit or full feedback (the outcome, if wanted, through the next form).
    tsr_env_step step(int64_t arm, VecRef observation) const {
        check_size(observation, spec_.observation_dim, "step: observation");
        return raw_step(arm, nullptr, observation.size() ? observation.data() : nullptr, nullptr);
    }
    tsr_env_step step(int64_t arm, VecRef observation, VecRef outcome) const {
        check_size(observation, spec_.observation_dim, "step: observation");
        check_size(outcome, spec_.outcome_dim, "step: outcome");
        return raw_step(arm, nullptr, observation.size() ? observation.data() : nullptr,
                        outcome.size() ? outcome.data() : nullptr);
    }
    // Vector action (n_arms == 0).
    tsr_env_step step_vector(CVecRef action, VecRef observation, VecRef outcome) const {
        check_size(action, spec_.action_dim, "step: action");
        check_size(observation, spec_.observation_dim, "step: observation");
        check_size(outcome, spec_.outcome_dim, "step: outcome");
        return raw_step(-1, action.data(), observation.size() ? observation.data() : nullptr,
                        outcome.size() ? outcome.data() : nullptr);
    }
    // The reward `arm` would have earned at the step just played (an extra observation).
    double observe(int64_t arm) const {
        double r;
        check(t_->observe(obj_, arm, &r), obj_);
        return r;
    }

private:
    tsr_env_step raw_step(int64_t arm, const double* action, double* obs, double* outcome) const {
        tsr_env_step st{};
        st.struct_size = sizeof st;
        check(t_->step(obj_, arm, action, obs, outcome, &st), obj_);
        return st;
    }
    template <class V>
    static void check_size(const V& v, int64_t want, const char* what) {
        if (v.size() != want)
            throw InvalidArgument(std::string(what) + " has " + std::to_string(v.size()) +
                                  " entries; the environment's spec says " + std::to_string(want));
    }
    static void check_size_zero(int64_t dim, const char* what) {
        if (dim != 0)
            throw InvalidArgument(std::string(what) + ": the environment has observations of " + std::to_string(dim) +
                                  " entries; pass a vector for them");
    }
    tsr_object* obj_;
    const tsr_env_v1* t_;
    tsr_env_spec spec_{};
};

// tsr.set_function.v1: f over {0, …, n−1}; every value and every candidate's gain is one query.
class SetFunctionRef {
public:
    SetFunctionRef(tsr_object* obj, const tsr_set_function_v1* t) : obj_(obj), t_(t), n_(t->ground_size(obj)) {
        props_.struct_size = sizeof props_;
        t->properties(obj, &props_);
    }

    int64_t ground_size() const { return n_; }
    const tsr_set_function_properties& properties() const { return props_; }

    double value(std::span<const int64_t> set) const {
        double f;
        check(t_->value(obj_, detail::size_of(set), set.data(), &f), obj_);
        return f;
    }
    // out[j] = f(S ∪ {cand[j]}) − f(S); out has cand.size() entries.
    void gains(std::span<const int64_t> set, std::span<const int64_t> cand, VecRef out) const {
        if (out.size() != detail::size_of(cand))
            throw InvalidArgument("gains: out has " + std::to_string(out.size()) + " entries for " +
                                  std::to_string(cand.size()) + " candidates");
        check(t_->gains(obj_, detail::size_of(set), set.data(), detail::size_of(cand), cand.data(), out.data()), obj_);
    }
    double gain(std::span<const int64_t> set, int64_t e) const {
        double g;
        check(t_->gains(obj_, detail::size_of(set), set.data(), 1, &e, &g), obj_);
        return g;
    }

private:
    tsr_object* obj_;
    const tsr_set_function_v1* t_;
    int64_t n_;
    tsr_set_function_properties props_{};
};

// tsr.stream.v1: insert/delete updates of the active ground set.
class StreamRef {
public:
    StreamRef(tsr_object* obj, const tsr_stream_v1* t) : obj_(obj), t_(t), length_(t->length(obj)) {}

    int64_t length() const { return length_; }
    // kind == TSR_UPDATE_END after the last update.
    tsr_stream_update next() const {
        tsr_stream_update u{};
        u.struct_size = sizeof u;
        check(t_->next(obj_, &u), obj_);
        return u;
    }
    void solution(std::span<const int64_t> set) const {
        check(t_->solution(obj_, detail::size_of(set), set.data()), obj_);
    }

private:
    tsr_object* obj_;
    const tsr_stream_v1* t_;
    int64_t length_;
};

// Looks up interface `Table` on obj and wraps it; nullopt when the object does not serve it.
template <class RefT, class Table>
std::optional<RefT> try_ref(tsr_object* obj, const char* id) {
    if (auto* t = find_interface<Table>(obj, id)) return RefT(obj, t);
    return std::nullopt;
}

}  // namespace tsr
