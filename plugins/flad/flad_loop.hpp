// flad_loop.hpp — the one training loop of every flad.* algorithm (Albalak, Raffel & Wang,
// NeurIPS 2023, as the reference's BatchedFLADTrainer runs it): only the auxiliary
// sampler (bandit.hpp) differs between EXP3-FLAD, UCB1-FLAD, explore-only and exploit-only;
// target-only draws no auxiliary batch.
//
// One step (one parameter update; the reference's gradient accumulation over G batches):
//   for g = 1..G:  a = sampler.choose();  B ~ D_a (next `batch` rows of task a's shuffled order)
//                  G_a += ∇ L(B)                          (per task drawn in this step)
//   ∇_T = ∇ L(D_T)                                         (the whole few-shot target set)
//   u = target_weight · ∇_T + (1/G) Σ_a G_a                (the model trains on target + auxiliary)
//   R_a = cos(∇_T, G_a) on the reward parameters, sampler.reward(a, R_a) for each a drawn
//   θ ← Adam(θ, u)
// The work per step is G auxiliary batches, one pass over the target shots and O(K) arithmetic
// in the sampler: no gradient is computed per auxiliary task, so the gradient cost does not grow
// with the number of tasks K. UCB1-FLAD and exploit-only also compute, once before the first
// step, the alignment of every task with the target at θ0 on init_samples examples per task
// (O(K) gradients, timed apart as init_seconds).
//
// Solution handed to the metrics: "theta" (the MLP's flat parameters), scalars "width" and
// "classes" (its shape), "arms" (I64: the task of every auxiliary batch, in order),
// "seconds_per_step" and "init_seconds" (wall-clock measured here with steady_clock).
// Trace: objective = the mean target training loss at the step; "aux_loss", "reward" (mean
// alignment of the step's tasks).
#pragma once

#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <tessera/kit/adam_update.hpp>
#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

#include "bandit.hpp"
#include "model.hpp"

namespace flad {

struct LoopParams {
    int64_t steps = 300;
    int64_t batch = 16;
    int64_t grad_accum = 8;
    double lr = 3e-3;
    int64_t width = 64;
    double target_weight = 1.0;
    std::string reward_params = "output";
    int64_t report_every = 10;

