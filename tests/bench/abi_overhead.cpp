// tests/bench/abi_overhead.cpp — what does one objective evaluation cost through the ABI?
//
// Paths, each for a 10-d sphere and a 10-d Rosenbrock (fn.sphere / fn.rosenbrock of the
// baselines plugin, d = 10):
//   (a) direct     the same C++ expression as the plugin's, inlined into the loop
//   (b) c-abi      the plugin's tsr.objective.v1 table: value(obj, x, &f) through the C ABI
//   (c) proxy      the host Proxy wrapping that object (counting, timing, budget 10^15)
//   (d) pagmo      pagmo::problem::fitness on an equivalent inline UDP (if built with pagmo2)
//   (e) batch64    value_batch of m = 64 points per call through the proxy, cost per point
//
// Modes:
//   abi_overhead [--plugin PATH] [--reps R]   ns per evaluation (median of R repetitions of a
//                                             loop sized to ~20 ms), heap allocations per
//                                             evaluation (malloc and operator new counted
//                                             during a separate loop), as a table
//   abi_overhead --callgrind [--calls N]      under `valgrind --tool=callgrind
//                                             --collect-atstart=no`: collects each path over N and
//                                             2N calls and dumps "<path>:<fn>:<calls>" each time;
//                                             (I(2N) − I(N)) / N is instructions per evaluation
// The script tests/bench/run_abi_overhead.sh runs both and prints the one combined table, with
// a check that no instruction executed on the proxy path is an atomic (lock-prefixed) one.
//
// Build: part of the default build when TESSERA_BUILD_BENCH is ON; a plain `ctest` skips it.
//   Run:  tests/bench/run_abi_overhead.sh [build-dir]   or   ninja -C build bench
//         or   cd build && ctest -C bench -L bench -V
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <tessera/iface/objective.h>
#include <tessera/sdk/eigen.hpp>

#include <params.hpp>
#include <proxy.hpp>
#include <registry.hpp>

#if TSR_BENCH_HAVE_PAGMO
#include <pagmo/problem.hpp>
#include <pagmo/types.hpp>
#endif

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define TSR_BENCH_HAVE_CALLGRIND 1
#else
#define TSR_BENCH_HAVE_CALLGRIND 0
#endif

// ---- counting heap allocations ---------------------------------------------------------------

extern "C" {
extern volatile int abi_bench_counting;  // alloc_hook.c
extern unsigned long abi_bench_mallocs;
}
static unsigned long g_news = 0;

