// tessera/sdk/serve.hpp — the serving side: C function tables generated from a problem class.
//
// A problem lists the interfaces it serves with `using provides = tsr::Provides<...>` and
// implements the member functions each one asks for (checked at compile time by the concepts
// below, so a missing function is a readable compile error, not a NULL at run time):
//
//   tsr::Objective    int64_t dim() const; void initial_point(tsr::VecMap x0) const;
//                     double value(tsr::CVecMap x);
//                     optional: double value_gradient(tsr::CVecMap x, tsr::VecMap g);
//                               void hessian_vector(tsr::CVecMap x, tsr::CVecMap v, tsr::VecMap hv);
//                               void value_batch(tsr::CRowMatMap X, tsr::VecMap f);
//   tsr::FiniteSum    int64_t dim() const; int64_t n_terms() const;
//                     double batch_value(tsr::CVecMap x, std::span<const int64_t> idx);
//                     double batch_value_gradient(tsr::CVecMap x, std::span<const int64_t> idx,
//                                                 tsr::VecMap g);
//   tsr::Bounds       int64_t dim() const; bool is_box() const;
//                     void bounds(tsr::VecMap lower, tsr::VecMap upper);
//                     void project(tsr::CVecMap x, tsr::VecMap out);
//   tsr::Dataset      std::span<const tsr_matrix> matrices() const;   (borrowed, object lifetime)
//   tsr::GroundTruth  std::optional<double> truth_scalar(std::string_view name);
//                     std::optional<tsr_array> truth_array(std::string_view name);
//                     optional: const char* const* truth_names() const;  (NULL-terminated)
//
// The interfaces of monotone inclusions, target losses, bilevel and block-coordinate problems,
// environments, set functions and update streams have their own headers (included by tessera/sdk.hpp), which list their member functions:
//   tsr::Operator     serve_operator.hpp     (tsr.operator.v1)
//   tsr::Target       serve_target.hpp       (tsr.target.v1)
//   tsr::Bilevel      serve_bilevel.hpp      (tsr.bilevel.v1)
//   tsr::Coordinate   serve_coordinate.hpp   (tsr.coordinate.v1)
//   tsr::Env          serve_env.hpp          (tsr.env.v1)
//   tsr::SetFunction  serve_set_function.hpp (tsr.set_function.v1)
//   tsr::Stream       serve_stream.hpp       (tsr.stream.v1)
//
// "Optional output" there means a map whose data() is nullptr (size 0) when the caller passed
// NULL: test `out.data() != nullptr` before writing.
//
// Every generated function runs inside the firewall (firewall.hpp). Functions the ABI marks
// [any] (dim, n_terms) read values cached at creation. Index arguments are checked before the
// problem sees them (check_terms / check_block below), so problems may trust them.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "../iface/bounds.h"
#include "../iface/dataset.h"
#include "../iface/finite_sum.h"
#include "../iface/ground_truth.h"
#include "../iface/objective.h"
#include "eigen.hpp"
#include "firewall.hpp"

