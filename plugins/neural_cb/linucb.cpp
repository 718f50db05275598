// ncb.linucb — LinUCB (Li, Chu, Langford & Schapire, WWW 2010, Algorithm 1) on the arm features of
// arm_features.hpp: with arm_features = shared (the disjoint encoding e_k ⊗ x) it is exactly the
// paper's disjoint-model LinUCB (A stays block diagonal); with per_arm it is LinUCB with one shared
// parameter vector over per-arm contexts (Chu et al., AISTATS 2011).
//
//   A_0 = λ I,  b_0 = 0;   θ̂ = A⁻¹ b;   a_t = argmax_k  θ̂ᵀφ_k + α √(φ_kᵀ A⁻¹ φ_k)
//   A ← A + φ_a φ_aᵀ (A⁻¹ by Sherman–Morrison),  b ← b + y φ_a.
// Ties: the first maximiser.
#include <cmath>

#include "arm_features.hpp"
#include "bandit_loop.hpp"

namespace neural_cb {

class LinUcb {
public:
    static constexpr tsr::Info info{"ncb.linucb", "1.0.0",
                                    "LinUCB (disjoint linear models per arm, ridge + confidence ellipsoid)",
                                    "Li, Chu, Langford & Schapire, A Contextual-Bandit Approach to Personalized "
                                    "News Article Recommendation, WWW 2010, Algorithm 1"};
    static constexpr const char* needs[] = {TSR_ENV_V1};
    struct Params {
        double alpha = 1.0;
        double lambda = 1.0;
        std::string arm_features = "shared";
        static void schema(tsr::Schema<Params>& s) {
            s.real("alpha", &Params::alpha, "width of the confidence bonus", {.min = 0.0});
            s.real("lambda", &Params::lambda, "ridge: A_0 = lambda I", {.min = 1e-12}, TSR_PARAM_FLAG_LOG_SCALE);
            add_arm_features(s, &Params::arm_features);
        }
    };
    explicit LinUcb(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        BanditLoop loop(r, p_.arm_features);
        const int64_t D = loop.features().dim(), K = loop.arms();
        tsr::Mat Ainv = tsr::Mat::Identity(D, D) / p_.lambda;
        tsr::Vec b = tsr::Vec::Zero(D), theta = tsr::Vec::Zero(D), u(D), u_best(D), phi(D);
        while (loop.running()) {
            int64_t best = 0;
            double best_ucb = -INFINITY;
            for (int64_t k = 0; k < K; ++k) {
                const auto x = loop.features().arm(k);
                u.noalias() = Ainv * x;
                const double ucb = theta.dot(x) + p_.alpha * std::sqrt(std::max(0.0, x.dot(u)));
                if (ucb > best_ucb) {
                    best_ucb = ucb, best = k;
                    u.swap(u_best);  // keeps A⁻¹φ_best for the update below (swaps buffers, no copy)
                }
            }
            phi = loop.features().arm(best);
            const double y = loop.play(best);
            if (!(best_ucb > -INFINITY)) u_best.noalias() = Ainv * phi;  // no arm won (NaN scores): arm 0
            // Sherman–Morrison with u = A⁻¹φ: A⁻¹ ← A⁻¹ − u uᵀ / (1 + φᵀu)
            u_best /= std::sqrt(1.0 + phi.dot(u_best));
            Ainv.noalias() -= u_best * u_best.transpose();
            b += y * phi;
            theta.noalias() = Ainv * b;
        }
    }

private:
    Params p_;
};

TSR_REGISTER(LinUcb);

}  // namespace neural_cb
