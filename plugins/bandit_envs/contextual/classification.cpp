// cb.classification — a K-class data set turned into a K-armed contextual bandit (the standard
// reduction used by neural-bandit papers: Zhou et al., NeuralUCB, ICML 2020, §7; Deb et al.,
// Contextual Bandits with Online Neural Regression, ICLR 2024, §6):
//
//   at step t the context is x_t (one sample's features), arm k earns r_t(k) = 1[k = y_t].
//
// The label is a deterministic function of the sample, so mean_rewards = rewards and the
// pseudo-regret is the number of mistakes — the regret these papers plot.
//
// Data: synthetic (file = "") or a user's CSV (file = path, label in `label_column`; labels may be
// any numbers, their distinct values sorted give arms 0..K−1). Synthetic instance from the seed
// (tsr::kit::Rng streams mix_seed(seed, s)): s = 1: for each class c and cluster j < clusters, a
// centre μ_{c,j} ~ N(0, separation² I_d); s = 2: step t draws its class uniformly, a cluster of
// that class uniformly, and x_t = μ + N(0, I_d). With clusters ≥ 2 the classes are unions of
// Gaussian blobs, not linearly separable (a disjoint linear model per arm cannot fit them).
// A file's rows are taken in a random order (stream s = 3): the first T of a permutation.
// Contexts are scaled to unit Euclidean norm when normalize = true (as the NeuralUCB code does).
//
// Order: "iid" keeps the random order; "sorted" is the non-i.i.d. order: the T contexts grouped by
// class, each class split into `blocks` consecutive runs, classes cycling: (class 0, run 1),
// (class 1, run 1), …, (class 0, run 2), … — the best arm is constant within a run.
#include <algorithm>
#include <map>
#include <numeric>
#include <vector>

#include <tessera/kit/data_file.hpp>
#include <tessera/kit/rng.hpp>

#include "problems/reward_table_env.hpp"

namespace bandit_envs {

class CbClassification : public RewardTableEnv {
public:
    static constexpr tsr::Info info{
        "cb.classification", "1.0.0",
        "K-class data (synthetic Gaussian mixture or a CSV file) as a K-armed contextual bandit, iid or class-sorted",
        "Zhou, Li & Gu, Neural Contextual Bandits with UCB-based Exploration, ICML 2020, Sec. 7"};
    struct Params {
        std::string file;
        int64_t label_column = -1;
        int64_t T = 2000;
        int64_t d = 10;
        int64_t classes = 4;
        int64_t clusters = 3;
        double separation = 1.0;
        std::string order = "iid";
        int64_t blocks = 1;
        bool normalize = true;
        static void schema(tsr::Schema<Params>& s) {
            s.text("file", &Params::file, "CSV data file (empty: synthetic Gaussian mixture)");
            s.integer("label_column", &Params::label_column,
                      "file only: column of the label, negative counts from the end (-1 = last)");
            s.integer("horizon", &Params::T, "horizon: steps (a file needs at least T rows; 0 = all rows)", {.min = 0});
            s.integer("d", &Params::d, "synthetic only: context dimension", {.min = 1});
            s.integer("classes", &Params::classes, "synthetic only: number of classes = arms K", {.min = 2});
            s.integer("clusters", &Params::clusters, "synthetic only: Gaussian blobs per class", {.min = 1});
            s.real("separation", &Params::separation, "synthetic only: sd of the blob centres (blob sd is 1)",
                   {.min = 0.0});
            s.choice("order", &Params::order, {"iid", "sorted"},
                     "context order: iid (random) or sorted by class in blocks (non-i.i.d.)");
            s.integer("blocks", &Params::blocks, "sorted order: runs each class is split into", {.min = 1});
            s.boolean("normalize", &Params::normalize, "scale every context to unit Euclidean norm");
        }
    };

    CbClassification(const Params& p, uint64_t seed) : RewardTableEnv(build(p, seed)) {}

private:
    struct Labelled {
        tsr::RowMat X;
        std::vector<int64_t> y;
        int64_t classes;
    };

