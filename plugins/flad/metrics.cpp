// Metrics of flad.tasks runs. The algorithm hands over its MLP ("theta", scalars "width" and
// "classes") and the task of every auxiliary batch ("arms"); the problem's ground truth holds the
// held-out target examples and which tasks are related (tasks.cpp).
//
//   flad.test_loss       mean cross-entropy of the final model on the held-out target examples
//   flad.test_accuracy   its accuracy there
//   flad.related_share   share of the auxiliary batches drawn from related tasks (NaN: none drawn)
//   flad.step_cost       seconds per training step and of the initialisation, as the algorithm
//                        measured them (scalars "seconds_per_step", "init_seconds")
#include <cmath>
#include <limits>

#include <tessera/sdk.hpp>

#include "model.hpp"

namespace flad {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The held-out target examples of the problem's ground truth.
std::optional<Examples> test_set(const tsr::RunRecord& r) {
    const auto gt = r.ground_truth();
    if (!gt) return std::nullopt;
    const auto X = gt->array("X_test"), y = gt->array("y_test");
    if (!X || !y || X->ndim != 2 || X->dtype != TSR_DTYPE_F64 || y->dtype != TSR_DTYPE_F64) return std::nullopt;
    Examples e;
    e.X = Eigen::Map<const tsr::RowMat>(static_cast<const double*>(X->data), X->shape[0], X->shape[1]);
    e.y = Eigen::Map<const tsr::Vec>(static_cast<const double*>(y->data), X->shape[0]).cast<int>();
    return e;
}

// The final model's loss and accuracy on the held-out examples (NaN when the run left no model).
Classifier::Score test_score(const tsr::RunRecord& r) {
    const auto theta = r.vector("theta");
    const auto width = r.scalar("width"), classes = r.scalar("classes");
    auto test = test_set(r);
    if (!theta || !width || !classes || !test) return {kNaN, kNaN};
    Classifier model(test->X.cols(), static_cast<int64_t>(*width), static_cast<int64_t>(*classes), 0);
    if (model.n_params() != theta->size() || (test->y.array() >= model.classes()).any()) return {kNaN, kNaN};
    model.params() = *theta;
    return model.score(*test);
}

}  // namespace

class TestLoss {
public:
    static constexpr tsr::Info info{"flad.test_loss", "1.0.0", "cross-entropy of the final model on held-out target data",
                                    nullptr};
    static constexpr const char* needs[] = {TSR_GROUND_TRUTH_V1};
    static constexpr tsr::Output outputs[] = {
        {"test_loss", TSR_LOWER_IS_BETTER, "mean cross-entropy on the held-out target examples"}};
    void evaluate(const tsr::RunRecord& r, std::span<double> out) { out[0] = test_score(r).loss; }
};

class TestAccuracy {
public:
    static constexpr tsr::Info info{"flad.test_accuracy", "1.0.0", "accuracy of the final model on held-out target data",
                                    nullptr};
    static constexpr const char* needs[] = {TSR_GROUND_TRUTH_V1};
    static constexpr tsr::Output outputs[] = {
        {"test_accuracy", TSR_HIGHER_IS_BETTER, "share of held-out target examples classified correctly"}};
    void evaluate(const tsr::RunRecord& r, std::span<double> out) { out[0] = test_score(r).accuracy; }
};

class RelatedShare {
public:
    static constexpr tsr::Info info{"flad.related_share", "1.0.0",
                                    "share of auxiliary batches drawn from tasks related to the target", nullptr};
    static constexpr const char* needs[] = {TSR_GROUND_TRUTH_V1};
    static constexpr tsr::Output outputs[] = {
        {"related_share", TSR_HIGHER_IS_BETTER, "auxiliary batches from related tasks / all auxiliary batches"}};
    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        out[0] = kNaN;
        const tsr_array* arms = r.array("arms");
        const auto gt = r.ground_truth();
        if (!arms || arms->dtype != TSR_DTYPE_I64 || arms->ndim != 1 || arms->shape[0] == 0 || !gt) return;
        const auto rel = gt->array("related");
        if (!rel || rel->dtype != TSR_DTYPE_F64) return;
        const auto* a = static_cast<const int64_t*>(arms->data);
        const auto* related = static_cast<const double*>(rel->data);
        double hits = 0.0;
        for (int64_t i = 0; i < arms->shape[0]; ++i) {
            if (a[i] < 0 || a[i] >= rel->shape[0]) return;
            hits += related[a[i]];
        }
        out[0] = hits / static_cast<double>(arms->shape[0]);
    }
};

class StepCost {
public:
    static constexpr tsr::Info info{"flad.step_cost", "1.0.0",
                                    "wall-clock seconds per training step and of the initialisation", nullptr};
    static constexpr tsr::Output outputs[] = {
        {"seconds_per_step", TSR_LOWER_IS_BETTER, "mean wall-clock seconds of one training step"},
        {"init_seconds", TSR_LOWER_IS_BETTER, "wall-clock seconds of the initial alignments (UCB1, exploit-only)"}};
    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        out[0] = r.scalar("seconds_per_step").value_or(kNaN);
        out[1] = r.scalar("init_seconds").value_or(kNaN);
    }
};

TSR_REGISTER(TestLoss);
TSR_REGISTER(TestAccuracy);
TSR_REGISTER(RelatedShare);
TSR_REGISTER(StepCost);

}  // namespace flad
