// tessera/sdk/oracles.hpp — the calling side of the capability interfaces.
//
// Thin typed handles over (object, function table) that algorithms and metrics use to call a
// problem: every call passes pointers to the caller's Eigen storage straight through the ABI (no
// copy, no allocation) and turns a non-zero status into the matching exception (errors.hpp).
// Dimensions are read once, when the handle is made.
//
// Thread rule: a handle follows the [object] rule of the object it wraps.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "../iface/bounds.h"
#include "../iface/dataset.h"
#include "../iface/finite_sum.h"
#include "../iface/ground_truth.h"
#include "../iface/objective.h"
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

// Looks up interface `Table` on obj and wraps it; nullopt when the object does not serve it.
template <class RefT, class Table>
std::optional<RefT> try_ref(tsr_object* obj, const char* id) {
    if (auto* t = find_interface<Table>(obj, id)) return RefT(obj, t);
    return std::nullopt;
}

}  // namespace tsr