namespace tsr {

// Interface tags.
struct Objective {};
struct FiniteSum {};
struct Bounds {};
struct Dataset {};
struct GroundTruth {};

template <class... Tags>
struct Provides {};

// A borrowed view of dense row-major float64 data as a dataset matrix (tsr::Dataset's matrices()).
inline tsr_matrix matrix_view(const char* name, const double* data, int64_t rows, int64_t cols) {
    tsr_matrix m{};
    m.struct_size = sizeof m;
    m.dtype = TSR_DTYPE_F64;
    m.name = name;
    m.rows = rows;
    m.cols = cols;
    m.row_stride = cols;
    m.col_stride = 1;
    m.data = data;
    return m;
}

// A borrowed view of an Eigen vector / row-major matrix as an ABI array (name set by the SDK).
inline tsr_array array_view(const Vec& v) {
    tsr_array a{};
    a.struct_size = sizeof a;
    a.dtype = TSR_DTYPE_F64;
    a.ndim = 1;
    a.shape[0] = v.size();
    a.data = v.data();
    return a;
}
inline tsr_array array_view(const RowMat& m) {
    tsr_array a = array_view(Vec());
    a.ndim = 2;
    a.shape[0] = m.rows();
    a.shape[1] = m.cols();
    a.data = m.data();
    return a;
}

namespace detail {

template <class C>
concept ObjectiveProblem = requires(C c, const C cc, CVecMap x, VecMap g) {
    { cc.dim() } -> std::convertible_to<int64_t>;
    cc.initial_point(g);
    { c.value(x) } -> std::convertible_to<double>;
};
template <class C>
concept HasGradient = requires(C c, CVecMap x, VecMap g) {
    { c.value_gradient(x, g) } -> std::convertible_to<double>;
};
template <class C>
concept HasHessianVector = requires(C c, CVecMap x, VecMap hv) { c.hessian_vector(x, x, hv); };
template <class C>
concept HasValueBatch = requires(C c, CRowMatMap X, VecMap f) { c.value_batch(X, f); };
template <class C>
concept FiniteSumProblem = requires(C c, const C cc, CVecMap x, std::span<const int64_t> idx, VecMap g) {
    { cc.dim() } -> std::convertible_to<int64_t>;
    { cc.n_terms() } -> std::convertible_to<int64_t>;
    { c.batch_value(x, idx) } -> std::convertible_to<double>;
    { c.batch_value_gradient(x, idx, g) } -> std::convertible_to<double>;
};
template <class C>
concept BoundsProblem = requires(C c, const C cc, CVecMap x, VecMap out) {
    { cc.dim() } -> std::convertible_to<int64_t>;
    { cc.is_box() } -> std::convertible_to<bool>;
    c.bounds(out, out);
    c.project(x, out);
};
template <class C>
concept DatasetProblem = requires(const C cc) {
    { cc.matrices() } -> std::convertible_to<std::span<const tsr_matrix>>;
};
template <class C>
concept GroundTruthProblem = requires(C c, std::string_view n) {
    { c.truth_scalar(n) } -> std::convertible_to<std::optional<double>>;
    { c.truth_array(n) } -> std::convertible_to<std::optional<tsr_array>>;
};
template <class C>
concept HasTruthNames = requires(const C cc) {
    { cc.truth_names() } -> std::convertible_to<const char* const*>;
};

template <class Tag, class C>
struct Serve;

// Term indices of a minibatch: m > 0, each in [0, n), repeats allowed.
inline void check_terms(int64_t m, const int64_t* idx, int64_t n, const char* what = "term") {
    if (m <= 0) throw InvalidArgument("minibatch is empty (m <= 0)");
    for (int64_t i = 0; i < m; ++i)
        if (idx[i] < 0 || idx[i] >= n)
            throw InvalidArgument(std::string(what) + " index " + std::to_string(idx[i]) + " outside [0, " +
                                  std::to_string(n) + ")");
}

// Writes `v` into the caller's growable struct *out (the ABI rule, abi.h): as many bytes as the
// caller's struct_size and ours both cover, with struct_size set to that size.
template <class T>
void write_growable(T* out, T v) {
    const uint32_t size = out->struct_size < sizeof(T) ? out->struct_size : static_cast<uint32_t>(sizeof(T));
    v.struct_size = size;
    std::memcpy(out, &v, size);
}

// m distinct indices in [0, n), called `what` ("coordinate") in a `group` ("block"). The repeat
// test marks indices in a per-thread byte map (grown once to n, cleared again before returning):
// O(m), no allocation after the first call.
inline void check_distinct(int64_t m, const int64_t* idx, int64_t n, const char* what, const char* group) {
    check_terms(m, idx, n, what);
    thread_local std::vector<unsigned char> seen;
    if (static_cast<int64_t>(seen.size()) < n) seen.assign(static_cast<size_t>(n), 0);
    int64_t i = 0;
    for (; i < m && !seen[static_cast<size_t>(idx[i])]; ++i) seen[static_cast<size_t>(idx[i])] = 1;
    const bool repeated = i < m;
    for (int64_t j = 0; j < i; ++j) seen[static_cast<size_t>(idx[j])] = 0;
    if (repeated)
        throw InvalidArgument(std::string(what) + " " + std::to_string(idx[i]) + " repeated in a " + group);
}

// A block of coordinates: m > 0 distinct indices in [0, d).
inline void check_block(int64_t m, const int64_t* idx, int64_t d) { check_distinct(m, idx, d, "coordinate", "block"); }

template <class C>
struct Serve<Objective, C> {
    static_assert(ObjectiveProblem<C>, "tsr::Objective needs dim(), initial_point(VecMap), value(CVecMap)");
    static constexpr const char* id = TSR_OBJECTIVE_V1;
    using H = Holder<C>;

