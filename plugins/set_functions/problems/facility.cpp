// sf.facility — facility location f(S) = Σ_i max_{e∈S} sim(i, e) (facility.hpp) on synthetic
// clustered points or on the points of a user's CSV file, with an insert/delete stream of the
// n candidate facilities (update_stream.hpp).
//
// Points: synthetic (file = ""): n points around `clusters` centres uniform in [0,1]^d with
// N(0, spread²) noise; clients: `clients` further points of the same law. From a file: every
// numeric column of the CSV is a coordinate (no label column); the n = rows points are the
// facilities, and `clients` of them drawn without replacement by the seed are the clients
// (clients = 0 or ≥ rows: all). sim(i, e) = exp(−‖c_i − x_e‖² / 2σ²), σ = bandwidth.
// Known optimum: none (NP-hard); sf.value_ratio compares with greedy.
#include <numeric>

#include <tessera/kit/data_file.hpp>

#include "../facility.hpp"
#include "dynamic_problem.hpp"

namespace setfn {

class FacilityProblem : public DynamicProblem<FacilityLocation> {
public:
    static constexpr tsr::Info info{"sf.facility", "1.0.0",
                                    "facility location on clustered points or a CSV of points, with an insert/delete stream",
                                    "Krause & Golovin, Submodular function maximization, in Tractability, 2014"};
    struct Params : DynamicParams {
        int64_t n = 1000;
        int64_t d = 2;
        int64_t clusters = 20;
        double spread = 0.05;
        int64_t clients = 200;
        double bandwidth = 0.1;
        std::string file;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n", &Params::n, "number of synthetic points (candidate facilities); ignored with file", {.min = 1});
            s.integer("d", &Params::d, "dimension of synthetic points", {.min = 1});
            s.integer("clusters", &Params::clusters, "number of synthetic cluster centres", {.min = 1});
            s.real("spread", &Params::spread, "standard deviation of synthetic points around their centre",
                   {.min = 0.0});
            s.integer("clients", &Params::clients, "number of clients i in the sum (file: 0 = every point)", {.min = 0});
            s.real("bandwidth", &Params::bandwidth, "sigma of the similarity exp(-|c - x|^2 / 2 sigma^2)",
                   {.min = 1e-12}, TSR_PARAM_FLAG_LOG_SCALE);
            s.text("file", &Params::file, "CSV of points, one per line, every column a coordinate (\"\": synthetic)");
            stream_schema(s);
        }
    };

    FacilityProblem(const Params& p, uint64_t seed)
        : DynamicProblem(make(p, seed), p.k, stream_spec(p), seed) {}

private:
    static FacilityLocation make(const Params& p, uint64_t seed) {
        using tsr::kit::mix_seed;
        if (p.file.empty()) {
            if (p.clients < 1) throw tsr::InvalidArgument("sf.facility: clients must be >= 1 for synthetic points");
            const PointRows X = clustered_points(p.n, p.d, p.clusters, p.spread, mix_seed(seed, 1), mix_seed(seed, 2));
            const PointRows C = clustered_points(p.clients, p.d, p.clusters, p.spread, mix_seed(seed, 1), mix_seed(seed, 3));
            return FacilityLocation(X, C, p.bandwidth);
        }
        // Every column is a coordinate: read the last one as the "label" and put it back.
        const tsr::kit::DenseData data = tsr::kit::read_csv(p.file, {.label_column = -1});
        PointRows X(data.X.rows(), data.X.cols() + 1);
        X << data.X, data.y;
        const int64_t rows = X.rows();
        std::vector<int64_t> idx(static_cast<size_t>(rows));
        std::iota(idx.begin(), idx.end(), 0);
        const int64_t m = p.clients == 0 ? rows : std::min(p.clients, rows);
        tsr::kit::Rng rng(mix_seed(seed, 3));
        for (int64_t i = 0; i < m; ++i)  // partial Fisher–Yates: the first m are the clients
            std::swap(idx[i], idx[i + static_cast<int64_t>(rng.below(static_cast<uint64_t>(rows - i)))]);
        PointRows C(m, X.cols());
        for (int64_t i = 0; i < m; ++i) C.row(i) = X.row(idx[i]);
        return FacilityLocation(X, C, p.bandwidth);
    }
};

TSR_REGISTER(FacilityProblem);

}  // namespace setfn
