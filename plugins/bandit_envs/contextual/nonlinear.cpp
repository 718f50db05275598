// cb.nonlinear — a contextual bandit with nonlinear expected rewards, the synthetic setup of Zhou,
// Li & Gu (NeuralUCB, ICML 2020, §7.1: h(x) = cos(3 aᵀx) and h(x) = 10 (aᵀx)², contexts uniform
// on the unit sphere, Gaussian noise):
//
//   features = "shared" (disjoint arms): one context x_t ∈ S^{d−1} per step, one vector a_k ∈ S^{d−1}
//              per arm, mean reward μ_t(k) = s · h(a_kᵀ x_t); observation x_t (d numbers).
//   features = "joint" (the NeuralUCB paper's form): one context x_{t,k} ∈ S^{d−1} per arm, one
//              shared a ∈ S^{d−1}, μ_t(k) = s · h(aᵀ x_{t,k}); observation [x_{t,0}; …; x_{t,K−1}]
//              (K·d numbers, arm k's block k).
//   h = cos(3·) (reward = "cos", μ ∈ [−s, s]) or (·)² (reward = "square", μ ∈ [0, s]); s = scale.
//
// Realized reward r_t(k) = clip(μ_t(k) + σ ξ, lo, hi), ξ ~ N(0, 1), [lo, hi] the range of μ above:
// bounded rewards (the spec's reward_min/max are exact) as the regret analyses assume. The served
// mean is the exact mean of the clipped Gaussian,
//   E[clip(μ + σξ)] = lo Φ(α) + hi (1 − Φ(β)) + μ (Φ(β) − Φ(α)) + σ (φ(α) − φ(β)),  α = (lo−μ)/σ,
//   β = (hi−μ)/σ,
// which is increasing in μ, so the best arm is the arm with the largest h.
// Instance from the seed (tsr::kit::Rng streams mix_seed(seed, s)): s = 1: the arm vectors (or a);
// s = 2: the contexts, step by step; s = 3: the noise, step by step, arm by arm. A point uniform on
// the sphere is a N(0, I_d) draw divided by its norm.
#include <algorithm>
#include <cmath>

#include <tessera/kit/rng.hpp>

#include "problems/reward_table_env.hpp"

namespace bandit_envs {

namespace {

tsr::Vec on_sphere(tsr::kit::Rng& rng, int64_t d) {
    tsr::Vec v(d);
    for (auto& e : v) e = rng.normal();
    return v / v.norm();
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }
double normal_pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * M_PI); }

// E[clip(mu + sd·ξ, lo, hi)], ξ ~ N(0, 1).
double clipped_gaussian_mean(double mu, double sd, double lo, double hi) {
    if (sd == 0.0) return std::clamp(mu, lo, hi);
    const double a = (lo - mu) / sd, b = (hi - mu) / sd;
    return lo * normal_cdf(a) + hi * (1.0 - normal_cdf(b)) + mu * (normal_cdf(b) - normal_cdf(a)) +
           sd * (normal_pdf(a) - normal_pdf(b));
}

}  // namespace

class CbNonlinear : public RewardTableEnv {
public:
    static constexpr tsr::Info info{
        "cb.nonlinear", "1.0.0",
        "contextual bandit with rewards cos(3 a^T x) or (a^T x)^2 on the unit sphere plus Gaussian noise (clipped)",
        "Zhou, Li & Gu, Neural Contextual Bandits with UCB-based Exploration, ICML 2020, Sec. 7.1"};
    struct Params {
        int64_t T = 2000;
        int64_t d = 10;
        int64_t arms = 4;
        std::string reward = "cos";
        std::string features = "shared";
        double scale = 1.0;
        double noise = 0.1;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("horizon", &Params::T, "horizon: steps", {.min = 1});
            s.integer("d", &Params::d, "dimension of a context", {.min = 1});
            s.integer("arms", &Params::arms, "number of arms K", {.min = 2});
            s.choice("reward", &Params::reward, {"cos", "square"}, "h: cos(3 u) or u^2, u = a^T x");
            s.choice("features", &Params::features, {"shared", "joint"},
                     "shared: one context, a vector per arm; joint: a context per arm, one vector");
            s.real("scale", &Params::scale, "s: mean reward s*h(u) (the NeuralUCB paper uses 10 for u^2)",
                   {.min = 1e-12});
            s.real("noise", &Params::noise, "sd of the Gaussian reward noise (before clipping)", {.min = 0.0});
        }
    };

    CbNonlinear(const Params& p, uint64_t seed) : RewardTableEnv(build(p, seed)) {}

private:
    static RewardTables build(const Params& p, uint64_t seed) {
        const bool joint = p.features == "joint";
        const bool cosine = p.reward == "cos";
        const double lo = cosine ? -p.scale : 0.0, hi = p.scale;
        tsr::kit::Rng ra(tsr::kit::mix_seed(seed, 1)), rx(tsr::kit::mix_seed(seed, 2)),
            rn(tsr::kit::mix_seed(seed, 3));
        tsr::RowMat A(joint ? 1 : p.arms, p.d);  // arm vectors (shared: one per arm; joint: a)
        for (int64_t k = 0; k < A.rows(); ++k) A.row(k) = on_sphere(ra, p.d).transpose();

        RewardTables tab;
        tab.contexts.resize(p.T, joint ? p.arms * p.d : p.d);
        tab.rewards.resize(p.T, p.arms);
        tab.mean_rewards.resize(p.T, p.arms);
        tab.reward_min = lo;
        tab.reward_max = hi;
        for (int64_t t = 0; t < p.T; ++t) {
            if (!joint) tab.contexts.row(t) = on_sphere(rx, p.d).transpose();
            for (int64_t k = 0; k < p.arms; ++k) {
                if (joint) tab.contexts.row(t).segment(k * p.d, p.d) = on_sphere(rx, p.d).transpose();
                const double u = joint ? A.row(0).dot(tab.contexts.row(t).segment(k * p.d, p.d))
                                       : A.row(k).dot(tab.contexts.row(t));
                const double mu = p.scale * (cosine ? std::cos(3.0 * u) : u * u);
                tab.rewards(t, k) = std::clamp(mu + p.noise * rn.normal(), lo, hi);
                tab.mean_rewards(t, k) = clipped_gaussian_mean(mu, p.noise, lo, hi);
            }
        }
        return tab;
    }
};

TSR_REGISTER(CbNonlinear);

}  // namespace bandit_envs
