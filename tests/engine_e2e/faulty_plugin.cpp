// A deliberately faulty algorithm for the benchmark-engine end-to-end tests and benchmarks.
// Built as a plain MODULE into <build>/tests/engine_e2e/plugin/ and loaded with --plugin-path:
// NOT with tessera_add_plugin, so it is neither in build/plugins nor checked by tests/validate.
//
//   faulty.algo   mode = ok        reports `points` trace points (deterministic values), after
//                                  sleeping `sleep_ms` and/or spinning the CPU for `spin_ms`
//                        segfault  raise(SIGSEGV)
//                        abort     std::abort()
//                        loop      an infinite loop that never asks should_stop()
//                        hog       allocates and touches memory until allocation fails
//                        throw     throws std::runtime_error (the SDK turns it into an error)
//                        exit      _exit(3) in the middle of the run
//                        envfail   throws when the environment has TESSERA_FAULTY_FAIL=1, else
//                                  behaves as ok (a failure that goes away: --retry-failed)
//
// Every failing mode writes a line to stderr first, so that the host's "stderr tail" has
// something to show.
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include <tessera/sdk.hpp>

namespace faulty {

class Algo {
public:
    static constexpr tsr::Info info{"faulty.algo", "1.0.0", "misbehaves on request (engine end-to-end tests)"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    struct Params {
        std::string mode = "ok";
        int64_t sleep_ms = 0;
        int64_t spin_ms = 0;
        int64_t points = 10;
        int64_t extra = 0;
        static void schema(tsr::Schema<Params>& s) {
            s.choice("mode", &Params::mode, {"ok", "segfault", "abort", "loop", "hog", "throw", "exit", "envfail"},
                     "how to misbehave");
            s.integer("sleep_ms", &Params::sleep_ms, "sleep this long before reporting (ok mode)", {.min = 0});
            s.integer("spin_ms", &Params::spin_ms, "busy-wait the CPU this long before reporting (ok mode)",
                      {.min = 0});
            s.integer("points", &Params::points, "trace points reported (ok mode)", {.min = 1});
            s.integer("extra", &Params::extra, "extra trace columns per point, 0..4 (ok mode)", {.min = 0, .max = 4});
        }
    };
    explicit Algo(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const std::string& m = p_.mode;
        if (m != "ok" && m != "envfail") {
            std::fprintf(stderr, "faulty.algo: mode %s starting\n", m.c_str());
            std::fflush(stderr);
        }
        if (m == "segfault") {
            std::raise(SIGSEGV);
        } else if (m == "abort") {
            std::abort();
        } else if (m == "loop") {
            volatile uint64_t spin = 0;
            for (;;) spin = spin + 1;  // never asks should_stop()
        } else if (m == "hog") {
            std::vector<std::unique_ptr<char[]>> blocks;
            constexpr size_t block = 32u << 20;
            for (size_t total = 0;; total += block) {
                if (total >= (size_t{16} << 30))  // a safety net when no limit is set: 16 GB
                    throw std::runtime_error("faulty.algo: hog allocated 16 GB without failing");
                blocks.emplace_back(new char[block]);  // std::bad_alloc → status out_of_memory
                std::memset(blocks.back().get(), 0x5a, block);
            }
        } else if (m == "throw") {
            throw std::runtime_error("faulty.algo: deliberate exception in mode throw");
        } else if (m == "exit") {
            ::_exit(3);
        } else if (m == "envfail") {
            const char* e = std::getenv("TESSERA_FAULTY_FAIL");
            if (e && std::string(e) == "1")
                throw std::runtime_error("faulty.algo: TESSERA_FAULTY_FAIL=1 is set");
        }
        ok(r);
    }

private:
    void ok(tsr::Run& r) {
        if (p_.sleep_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(p_.sleep_ms));
        if (p_.spin_ms > 0) {
            const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(p_.spin_ms);
            volatile uint64_t spin = 0;
            while (std::chrono::steady_clock::now() < end)
                for (int i = 0; i < 1000; ++i) spin = spin + 1;
        }
        auto f = r.objective();
        const tsr::Vec x = f.initial_point();
        const double f0 = f.value(x);
        // Deterministic values that depend on the seed: what the stores must reproduce bit for bit.
        uint64_t s = r.seed() | 1;
        auto next = [&s] {
            s ^= s << 13, s ^= s >> 7, s ^= s << 17;
            return static_cast<double>(s >> 11) * 0x1p-53;
        };
        static constexpr const char* names[] = {"a", "b", "c", "d"};
        int64_t k = 0;
        for (; k < p_.points; ++k) {
            const double v = f0 / static_cast<double>(k + 1) + 1e-3 * next();
            bool stop;
            switch (p_.extra) {
                case 0: stop = r.report(k, v); break;
                case 1: stop = r.report(k, v, {{names[0], next()}}); break;
                case 2: stop = r.report(k, v, {{names[0], next()}, {names[1], next()}}); break;
                case 3: stop = r.report(k, v, {{names[0], next()}, {names[1], next()}, {names[2], next()}}); break;
                default:
                    stop = r.report(k, v, {{names[0], next()}, {names[1], next()}, {names[2], next()}, {names[3], next()}});
            }
            if (stop) break;
        }
        r.put_vector("x", x);
        r.put_scalar("points", static_cast<double>(k));
    }

    Params p_;
};

TSR_REGISTER(Algo);

}  // namespace faulty

TSR_PLUGIN("faulty", "0.0.1", "a deliberately faulty algorithm for the engine end-to-end tests")
