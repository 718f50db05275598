// model.hpp — the classifier every flad.* algorithm trains and the metrics evaluate: the kit's
// two-layer ReLU MLP (tsr::kit::Mlp) with the softmax cross-entropy on its k outputs,
//
//     ℓ(x, y; θ) = log Σ_c exp f_c(x; θ) − f_y(x; θ),     ∂ℓ/∂f = softmax(f) − e_y,
//
// and the labelled examples it reads (rows of a row-major matrix, labels as class indices).
// Its parameters are one flat vector (kit/mlp.hpp's layout); the output layer (W2, b2) is its
// tail, the part the reference code's rewards look at (reward_model_partition = "lm_head").
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>

#include <tessera/kit/mlp.hpp>
#include <tessera/kit/rng.hpp>
#include <tessera/sdk/eigen.hpp>

namespace flad {

// Labelled examples: X (n × d, row-major) and y (class indices).
struct Examples {
    tsr::RowMat X;
    Eigen::VectorXi y;
    int64_t size() const { return X.rows(); }
};

class Classifier {
public:
    Classifier(int64_t d, int64_t width, int64_t classes, uint64_t seed)
        : net_(make(d, width, classes, seed)), dy_(classes) {}

    int64_t n_params() const { return net_.n_params(); }
    int64_t classes() const { return net_.output_dim(); }
    int64_t width() const { return net_.width(); }
    tsr::Vec& params() { return net_.params(); }
    const tsr::Vec& params() const { return net_.params(); }
    // Offset of the output layer (W2, b2) in the flat parameter vector: it runs to the end.
    int64_t output_offset() const { return net_.width() * net_.input_dim() + net_.width(); }

    // The mean loss over `rows` of `data`; grad += its gradient when grad is non-null.
    double add_gradient(const Examples& data, std::span<const int64_t> rows, tsr::Vec* grad) {
        if (rows.empty()) return 0.0;
        const double w = 1.0 / static_cast<double>(rows.size());
        double loss = 0.0;
        for (int64_t i : rows) {
            loss += example(data, i);
            if (grad) net_.backward_add(dy_, *grad, w);
        }
        return loss / static_cast<double>(rows.size());
    }

    // Mean loss and accuracy over all of `data` (no gradient).
    struct Score {
        double loss = 0.0, accuracy = 0.0;
    };
    Score score(const Examples& data) {
        Score s;
        for (int64_t i = 0; i < data.size(); ++i) {
            s.loss += example(data, i);
            Eigen::Index c;
            net_.output().maxCoeff(&c);
            s.accuracy += (c == data.y[i]) ? 1.0 : 0.0;
        }
        const auto n = static_cast<double>(std::max<int64_t>(data.size(), 1));
        return {s.loss / n, s.accuracy / n};
    }

private:
    static tsr::kit::Mlp make(int64_t d, int64_t width, int64_t classes, uint64_t seed) {
        tsr::kit::Rng rng(seed);
        return tsr::kit::Mlp(d, width, classes, rng);
    }

    // ℓ of example i; leaves dy_ = softmax(f) − e_y and the net's workspace at that example.
    double example(const Examples& data, int64_t i) {
        const tsr::Vec& f = net_.forward(data.X.row(i).transpose());  // a row-major row binds to CVecRef as is
        const double mx = f.maxCoeff();
        dy_ = (f.array() - mx).exp().matrix();
        const double z = dy_.sum();
        dy_ /= z;
        const int y = data.y[i];
        dy_[y] -= 1.0;
        return mx + std::log(z) - f[y];
    }

    tsr::kit::Mlp net_;
    tsr::Vec dy_;  // scratch: ∂ℓ/∂f
};

}  // namespace flad
