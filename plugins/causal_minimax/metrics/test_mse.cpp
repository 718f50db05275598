// transfer.test_mse — the transfer error of a run's predictor on the problem's held-out test
// environments (ground truth "X_test", "y_test", "env_test"; problems/multi_env_problem.hpp):
//   mse_e = mean over the rows of environment e of (y − f(x_inputs))²
//   max_mse  max_e mse_e   (the worst case over the test environments: the paper's criterion)
//   mean_mse mean_e mse_e
//   min_mse  min_e mse_e
// f is the run's "predictor" reading the covariates marked in "inputs" (math/predictor.hpp).
// Without a predictor or the test data every output is NaN.
#include <algorithm>
#include <limits>
#include <map>

#include <tessera/sdk.hpp>

#include "math/predictor.hpp"

namespace minimax {

class TestMse {
public:
    static constexpr tsr::Info info{"transfer.test_mse", "1.0.0",
                                    "worst-case, mean and best test MSE of the run's predictor over the held-out "
                                    "environments",
                                    "Liu, Zheng, Sun, Fang & Wang, ICML 2023 (max and mean test MSE)"};
    static constexpr const char* needs[] = {TSR_GROUND_TRUTH_V1};
    static constexpr tsr::Output outputs[] = {
        {"max_mse", TSR_LOWER_IS_BETTER, "largest per-environment test MSE (worst case)"},
        {"mean_mse", TSR_LOWER_IS_BETTER, "mean of the per-environment test MSEs"},
        {"min_mse", TSR_LOWER_IS_BETTER, "smallest per-environment test MSE"},
    };

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        std::fill(out.begin(), out.end(), std::numeric_limits<double>::quiet_NaN());
        const tsr_array* inputs = r.array("inputs");
        const auto packed = r.vector("predictor");
        const auto gt = r.ground_truth();
        if (!inputs || inputs->dtype != TSR_DTYPE_I64 || inputs->ndim != 1 || !packed || !gt) return;
        const std::optional<Mlp> f0 = unpack({packed->data(), static_cast<size_t>(packed->size())});
        const auto Xa = gt->array("X_test"), ya = gt->array("y_test"), ea = gt->array("env_test");
        if (!f0 || !Xa || !ya || !ea || Xa->ndim != 2) return;
        Mlp f = *f0;
        const int64_t m = Xa->shape[0], d = Xa->shape[1];
        if (inputs->shape[0] != d) return;
        const auto* mask = static_cast<const int64_t*>(inputs->data);
        std::vector<int> cols;
        for (int64_t j = 0; j < d; ++j)
            if (mask[j] != 0) cols.push_back(static_cast<int>(j));
        if (static_cast<int64_t>(cols.size()) != f.inputs()) return;
        using RowMap = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;
        const RowMap X(static_cast<const double*>(Xa->data), m, d);
        const Eigen::Map<const Vec> y(static_cast<const double*>(ya->data), m), env(static_cast<const double*>(ea->data), m);
        Mat Xin(m, static_cast<int64_t>(cols.size()));
        for (size_t k = 0; k < cols.size(); ++k) Xin.col(static_cast<int64_t>(k)) = X.col(cols[k]);
        Vec pred;
        f.forward(Xin, pred);
        std::map<double, std::pair<double, int64_t>> per_env;
        for (int64_t i = 0; i < m; ++i) {
            auto& [sum, count] = per_env[env[i]];
            sum += (y[i] - pred[i]) * (y[i] - pred[i]);
            ++count;
        }
        double mx = -std::numeric_limits<double>::infinity(), mn = std::numeric_limits<double>::infinity(), mean = 0;
        for (const auto& [e, sc] : per_env) {
            const double mse = sc.first / static_cast<double>(sc.second);
            mx = std::max(mx, mse);
            mn = std::min(mn, mse);
            mean += mse / static_cast<double>(per_env.size());
        }
        if (per_env.empty()) return;
        out[0] = mx;
        out[1] = mean;
        out[2] = mn;
    }
};

TSR_REGISTER(TestMse);

}  // namespace minimax