    static int64_t dim(tsr_object* o) { return H::of(o).dim; }
    static tsr_status initial_point(tsr_object* o, double* x0) {
        H& h = H::of(o);
        return guard(h.error, [&] { h.impl.initial_point(VecMap(x0, h.dim)); });
    }
    static tsr_status value(tsr_object* o, const double* x, double* f) {
        H& h = H::of(o);
        return guard(h.error, [&] { *f = h.impl.value(CVecMap(x, h.dim)); });
    }
    static tsr_status value_gradient(tsr_object* o, const double* x, double* f, double* g) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            double v = h.impl.value_gradient(CVecMap(x, h.dim), VecMap(g, h.dim));
            if (f) *f = v;
        });
    }
    static tsr_status value_batch(tsr_object* o, int64_t m, const double* X, double* f) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            if (m < 0) throw InvalidArgument("value_batch: m < 0");
            if constexpr (HasValueBatch<C>) {
                h.impl.value_batch(CRowMatMap(X, m, h.dim), VecMap(f, m));
            } else {
                for (int64_t i = 0; i < m; ++i) f[i] = h.impl.value(CVecMap(X + i * h.dim, h.dim));
            }
        });
    }
    static tsr_status hessian_vector(tsr_object* o, const double* x, const double* v, double* hv) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            h.impl.hessian_vector(CVecMap(x, h.dim), CVecMap(v, h.dim), VecMap(hv, h.dim));
        });
    }
    static const void* table() {
        static const tsr_objective_v1 table = [] {
            tsr_objective_v1 t{};
            t.dim = &dim;
            t.initial_point = &initial_point;
            t.value = &value;
            if constexpr (HasGradient<C>) t.value_gradient = &value_gradient;
            t.value_batch = &value_batch;
            if constexpr (HasHessianVector<C>) t.hessian_vector = &hessian_vector;
            return t;
        }();
        return &table;
    }
};

template <class C>
struct Serve<FiniteSum, C> {
    static_assert(FiniteSumProblem<C>,
                  "tsr::FiniteSum needs dim(), n_terms(), batch_value(x, idx), batch_value_gradient(x, idx, g)");
    static constexpr const char* id = TSR_FINITE_SUM_V1;
    using H = Holder<C>;

    static int64_t dim(tsr_object* o) { return H::of(o).dim; }
    static int64_t n_terms(tsr_object* o) { return H::of(o).impl.n_terms(); }
    static void check_indices(H& h, int64_t m, const int64_t* idx) { check_terms(m, idx, h.impl.n_terms()); }
    static tsr_status batch_value(tsr_object* o, const double* x, int64_t m, const int64_t* idx,
                                  double* f) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            check_indices(h, m, idx);
            *f = h.impl.batch_value(CVecMap(x, h.dim), std::span<const int64_t>(idx, m));
        });
    }
    static tsr_status batch_value_gradient(tsr_object* o, const double* x, int64_t m,
                                           const int64_t* idx, double* f, double* g) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            check_indices(h, m, idx);
            double v = h.impl.batch_value_gradient(CVecMap(x, h.dim), std::span<const int64_t>(idx, m),
                                                   VecMap(g, h.dim));
            if (f) *f = v;
        });
    }
    static const void* table() {
        static const tsr_finite_sum_v1 t{&dim, &n_terms, &batch_value, &batch_value_gradient};
        return &t;
    }
};

template <class C>
struct Serve<Bounds, C> {
    static_assert(BoundsProblem<C>, "tsr::Bounds needs dim(), is_box(), bounds(lo, hi), project(x, out)");
    static constexpr const char* id = TSR_BOUNDS_V1;
    using H = Holder<C>;

