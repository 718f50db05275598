// ratio_trace — the value ratio f(S_t)/f(greedy_t) of dynsub.dynamic over time, the series the
// report cannot draw yet (sf.value_ratio gives its min and mean only). Same headers as the plugins
// (coverage.hpp, facility.hpp, update_stream.hpp, parallel_guesses.hpp, lazy_greedy.hpp); the instance
// and stream are those sf.coverage (defaults) / sf.facility (defaults but clients = 50, as in the paper
// config) build from a problem seed equal to `seed`, and the algorithm draws from Rng(seed) (the host
// derives the problem's and the algorithm's seeds from a run seed instead).
//
//   dynsub_ratio_trace coverage|facility N random|window|adversarial [points=20] [k=10] [eps=0.1] [seed=1]
//
// Prints CSV: t, active, f_dynamic, f_greedy, ratio, queries_so_far.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "coverage.hpp"
#include "facility.hpp"
#include "lazy_greedy.hpp"
#include "parallel_guesses.hpp"
#include "update_stream.hpp"

namespace {

template <class F>
struct CountingGains {
    F* f;
    int64_t queries = 0;
    void operator()(std::span<const int64_t> S, std::span<const int64_t> c, std::span<double> o) {
        queries += static_cast<int64_t>(c.size());
        f->gains(S, c, o);
    }
};

template <class F>
void trace(F& f, setfn::StreamKind kind, int64_t points, int64_t k, double eps, uint64_t seed) {
    CountingGains<F> gains{&f};
    tsr::kit::Rng rng(seed);
    dynsub::ParallelGuesses<CountingGains<F>> algo(eps, k, f.n());
    setfn::StreamSpec spec;
    spec.kind = kind;
    setfn::UpdateStream stream(f.n(), spec, seed);
    const int64_t U = stream.length();
    auto plain = [&](std::span<const int64_t> S, std::span<const int64_t> c, std::span<double> o) { f.gains(S, c, o); };
    std::printf("t,active,f_dynamic,f_greedy,ratio,queries\n");
    int64_t next = 1;
    for (int64_t t = 1; t <= U; ++t) {
        const setfn::Update u = stream.next();
        if (u.kind == 1) {
            double fe = 0.0;
            const int64_t e = u.element;
            gains(std::span<const int64_t>(), std::span<const int64_t>(&e, 1), std::span<double>(&fe, 1));
            algo.insert(e, fe, gains, rng);
        } else {
            algo.erase(u.element, gains, rng);
        }
        stream.solution(algo.solution());
        if (t == next || t == U) {
            next += std::max<int64_t>(1, U / points);
            const auto A = stream.active_set();
            const double g = setfn::lazy_greedy(A, k, plain).value;
            const double v = f.value(algo.solution());
            std::printf("%lld,%zu,%.6g,%.6g,%.4f,%lld\n", static_cast<long long>(t), A.size(), v, g, g > 0 ? v / g : 1.0,
                        static_cast<long long>(gains.queries));
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s coverage|facility N random|window|adversarial [points] [k] [eps] [seed]\n", argv[0]);
        return 2;
    }
    const std::string problem = argv[1];
    const int64_t n = std::atoll(argv[2]);
    const setfn::StreamKind kind = setfn::parse_stream_kind(argv[3]);
    const int64_t points = argc > 4 ? std::atoll(argv[4]) : 20, k = argc > 5 ? std::atoll(argv[5]) : 10;
    const double eps = argc > 6 ? std::atof(argv[6]) : 0.1;
    const uint64_t seed = argc > 7 ? std::strtoull(argv[7], nullptr, 10) : 1;
    if (problem == "coverage") {
        setfn::Coverage f = setfn::Coverage::random(n, 2000, 10.0, 0.8, seed);  // sf.coverage defaults
        trace(f, kind, points, k, eps, seed);
    } else {
        using tsr::kit::mix_seed;  // sf.facility: d = 2, 20 clusters, spread 0.05, clients = 50, σ = 0.1
        setfn::FacilityLocation f(setfn::clustered_points(n, 2, 20, 0.05, mix_seed(seed, 1), mix_seed(seed, 2)),
                                  setfn::clustered_points(50, 2, 20, 0.05, mix_seed(seed, 1), mix_seed(seed, 3)), 0.1);
        trace(f, kind, points, k, eps, seed);
    }
    return 0;
}
