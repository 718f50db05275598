// softmax.synthetic — L2-regularized multinomial (softmax) logistic regression on a planted
// linear classifier with k classes.
//
//   f(θ) = (1/n) Σ_i [log Σ_c exp(z_ic) − z_{i,y_i}] + (λ/2)‖θ‖²,   z_i = Wᵀa_i,  θ = vec(W) (W d × k, row-major)
//
// Instance from the seed (tsr::kit::Rng streams mix_seed(seed, s)):
//   s = 1: A ∈ R^{n×d}, A_ij ~ N(0, 1) row by row, columns scaled to condition `cond`
//          (gaussian_design in glm.hpp);
//   s = 2: W_true ∈ R^{d×k}, entries ~ N(0, 1) row by row (served as "x_true", flattened as θ);
//   s = 3: y_i = argmax_c (W_trueᵀ a_i)_c, then with probability label_noise replaced by a class
//          drawn uniformly from {0, …, k−1}.
// Known optimum: Newton's method on first request (softmax.hpp), for λ > 0 and d·k <= 1500;
// otherwise f_star and x_star are absent. Initial point: 0 (f(0) = log k).
// Serves tsr.objective.v1, tsr.finite_sum.v1, tsr.target.v1 (targets: the k logits of each
// example), tsr.dataset.v1 ("X" n × d, "y" class indices as doubles) and tsr.ground_truth.v1.
// Reference: multinomial logistic regression as in Bishop, "Pattern Recognition and Machine
// Learning", 2006, §4.3.4; used by Lavington et al., "Target-based Surrogates for Stochastic
// Optimization", ICML 2023, for their target-space experiments.
#include <array>

#include "softmax.hpp"

namespace baselines {

class SoftmaxSynthetic {
public:
    static constexpr tsr::Info info{"softmax.synthetic", "1.0.0",
                                    "L2-regularized softmax regression on a planted k-class linear classifier",
                                    "Bishop, Pattern Recognition and Machine Learning, 2006, Sec. 4.3.4"};
    using provides = tsr::Provides<tsr::Objective, tsr::FiniteSum, tsr::Target, tsr::Dataset, tsr::GroundTruth>;
    struct Params {
        int64_t n = 1000;
        int64_t d = 20;
        int64_t classes = 5;
        double lambda = 1e-3;
        double cond = 1.0;
        double label_noise = 0.1;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n", &Params::n, "number of samples (terms of the finite sum)", {.min = 1});
            s.integer("d", &Params::d, "number of features", {.min = 1});
            s.integer("classes", &Params::classes, "number of classes k (width of the target)", {.min = 2});
            s.real("lambda", &Params::lambda, "L2 regularization weight (> 0 for a known optimum)", {.min = 0.0},
                   TSR_PARAM_FLAG_LOG_SCALE);
            s.real("cond", &Params::cond, "feature scaling to this condition number of A^T A / n (1: none)",
                   {.min = 1.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("label_noise", &Params::label_noise, "probability of replacing a label by a uniform class",
                   {.min = 0.0, .max = 1.0});
        }
    };

    SoftmaxSynthetic(const Params& p, uint64_t seed) : model_(generate(p, seed, w_true_)) {
        y_double_ = model_.y().cast<double>();
        matrices_[0] = tsr::matrix_view("X", model_.A().data(), model_.n(), model_.d());
        matrices_[1] = tsr::matrix_view("y", y_double_.data(), model_.n(), 1);
    }
    SoftmaxSynthetic(const SoftmaxSynthetic&) = delete;  // the dataset views point into members
    SoftmaxSynthetic& operator=(const SoftmaxSynthetic&) = delete;

    int64_t dim() const { return model_.dim(); }
    int64_t n_terms() const { return model_.n(); }
    void initial_point(tsr::VecMap x0) const { x0.setZero(); }

    double value(tsr::CVecMap x) { return model_.value(x); }
    double value_gradient(tsr::CVecMap x, tsr::VecMap g) {
        Eigen::Ref<Vec> gr(g);
        return model_.value_gradient(x, &gr);
    }
    double batch_value(tsr::CVecMap x, std::span<const int64_t> idx) {
        return model_.batch_value_gradient(x, idx, nullptr);
    }
    double batch_value_gradient(tsr::CVecMap x, std::span<const int64_t> idx, tsr::VecMap g) {
        return model_.batch_value_gradient(x, idx, g.data());
    }

    int64_t target_width() const { return model_.k(); }
    double l2_weight() const { return model_.lambda(); }
    void targets(tsr::CVecMap x, std::span<const int64_t> idx, tsr::RowMatMap z) { model_.targets(x, idx, z); }
    void target_vjp(tsr::CVecMap, std::span<const int64_t> idx, tsr::CRowMatMap v, tsr::VecMap out) {
        model_.target_vjp(idx, v, out.data());  // linear in θ: J_i does not depend on θ
    }
    double loss_gradient(std::span<const int64_t> idx, tsr::CRowMatMap z, tsr::RowMatMap gz) {
        return model_.loss_gradient(idx, z, gz.data());
    }

    std::span<const tsr_matrix> matrices() const { return matrices_; }

    std::optional<double> truth_scalar(std::string_view name) {
        if (name != "f_star") return std::nullopt;
        const Optimum& o = model_.optimum();
        return o.found ? std::optional<double>(o.f) : std::nullopt;
    }
    std::optional<tsr_array> truth_array(std::string_view name) {
        if (name == "x_true") return tsr::array_view(w_true_);
        if (name != "x_star") return std::nullopt;
        const Optimum& o = model_.optimum();
        return o.attained ? std::optional<tsr_array>(tsr::array_view(o.x)) : std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const names[] = {"f_star", "x_star", "x_true", nullptr};
        return names;
    }

private:
    static Softmax generate(const Params& p, uint64_t seed, Vec& w_true) {
        tsr::kit::Rng rng_a(tsr::kit::mix_seed(seed, 1)), rng_w(tsr::kit::mix_seed(seed, 2)),
            rng_y(tsr::kit::mix_seed(seed, 3));
        tsr::RowMat A = gaussian_design(p.n, p.d, p.cond, rng_a);
        w_true.resize(p.d * p.classes);
        for (double& v : w_true) v = rng_w.normal();
        const tsr::RowMat logits = A * Eigen::Map<const tsr::RowMat>(w_true.data(), p.d, p.classes);
        Eigen::VectorXi y(p.n);
        for (int64_t i = 0; i < p.n; ++i) {
            Eigen::Index c;
            logits.row(i).maxCoeff(&c);
            y[i] = static_cast<int>(c);
            if (rng_y.bernoulli(p.label_noise)) y[i] = static_cast<int>(rng_y.below(static_cast<uint64_t>(p.classes)));
        }
        return Softmax(std::move(A), std::move(y), p.classes, p.lambda);
    }

    Vec w_true_;  // declared before model_: generate() fills it while model_ is built
    Softmax model_;
    Vec y_double_;
    std::array<tsr_matrix, 2> matrices_{};
};

TSR_REGISTER(SoftmaxSynthetic);

}  // namespace baselines