    static Labelled synthetic(const Params& p, uint64_t seed) {
        if (p.T < 1) throw tsr::InvalidArgument("cb.classification: synthetic data needs T >= 1");
        tsr::kit::Rng rc(tsr::kit::mix_seed(seed, 1)), rx(tsr::kit::mix_seed(seed, 2));
        tsr::RowMat centres(p.classes * p.clusters, p.d);
        for (int64_t i = 0; i < centres.rows(); ++i)
            for (int64_t j = 0; j < p.d; ++j) centres(i, j) = rc.normal(0.0, p.separation);
        Labelled L{tsr::RowMat(p.T, p.d), std::vector<int64_t>(static_cast<size_t>(p.T)), p.classes};
        for (int64_t t = 0; t < p.T; ++t) {
            const auto c = static_cast<int64_t>(rx.below(static_cast<uint64_t>(p.classes)));
            const auto j = static_cast<int64_t>(rx.below(static_cast<uint64_t>(p.clusters)));
            for (int64_t i = 0; i < p.d; ++i) L.X(t, i) = centres(c * p.clusters + j, i) + rx.normal();
            L.y[static_cast<size_t>(t)] = c;
        }
        return L;
    }

    static Labelled from_file(const Params& p, uint64_t seed) {
        tsr::kit::DenseData data = tsr::kit::read_csv(p.file, {.label_column = p.label_column});
        const int64_t n = data.X.rows();
        const int64_t T = p.T == 0 ? n : p.T;
        if (T > n)
            throw tsr::InvalidArgument("cb.classification: T = " + std::to_string(T) + " but '" + p.file +
                                       "' has " + std::to_string(n) + " rows");
        std::map<double, int64_t> arm_of;  // distinct label values, sorted
        for (double v : data.y) arm_of.emplace(v, 0);
        if (arm_of.size() < 2) throw tsr::InvalidArgument("cb.classification: '" + p.file + "' has fewer than 2 labels");
        int64_t k = 0;
        for (auto& [v, a] : arm_of) a = k++;
        tsr::kit::Rng rp(tsr::kit::mix_seed(seed, 3));
        const std::vector<int64_t> perm = tsr::kit::random_permutation(n, rp);
        Labelled L{tsr::RowMat(T, data.X.cols()), std::vector<int64_t>(static_cast<size_t>(T)), k};
        for (int64_t t = 0; t < T; ++t) {
            const int64_t row = perm[static_cast<size_t>(t)];
            L.X.row(t) = data.X.row(row);
            L.y[static_cast<size_t>(t)] = arm_of.at(data.y(row));
        }
        return L;
    }

    // The non-i.i.d. order: a stable sort by (run, class), run = rank within the class · blocks / count.
    static std::vector<int64_t> sorted_order(const std::vector<int64_t>& y, int64_t classes, int64_t blocks) {
        std::vector<int64_t> count(static_cast<size_t>(classes), 0), rank(y.size());
        for (size_t t = 0; t < y.size(); ++t) rank[t] = count[static_cast<size_t>(y[t])]++;
        std::vector<int64_t> key(y.size()), order(y.size());
        for (size_t t = 0; t < y.size(); ++t) {
            const int64_t run = rank[t] * blocks / std::max<int64_t>(1, count[static_cast<size_t>(y[t])]);
            key[t] = run * classes + y[t];
        }
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
            return key[static_cast<size_t>(a)] < key[static_cast<size_t>(b)];
        });
        return order;
    }

    static RewardTables build(const Params& p, uint64_t seed) {
        Labelled L = p.file.empty() ? synthetic(p, seed) : from_file(p, seed);
        const auto T = static_cast<int64_t>(L.y.size());
        std::vector<int64_t> order(static_cast<size_t>(T));
        std::iota(order.begin(), order.end(), 0);
        if (p.order == "sorted") order = sorted_order(L.y, L.classes, p.blocks);
        RewardTables tab;
        tab.contexts.resize(T, L.X.cols());
        tab.rewards = tsr::RowMat::Zero(T, L.classes);
        for (int64_t t = 0; t < T; ++t) {
            const int64_t s = order[static_cast<size_t>(t)];
            tab.contexts.row(t) = L.X.row(s);
            if (p.normalize) {
                const double nrm = tab.contexts.row(t).norm();
                if (nrm > 0) tab.contexts.row(t) /= nrm;
            }
            tab.rewards(t, L.y[static_cast<size_t>(s)]) = 1.0;
        }
        tab.mean_rewards = tab.rewards;
        tab.reward_min = 0.0;
        tab.reward_max = 1.0;
        return tab;
    }
};

TSR_REGISTER(CbClassification);

}  // namespace bandit_envs