void* operator new(std::size_t n) {
    if (abi_bench_counting) ++g_news;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
    if (abi_bench_counting) ++g_news;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    if (abi_bench_counting) ++g_news;
    return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    if (abi_bench_counting) ++g_news;
    return std::malloc(n ? n : 1);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
// Aligned forms (Eigen may use them): counted too.
void* operator new(std::size_t n, std::align_val_t a) {
    if (abi_bench_counting) ++g_news;
    void* p = nullptr;
    if (posix_memalign(&p, std::max(sizeof(void*), static_cast<std::size_t>(a)), n ? n : 1) != 0) throw std::bad_alloc();
    return p;
}
void* operator new[](std::size_t n, std::align_val_t a) { return operator new(n, a); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace {

constexpr int kDim = 10;
constexpr int kBatch = 64;

// Keeps the compiler from hoisting work out of the loop or deleting it (as Google Benchmark's
// DoNotOptimize / ClobberMemory): x may have changed, f is used.
template <class T>
inline void escape(T* p) {
    asm volatile("" : : "g"(p) : "memory");
}
inline void sink(double v) { asm volatile("" : : "x"(v)); }

// ---- the functions, as the plugin computes them ---------------------------------------------

struct SphereFn {
    tsr::Vec x_star = tsr::Vec::Zero(kDim);  // fn.sphere, shift = 0
    double operator()(const double* x, int64_t d) const { return (tsr::CVecMap(x, d) - x_star).squaredNorm(); }
};
struct RosenbrockFn {
    double operator()(const double* px, int64_t d) const {
        tsr::CVecMap x(px, d);
        double f = 0.0;
        for (int64_t i = 0; i + 1 < x.size(); ++i) {
            const double a = x[i + 1] - x[i] * x[i], b = 1.0 - x[i];
            f += 100.0 * a * a + b * b;
        }
        return f;
    }
};

#if TSR_BENCH_HAVE_PAGMO
// The equivalent pagmo2 user-defined problems.
struct SphereUdp {
    SphereFn fn;
    pagmo::vector_double fitness(const pagmo::vector_double& x) const {
        return {fn(x.data(), static_cast<int64_t>(x.size()))};
    }
    std::pair<pagmo::vector_double, pagmo::vector_double> get_bounds() const {
        return {pagmo::vector_double(kDim, -5.0), pagmo::vector_double(kDim, 5.0)};
    }
};
struct RosenbrockUdp {
    RosenbrockFn fn;
    pagmo::vector_double fitness(const pagmo::vector_double& x) const {
        return {fn(x.data(), static_cast<int64_t>(x.size()))};
    }
    std::pair<pagmo::vector_double, pagmo::vector_double> get_bounds() const {
        return {pagmo::vector_double(kDim, -5.0), pagmo::vector_double(kDim, 10.0)};
    }
};
#endif

// ---- the paths ----------------------------------------------------------------------------------

// One benchmark path: `run(n)` performs n evaluations (n / kBatch calls for the batch path) and
// returns a checksum.
struct Path {
    std::string name;
    std::string fn;
    std::function<double(int64_t)> run;
};

struct Plugin {
    tsr::host::Registry reg;
    tsr_object* obj[2] = {nullptr, nullptr};
    const tsr_objective_v1* table[2] = {nullptr, nullptr};
    std::unique_ptr<tsr::host::Proxy> proxy[2];
    const tsr_objective_v1* ptable[2] = {nullptr, nullptr};
};

tsr_object* create(const tsr::host::Registry& reg, const char* id) {
    const tsr::host::Component* c = reg.find(id);
    if (!c) {
        std::fprintf(stderr, "abi_overhead: the plugin has no component %s\n", id);
        std::exit(2);
    }
    const auto ps = tsr::host::ParamSet::resolve(*c, {{"d", std::to_string(kDim)}});
    tsr_create_args args{sizeof(tsr_create_args), static_cast<uint32_t>(ps.abi().size()), ps.abi().data(), 1};
    tsr_object* o = nullptr;
    char err[512] = "";
    if (c->desc->create(c->desc, &args, &o, err, sizeof err) != TSR_OK) {
        std::fprintf(stderr, "abi_overhead: cannot create %s: %s\n", id, err);
        std::exit(2);
    }
    return o;
}

// A point near the Rosenbrock valley, different in every coordinate.
std::vector<double> point() {
    std::vector<double> x(kDim);
    for (int i = 0; i < kDim; ++i) x[static_cast<size_t>(i)] = 0.3 + 0.05 * i;
    return x;
}

std::vector<Path> make_paths(Plugin& p) {
    static std::vector<double> x = point();
    static std::vector<double> X = [] {
        std::vector<double> v;
        for (int k = 0; k < kBatch; ++k)
            for (int i = 0; i < kDim; ++i) v.push_back(0.3 + 0.05 * i + 1e-3 * k);
        return v;
    }();
    static std::vector<double> fb(kBatch);
    static int64_t d = kDim;  // not a compile-time constant, as in the plugin
    static SphereFn sphere;
    static RosenbrockFn rosen;
    escape(&d);

    std::vector<Path> paths;
    const char* fns[2] = {"sphere", "rosenbrock"};
    // (a) direct, inlined
    paths.push_back({"a:direct", "sphere", [](int64_t n) {
                         double s = 0;
                         for (int64_t i = 0; i < n; ++i) {
                             escape(x.data());
                             const double f = sphere(x.data(), d);
                             sink(f);
                             s += f;
                         }
                         return s;
                     }});
    paths.push_back({"a:direct", "rosenbrock", [](int64_t n) {
                         double s = 0;
                         for (int64_t i = 0; i < n; ++i) {
                             escape(x.data());
                             const double f = rosen(x.data(), d);
                             sink(f);
                             s += f;
                         }
                         return s;
                     }});
    // (b) the C ABI, (c) the proxy
    for (int k = 0; k < 2; ++k) {
        tsr_object* o = p.obj[k];
        const tsr_objective_v1* t = p.table[k];
        paths.push_back({"b:c-abi", fns[k], [o, t](int64_t n) {
                             double s = 0, f = 0;
                             for (int64_t i = 0; i < n; ++i) {
                                 escape(x.data());
                                 t->value(o, x.data(), &f);
                                 sink(f);
                                 s += f;
                             }
                             return s;
                         }});
    }
    for (int k = 0; k < 2; ++k) {
        tsr_object* o = p.proxy[k]->object();
        const tsr_objective_v1* t = p.ptable[k];
        paths.push_back({"c:proxy", fns[k], [o, t](int64_t n) {
                             double s = 0, f = 0;
                             for (int64_t i = 0; i < n; ++i) {
                                 escape(x.data());
                                 t->value(o, x.data(), &f);
                                 sink(f);
                                 s += f;
                             }
                             return s;
                         }});
    }
#if TSR_BENCH_HAVE_PAGMO
    static pagmo::problem psphere{SphereUdp{}}, prosen{RosenbrockUdp{}};
    static pagmo::vector_double px(x.begin(), x.end());
    pagmo::problem* probs[2] = {&psphere, &prosen};
    for (int k = 0; k < 2; ++k) {
        pagmo::problem* pr = probs[k];
        paths.push_back({"d:pagmo", fns[k], [pr](int64_t n) {
                             double s = 0;
                             for (int64_t i = 0; i < n; ++i) {
                                 escape(px.data());
                                 const double f = pr->fitness(px)[0];
                                 sink(f);
                                 s += f;
                             }
                             return s;
                         }});
    }
#endif
    // (e) batches of 64 points through the proxy; n counts points
    for (int k = 0; k < 2; ++k) {
        tsr_object* o = p.proxy[k]->object();
        const tsr_objective_v1* t = p.ptable[k];
        paths.push_back({"e:batch64", fns[k], [o, t](int64_t n) {
                             double s = 0;
                             for (int64_t i = 0; i < n; i += kBatch) {
                                 escape(X.data());
                                 t->value_batch(o, kBatch, X.data(), fb.data());
                                 escape(fb.data());
                                 s += fb[0];
                             }
                             return s;
                         }});
    }
    return paths;
}

double seconds_of(const Path& path, int64_t n) {
    const auto t0 = std::chrono::steady_clock::now();
    const double s = path.run(n);
    const auto t1 = std::chrono::steady_clock::now();
    sink(s);
    return std::chrono::duration<double>(t1 - t0).count();
}

int usage() {
    std::fprintf(stderr,
                 "usage: abi_overhead [--plugin PATH] [--reps R] [--callgrind [--calls N]]\n"
                 "  PATH defaults to " TSR_BENCH_BASELINES "\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::string plugin = TSR_BENCH_BASELINES;
    bool callgrind = false;
    int reps = 11;
    int64_t calls = 2048;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--plugin" && i + 1 < argc) plugin = argv[++i];
        else if (a == "--reps" && i + 1 < argc) reps = std::max(1, std::atoi(argv[++i]));
        else if (a == "--callgrind") callgrind = true;
        else if (a == "--calls" && i + 1 < argc) calls = std::max<int64_t>(kBatch, std::atoll(argv[++i]));
        else return usage();
    }
    calls = (calls + kBatch - 1) / kBatch * kBatch;  // whole batches

    Plugin p;
    if (!p.reg.load(plugin)) {
        for (const auto& pr : p.reg.problems()) std::fprintf(stderr, "%s: %s\n", pr.path.c_str(), pr.reason.c_str());
        return 2;
    }
    const char* ids[2] = {"fn.sphere", "fn.rosenbrock"};
    for (int k = 0; k < 2; ++k) {
        p.obj[k] = create(p.reg, ids[k]);
        p.table[k] = static_cast<const tsr_objective_v1*>(p.obj[k]->get_interface(p.obj[k], TSR_OBJECTIVE_V1));
        p.proxy[k] = std::make_unique<tsr::host::Proxy>(p.obj[k], int64_t{1000000000000000});
        tsr_object* po = p.proxy[k]->object();
        p.ptable[k] = static_cast<const tsr_objective_v1*>(po->get_interface(po, TSR_OBJECTIVE_V1));
    }
    std::vector<Path> paths = make_paths(p);

    // Every path computes the same values.
    {
        std::vector<double> x = point();
        double fa = SphereFn{}(x.data(), kDim), fr = RosenbrockFn{}(x.data(), kDim), f = 0;
        p.table[0]->value(p.obj[0], x.data(), &f);
        if (f != fa) std::fprintf(stderr, "warning: sphere through the ABI %.17g != direct %.17g\n", f, fa);
        p.table[1]->value(p.obj[1], x.data(), &f);
        if (f != fr) std::fprintf(stderr, "warning: rosenbrock through the ABI %.17g != direct %.17g\n", f, fr);
    }

    if (callgrind) {
#if TSR_BENCH_HAVE_CALLGRIND
        if (!RUNNING_ON_VALGRIND)
            std::fprintf(stderr, "abi_overhead --callgrind: not running under valgrind; nothing is measured\n");
        for (const Path& path : paths) {
            for (int64_t n : {calls, 2 * calls}) {
                sink(path.run(kBatch * 4));  // warm: lazy binding, caches
                CALLGRIND_ZERO_STATS;
                CALLGRIND_TOGGLE_COLLECT;
                const double s = path.run(n);
                CALLGRIND_TOGGLE_COLLECT;
                const std::string label = path.name + ":" + path.fn + ":" + std::to_string(n);
                CALLGRIND_DUMP_STATS_AT(label.c_str());
                sink(s);
            }
        }
        std::printf("callgrind: %zu paths dumped, N = %lld and 2N\n", paths.size(), static_cast<long long>(calls));
        return 0;
#else
        std::fprintf(stderr, "abi_overhead: built without valgrind/callgrind.h\n");
        return 2;
#endif
    }

    // ns per evaluation: size each loop to ~20 ms, then the median of `reps` repetitions.
    std::printf("# abi_overhead: ns per evaluation, d = %d, median of %d repetitions; allocations per evaluation\n",
                kDim, reps);
    std::printf("%-10s %-11s %10s %10s %12s %12s\n", "path", "function", "ns/eval", "min ns", "new/eval",
                "malloc/eval");
    for (const Path& path : paths) {
        int64_t n = 4096;
        while (seconds_of(path, n) < 0.02 && n < (int64_t{1} << 34)) n *= 2;
        std::vector<double> ns;
        for (int r = 0; r < reps; ++r) ns.push_back(seconds_of(path, n) * 1e9 / static_cast<double>(n));
        std::sort(ns.begin(), ns.end());
        const double median = ns[ns.size() / 2];
        // Allocations during a loop of 65536 evaluations (after a warm-up).
        const int64_t m = 65536;
        sink(path.run(kBatch));
        g_news = 0;
        abi_bench_mallocs = 0;
        abi_bench_counting = 1;
        const double s = path.run(m);
        abi_bench_counting = 0;
        sink(s);
        std::printf("%-10s %-11s %10.2f %10.2f %12.3f %12.3f\n", path.name.c_str(), path.fn.c_str(), median, ns.front(),
                    static_cast<double>(g_news) / static_cast<double>(m),
                    static_cast<double>(abi_bench_mallocs) / static_cast<double>(m));
    }
    const auto sphere_counters = p.proxy[0]->counters();
    for (const auto& c : sphere_counters)
        std::printf("# proxy counted %s: %lld calls, %lld units\n", c.name.c_str(), static_cast<long long>(c.calls),
                    static_cast<long long>(c.units));
    for (int k = 0; k < 2; ++k) {
        p.proxy[k].reset();
        p.obj[k]->destroy(p.obj[k]);
    }
    return 0;
}
