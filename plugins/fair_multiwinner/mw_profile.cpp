// mw.profile — a synthetic voting profile with a biased group (Boehmer, Celis, Huang, Mehrotra &
// Vishnoi, ICML 2023, Sec. 3 and Sec. 5/App. simulations; official notebook defaults: m = 50
// candidates in two halves, norm-Mallows rankings, swapping bias with φ_s = 0.5, k = 10).
//
// Instance from the seed (tsr::kit::Rng streams mix_seed(seed, key)):
//   key 1  the groups: round(protected_share · m) candidates form G2, uniformly
//   key 2  the latent utilities u_c ~ U(0, 1), i.i.d.
//   key 3  ranking v's latent draws (insertion uniforms, or noise), stream mix_seed(·, v)
//   key 4  ranking v's swapping-bias draws, stream mix_seed(·, v)
// Per-ranking streams make instances nested in n: the first n rankings of a larger instance are
// the rankings of the smaller one, so a sweep over n adds rankings to the same election.
// Generative model: generate.hpp. Served (problem.hpp): dataset "rankings" (biased), "groups";
// ground truth "latent_rankings", "utilities", "groups".
// Known optimum (what mw.utility_ratio divides by): the best committee under the latent
// rankings, exact for the additive scores (top-k), greedy + swap search for Chamberlin–Courant.
#include "generate.hpp"
#include "problem.hpp"

namespace fairmw {

class MwProfileProblem : public MwProblem {
public:
    static constexpr tsr::Info info{"mw.profile", "1.0.0",
                                    "n rankings of m candidates in two groups, latent (Mallows or noisy utilities) "
                                    "and biased against G2 (swaps or utilities scaled by beta)",
                                    "Boehmer, Celis, Huang, Mehrotra & Vishnoi, Subset Selection Based On Multiple "
                                    "Rankings in the Presence of Bias, ICML 2023"};
    struct Params {
        int64_t m = 50;
        int64_t n = 50;
        double protected_share = 0.5;
        std::string culture = "mallows";
        double norm_phi = 0.5;
        double noise_sd = 0.25;
        std::string bias = "swap";
        double swap_fraction = 0.5;
        double swap_phi = 0.5;
        double beta = 0.5;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("m", &Params::m, "number of candidates (paper's simulations: 50)", {.min = 2});
            s.integer("n", &Params::n, "number of rankings (paper's simulations: 25, 50, 100)", {.min = 1});
            s.real("protected_share", &Params::protected_share,
                   "share of the candidates in G2, the group the bias works against (paper: 1/2)",
                   {.min = 0.0, .max = 1.0});
            s.choice("culture", &Params::culture, {"mallows", "noisy"},
                     "latent rankings: Mallows around the utility order (normalized dispersion norm_phi), or "
                     "utilities plus Gaussian noise of sd noise_sd");
            s.real("norm_phi", &Params::norm_phi,
                   "normalized Mallows dispersion: expected swap distance to the centre / (m(m-1)/4); 0 = all "
                   "rankings equal the utility order, 1 = uniform",
                   {.min = 0.0, .max = 1.0});
            s.real("noise_sd", &Params::noise_sd, "culture = noisy: sd of the noise added to the U(0,1) utilities",
                   {.min = 0.0});
            s.choice("bias", &Params::bias, {"swap", "utility", "none"},
                     "swap: the paper's swapping bias (fraction swap_fraction of the G2-above-G1 pairs swapped, "
                     "nearby pairs first); utility: G2's utilities scaled by beta; none: biased = latent");
            s.real("swap_fraction", &Params::swap_fraction, "bias = swap: lambda, the fraction of pairs swapped",
                   {.min = 0.0, .max = 1.0});
            s.real("swap_phi", &Params::swap_phi,
                   "bias = swap: a pair at distance d is picked with weight swap_phi^d (paper's code: 0.5)",
                   {.min = 0.0, .max = 1.0});
            s.real("beta", &Params::beta, "bias = utility: factor on G2's utilities (beta < 1 is bias against G2)",
                   {.min = 0.0, .max = 1.0});
        }
    };

    MwProfileProblem(const Params& p, uint64_t seed) : MwProfileProblem(generate(p, seed)) {}

private:
    struct Instance {
        tsr::RowMat biased, latent;
        tsr::Vec groups, utilities;
    };
    explicit MwProfileProblem(Instance i)
        : MwProblem(std::move(i.biased), std::move(i.groups), std::move(i.latent), std::move(i.utilities)) {}

    static Instance generate(const Params& p, uint64_t seed) {
        using tsr::kit::mix_seed;
        using tsr::kit::Rng;
        const int64_t m = p.m, n = p.n;
        Rng rng_groups(mix_seed(seed, 1)), rng_u(mix_seed(seed, 2));
        const std::vector<int8_t> group = draw_groups(m, p.protected_share, rng_groups);
        std::vector<double> u(static_cast<size_t>(m)), u_hat(static_cast<size_t>(m));
        for (int64_t c = 0; c < m; ++c) {
            u[static_cast<size_t>(c)] = rng_u.uniform();
            const bool scaled = p.bias == "utility" && group[static_cast<size_t>(c)];
            u_hat[static_cast<size_t>(c)] = scaled ? p.beta * u[static_cast<size_t>(c)] : u[static_cast<size_t>(c)];
        }
        const std::vector<int32_t> centre = order_by(u), centre_hat = order_by(u_hat);
        const double phi = mallows_phi(m, p.norm_phi);

        Instance out{tsr::RowMat(n, m), tsr::RowMat(n, m), tsr::Vec(m), tsr::Vec(m)};
        std::vector<double> draws(static_cast<size_t>(m)), value(static_cast<size_t>(m)), scratch;
        std::vector<int32_t> latent, biased;
        for (int64_t v = 0; v < n; ++v) {
            Rng rng_v(mix_seed(mix_seed(seed, 3), static_cast<uint64_t>(v)));
            if (p.culture == "mallows") {
                for (double& x : draws) x = rng_v.uniform();
                mallows_insert(centre, phi, draws, latent);
                if (p.bias == "utility") mallows_insert(centre_hat, phi, draws, biased);
            } else {
                for (double& x : draws) x = p.noise_sd * rng_v.normal();
                for (int64_t c = 0; c < m; ++c) value[static_cast<size_t>(c)] = u[static_cast<size_t>(c)] + draws[static_cast<size_t>(c)];
                latent = order_by(value);
                if (p.bias == "utility") {
                    for (int64_t c = 0; c < m; ++c)
                        value[static_cast<size_t>(c)] = u_hat[static_cast<size_t>(c)] + draws[static_cast<size_t>(c)];
                    biased = order_by(value);
                }
            }
            if (p.bias != "utility") biased = latent;
            if (p.bias == "swap") {
                Rng rng_bias(mix_seed(mix_seed(seed, 4), static_cast<uint64_t>(v)));
                swapping_bias(biased, group, p.swap_fraction, p.swap_phi, rng_bias, scratch);
            }
            for (int64_t q = 0; q < m; ++q) {
                out.latent(v, q) = latent[static_cast<size_t>(q)];
                out.biased(v, q) = biased[static_cast<size_t>(q)];
            }
        }
        for (int64_t c = 0; c < m; ++c) {
            out.groups[c] = group[static_cast<size_t>(c)];
            out.utilities[c] = u[static_cast<size_t>(c)];
        }
        return out;
    }
};

TSR_REGISTER(MwProfileProblem);

}  // namespace fairmw
