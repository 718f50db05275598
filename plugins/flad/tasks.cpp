// flad.tasks — few-shot learning with auxiliary data (FLAD): a k-class target task with a few
// labelled examples and N auxiliary tasks of controlled relatedness (tasks.hpp states the
// generator: linear teachers on Gaussian inputs; related tasks mix the target's teacher with a
// random one at correlation ρ_i, adversarial tasks permute the target's labels, the rest are
// unrelated).
//
// Served to the algorithm (tsr.dataset.v1, float64):
//   "X_target" n_target × d, "y_target" n_target × 1   the few shots (labels 0..k−1)
//   "X_aux" (N·aux_size) × d, "y_aux", "aux_task"     the auxiliary examples, the task index of
//                                                      each row (a task's rows are contiguous)
// Ground truth (metrics only): "X_test" n_test × d and "y_test" (held-out target examples),
// "related" (N: 1 for the related tasks) and "relatedness" (N: ρ_i, 0 unrelated, −1 adversarial),
// scalar "n_related". There is no objective: the model (kit/mlp.hpp) belongs to the algorithm,
// which hands its parameters over; the metrics read the test set (metrics.cpp).
//
// Setting of Albalak, Raffel & Wang, "Improving Few-Shot Generalization by Exploring and
// Exploiting Auxiliary Data", NeurIPS 2023, at CPU scale (their target tasks have 20–70 shots
// and 35 (T0Mixture) or 260 (P3) auxiliary datasets).
#include <array>

#include <tessera/sdk.hpp>

#include "tasks.hpp"

namespace flad {

namespace {

// A borrowed dense row-major rows × cols float64 matrix as a tsr.dataset.v1 entry.
tsr_matrix dense_view(const char* name, const double* data, int64_t rows, int64_t cols) {
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

}  // namespace

class Tasks {
public:
    static constexpr tsr::Info info{"flad.tasks", "1.0.0",
                                    "few-shot target task + N auxiliary tasks of controlled relatedness (FLAD)",
                                    "Albalak, Raffel & Wang, Improving Few-Shot Generalization by Exploring and "
                                    "Exploiting Auxiliary Data, NeurIPS 2023"};
    using provides = tsr::Provides<tsr::Dataset, tsr::GroundTruth>;
    struct Params : TaskSpec {
        static void schema(tsr::Schema<Params>& s) {
            s.integer("d", &Params::d, "input dimension", {.min = 1});
            s.integer("classes", &Params::classes, "number of classes k", {.min = 2});
            s.integer("n_target", &Params::n_target, "labelled target examples (the few shots)", {.min = 1});
            s.integer("n_test", &Params::n_test, "held-out target examples (ground truth, metrics only)", {.min = 1});
            s.integer("n_aux", &Params::n_aux, "number of auxiliary tasks N (the bandit's arms)", {.min = 1});
            s.integer("aux_size", &Params::aux_size, "examples per auxiliary task", {.min = 1});
            s.real("related_fraction", &Params::related_fraction, "share of auxiliary tasks related to the target",
                   {.min = 0.0, .max = 1.0});
            s.real("adversarial_fraction", &Params::adversarial_fraction,
                   "share of auxiliary tasks with the target's labels permuted", {.min = 0.0, .max = 1.0});
            s.real("rho_min", &Params::rho_min, "smallest teacher correlation of a related task", {.min = 0.0, .max = 1.0});
            s.real("rho_max", &Params::rho_max, "largest teacher correlation of a related task", {.min = 0.0, .max = 1.0});
            s.real("label_noise", &Params::label_noise, "probability of replacing a label by a uniform class",
                   {.min = 0.0, .max = 1.0});
        }
    };

    Tasks(const Params& p, uint64_t seed) : t_(make_tasks(p, seed)) {
        n_related_ = t_.related.sum();
        const auto n_aux_rows = t_.X_aux.rows();
        matrices_ = {dense_view("X_target", t_.X_target.data(), t_.X_target.rows(), t_.X_target.cols()),
                     dense_view("y_target", t_.y_target.data(), t_.y_target.size(), 1),
                     dense_view("X_aux", t_.X_aux.data(), n_aux_rows, t_.X_aux.cols()),
                     dense_view("y_aux", t_.y_aux.data(), n_aux_rows, 1),
                     dense_view("aux_task", t_.aux_task.data(), n_aux_rows, 1)};
    }
    Tasks(const Tasks&) = delete;  // the dataset views point into members
    Tasks& operator=(const Tasks&) = delete;

    std::span<const tsr_matrix> matrices() const { return matrices_; }

    std::optional<double> truth_scalar(std::string_view name) {
        if (name == "n_related") return n_related_;
        return std::nullopt;
    }
    std::optional<tsr_array> truth_array(std::string_view name) {
        if (name == "X_test") return tsr::array_view(t_.X_test);
        if (name == "y_test") return tsr::array_view(t_.y_test);
        if (name == "related") return tsr::array_view(t_.related);
        if (name == "relatedness") return tsr::array_view(t_.relatedness);
        return std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const names[] = {"n_related", "X_test", "y_test", "related", "relatedness", nullptr};
        return names;
    }

private:
    TaskSet t_;
    double n_related_ = 0.0;
    std::array<tsr_matrix, 5> matrices_{};
};

TSR_REGISTER(Tasks);

}  // namespace flad