    static int64_t dim(tsr_object* o) { return H::of(o).dim; }
    static int32_t set_kind(tsr_object* o) { return H::of(o).impl.is_box() ? TSR_SET_BOX : TSR_SET_OTHER; }
    static tsr_status bounds(tsr_object* o, double* lo, double* hi) {
        H& h = H::of(o);
        return guard(h.error, [&] { h.impl.bounds(VecMap(lo, h.dim), VecMap(hi, h.dim)); });
    }
    static tsr_status project(tsr_object* o, const double* x, double* out) {
        H& h = H::of(o);
        return guard(h.error, [&] { h.impl.project(CVecMap(x, h.dim), VecMap(out, h.dim)); });
    }
    static const void* table() {
        static const tsr_bounds_v1 t{&dim, &set_kind, &bounds, &project};
        return &t;
    }
};

template <class C>
struct Serve<Dataset, C> {
    static_assert(DatasetProblem<C>, "tsr::Dataset needs matrices() -> std::span<const tsr_matrix>");
    static constexpr const char* id = TSR_DATASET_V1;
    using H = Holder<C>;

    static void copy_out(const tsr_matrix& src, tsr_matrix* out) { write_growable(out, src); }
    static int32_t count(tsr_object* o) { return static_cast<int32_t>(H::of(o).impl.matrices().size()); }
    static tsr_status get(tsr_object* o, int32_t i, tsr_matrix* out) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            auto ms = h.impl.matrices();
            if (i < 0 || static_cast<size_t>(i) >= ms.size())
                throw NotFound("dataset has no matrix number " + std::to_string(i));
            copy_out(ms[static_cast<size_t>(i)], out);
        });
    }
    static tsr_status find(tsr_object* o, const char* name, tsr_matrix* out) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            for (const tsr_matrix& m : h.impl.matrices())
                if (std::string_view(m.name) == name) return copy_out(m, out);
            throw NotFound(std::string("dataset has no matrix '") + name + "'");
        });
    }
    static const void* table() {
        static const tsr_dataset_v1 t{&count, &get, &find};
        return &t;
    }
};

template <class C>
struct Serve<GroundTruth, C> {
    static_assert(GroundTruthProblem<C>,
                  "tsr::GroundTruth needs truth_scalar(name) -> optional<double>, truth_array(name) -> optional<tsr_array>");
    static constexpr const char* id = TSR_GROUND_TRUTH_V1;
    using H = Holder<C>;

    static tsr_status scalar(tsr_object* o, const char* name, double* v) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            auto s = h.impl.truth_scalar(name);
            if (!s) throw NotFound(std::string("no ground-truth scalar '") + name + "'");
            *v = *s;
        });
    }
    static tsr_status array(tsr_object* o, const char* name, tsr_array* out) {
        H& h = H::of(o);
        return guard(h.error, [&] {
            auto a = h.impl.truth_array(name);
            if (!a) throw NotFound(std::string("no ground-truth array '") + name + "'");
            a->name = name;
            write_growable(out, *a);
        });
    }
    static const char* const* names(tsr_object* o) {
        if constexpr (HasTruthNames<C>) return H::of(o).impl.truth_names();
        else return nullptr;
    }
    static const void* table() {
        static const tsr_ground_truth_v1 t{&scalar, &array, &names};
        return &t;
    }
};

// get_interface for a class providing Tags...: a chain of string compares, done once per run.
template <class C, class... Tags>
const void* lookup_interface(const char* id) {
    const void* found = nullptr;
    ((found == nullptr && std::string_view(id) == Serve<Tags, C>::id ? (found = Serve<Tags, C>::table())
                                                                     : nullptr),
     ...);
    return found;
}

template <class C, class P>
struct ProvidesOf;
template <class C, class... Tags>
struct ProvidesOf<C, Provides<Tags...>> {
    static const void* get(const char* id) { return id ? lookup_interface<C, Tags...>(id) : nullptr; }
    static std::vector<const char*> ids() { return {Serve<Tags, C>::id...}; }
};

}  // namespace detail
}  // namespace tsr