    template <class P>
    static void add_to(tsr::Schema<P>& s) {
        s.integer("steps", &P::steps, "parameter updates", {.min = 1});
        s.integer("batch", &P::batch, "examples per auxiliary batch (reference: 16 for T5-base, 8 for 3B models)",
                  {.min = 1});
        s.integer("grad_accum", &P::grad_accum,
                  "auxiliary batches per update G, i.e. bandit rounds per step (reference: 2 or 8 for T5-base, 16 for 3B)",
                  {.min = 1});
        s.real("lr", &P::lr, "Adam step size", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
        s.integer("width", &P::width, "hidden units of the two-layer MLP", {.min = 1});
        s.real("target_weight", &P::target_weight, "weight of the target gradient in the update", {.min = 0.0});
        s.choice("reward_params", &P::reward_params, {"output", "all"},
                 "parameters the gradient alignment is computed on: the output layer (the reference's lm_head) or all");
        s.integer("report_every", &P::report_every, "steps between trace points", {.min = 1});
    }
};

// The data of a run, read from tsr.dataset.v1, and the row range of each auxiliary task.
struct FladData {
    Examples target, aux;
    std::vector<int64_t> begin;  // task a: rows [begin[a], begin[a+1]) of aux
    int64_t classes = 0;
    int64_t tasks() const { return static_cast<int64_t>(begin.size()) - 1; }
};

inline Examples read_examples(const tsr::DatasetRef& ds, const char* X, const char* y) {
    const tsr::MatrixView Xv = ds.matrix(X), yv = ds.matrix(y);
    if (yv.rows() != Xv.rows() || yv.cols() != 1)
        throw tsr::InvalidArgument(std::string("flad: '") + y + "' must be a column with one label per row of '" + X + "'");
    Examples e;
    e.X = Xv;
    e.y = yv.col(0).cast<int>();
    return e;
}

inline FladData read_data(const tsr::Run& r) {
    const tsr::DatasetRef ds = r.dataset();
    FladData d;
    d.target = read_examples(ds, "X_target", "y_target");
    d.aux = read_examples(ds, "X_aux", "y_aux");
    if (d.target.X.cols() != d.aux.X.cols()) throw tsr::InvalidArgument("flad: X_target and X_aux differ in width");
    const tsr::MatrixView task = ds.matrix("aux_task");
    if (task.rows() != d.aux.size()) throw tsr::InvalidArgument("flad: aux_task must label every row of X_aux");
    d.begin.push_back(0);
    for (int64_t i = 1; i < task.rows(); ++i) {
        if (task(i, 0) == task(i - 1, 0)) continue;
        if (task(i, 0) != task(i - 1, 0) + 1) throw tsr::InvalidArgument("flad: aux_task rows must be 0, 1, ... in blocks");
        d.begin.push_back(i);
    }
    d.begin.push_back(task.rows());
    if (d.target.size() == 0 || d.aux.size() == 0) throw tsr::InvalidArgument("flad: empty target or auxiliary data");
    d.classes = 1 + std::max(d.target.y.maxCoeff(), d.aux.y.maxCoeff());
    if (std::min(d.target.y.minCoeff(), d.aux.y.minCoeff()) < 0) throw tsr::InvalidArgument("flad: negative label");
    return d;
}

// Batches of each task without replacement: a shuffled order per task and a cursor; a task is
// reshuffled when its order runs out (the reference's per-dataset RandomSampler).
class TaskBatcher {
public:
    TaskBatcher(const FladData& d, uint64_t seed) : begin_(d.begin), order_(d.aux.size()), cursor_(d.tasks(), 0), rng_(seed) {
        for (int64_t a = 0; a < d.tasks(); ++a) {
            for (int64_t i = begin_[a]; i < begin_[a + 1]; ++i) order_[i] = i;
            shuffle(a);
        }
    }
    // The next `batch` rows of task a (fewer if the task is smaller) into rows.
    void next(int64_t a, int64_t batch, std::vector<int64_t>& rows) {
        const int64_t n = begin_[a + 1] - begin_[a];
        rows.clear();
        for (int64_t j = 0; j < std::min(batch, n); ++j) {
            if (cursor_[a] == n) {
                shuffle(a);
                cursor_[a] = 0;
            }
            rows.push_back(order_[begin_[a] + cursor_[a]++]);
        }
    }

private:
    void shuffle(int64_t a) {
        int64_t* o = order_.data() + begin_[a];
        for (int64_t i = begin_[a + 1] - begin_[a] - 1; i > 0; --i)
            std::swap(o[i], o[rng_.below(static_cast<uint64_t>(i + 1))]);
    }
    std::vector<int64_t> begin_, order_, cursor_;
    tsr::kit::Rng rng_;
};

// Alignment of each task with the target at the model's current parameters, each task's gradient
// on its first `samples` rows (the reference's weight_initialization_samples): UCB1-FLAD's initial
// rewards and exploit-only's mixture.
inline tsr::Vec initial_alignments(Classifier& model, const FladData& d, int64_t samples, int64_t offset) {
    tsr::Vec gT = tsr::Vec::Zero(model.n_params()), ga(model.n_params());
    std::vector<int64_t> rows(static_cast<size_t>(d.target.size()));
    for (int64_t i = 0; i < d.target.size(); ++i) rows[i] = i;
    model.add_gradient(d.target, rows, &gT);
    tsr::Vec s(d.tasks());
    for (int64_t a = 0; a < d.tasks(); ++a) {
        rows.clear();
        for (int64_t i = d.begin[a]; i < std::min(d.begin[a + 1], d.begin[a] + samples); ++i) rows.push_back(i);
        ga.setZero();
        model.add_gradient(d.aux, rows, &ga);
        s[a] = alignment(gT, ga, offset);
    }
    return s;
}

// The loop. make_sampler(model, data, offset) builds the auxiliary sampler (it may compute
// initial alignments, timed as init_seconds); with_aux = false trains on the target alone.
template <class MakeSampler>
void run_flad(tsr::Run& r, const LoopParams& p, bool with_aux, MakeSampler make_sampler) {
    using clock = std::chrono::steady_clock;
    const FladData d = read_data(r);
    Classifier model(d.target.X.cols(), p.width, d.classes, tsr::kit::mix_seed(r.seed(), 1));
    const int64_t P = model.n_params();
    const int64_t offset = p.reward_params == "output" ? model.output_offset() : 0;

    const auto t_init = clock::now();
    auto sampler = make_sampler(model, d, offset);
    const double init_seconds = std::chrono::duration<double>(clock::now() - t_init).count();

    TaskBatcher batcher(d, tsr::kit::mix_seed(r.seed(), 2));
    tsr::kit::Rng rng(tsr::kit::mix_seed(r.seed(), 3));
    tsr::kit::AdamUpdate adam;
    adam.init(P);

    const int64_t G = with_aux ? p.grad_accum : 0;
    std::vector<int64_t> target_rows(static_cast<size_t>(d.target.size())), rows;
    for (int64_t i = 0; i < d.target.size(); ++i) target_rows[i] = i;
    rows.reserve(static_cast<size_t>(p.batch));
    std::vector<int64_t> arms, step_arms;  // every batch's task; the distinct tasks of this step
    arms.reserve(static_cast<size_t>(p.steps * G));
    step_arms.reserve(static_cast<size_t>(G));
    tsr::Mat slot(P, std::max<int64_t>(G, 1));  // column j: G_a of step_arms[j]
    tsr::Vec gT(P), gb(P), u(P);  // target gradient, one batch's gradient, the update

    const auto t_loop = clock::now();
    int64_t steps_done = 0;
    for (int64_t t = 0; t < p.steps && !r.should_stop(); ++t) {
        step_arms.clear();
        double aux_loss = 0.0;
        for (int64_t g = 0; g < G; ++g) {
            const int64_t a = sampler.choose(rng);
            arms.push_back(a);
            int64_t j = 0;
            while (j < static_cast<int64_t>(step_arms.size()) && step_arms[j] != a) ++j;
            if (j == static_cast<int64_t>(step_arms.size())) {
                step_arms.push_back(a);
                slot.col(j).setZero();
            }
            batcher.next(a, p.batch, rows);
            gb.setZero();
            aux_loss += model.add_gradient(d.aux, rows, &gb);
            slot.col(j) += gb;
        }
        gT.setZero();
        const double target_loss = model.add_gradient(d.target, target_rows, &gT);

        u = p.target_weight * gT;
        double reward_sum = 0.0;
        for (size_t j = 0; j < step_arms.size(); ++j) {
            const auto Ga = slot.col(static_cast<Eigen::Index>(j));
            u += (1.0 / static_cast<double>(G)) * Ga;
            const double R = alignment(gT, Ga, offset);
            sampler.reward(step_arms[j], R);
            reward_sum += R;
        }
        sampler.end_step();
        adam.step(model.params(), u, p.lr);
        ++steps_done;

        if ((t + 1) % p.report_every == 0 || t + 1 == p.steps) {
            const double mean_reward = step_arms.empty() ? 0.0 : reward_sum / static_cast<double>(step_arms.size());
            if (r.report(t + 1, target_loss,
                         {{"aux_loss", G > 0 ? aux_loss / static_cast<double>(G) : 0.0}, {"reward", mean_reward}}))
                break;
        }
    }
    const double loop_seconds = std::chrono::duration<double>(clock::now() - t_loop).count();

    r.put_vector("theta", model.params());
    r.put_scalar("width", static_cast<double>(model.width()));
    r.put_scalar("classes", static_cast<double>(model.classes()));
    r.put_indices("arms", arms);
    r.put_scalar("seconds_per_step", steps_done > 0 ? loop_seconds / static_cast<double>(steps_done) : 0.0);
    r.put_scalar("init_seconds", init_seconds);
}

}  // namespace flad
