// tests/abi/throwing_plugin.cpp — a C++ SDK plugin whose components throw, to see the SDK's
// firewall turn every exception into a status and a message and the host record an error run
// instead of crashing.
//
//   throwing.boom_problem      value() and value_gradient() throw std::runtime_error("boom")
//                              after `good_calls` successful calls
//   throwing.alloc_problem     its constructor throws std::bad_alloc
//   throwing.int_algorithm     run() throws 42 (not a std::exception)
//   throwing.invalid_algorithm run() throws tsr::InvalidArgument
//   throwing.alloc_algorithm   its constructor throws std::bad_alloc
//   throwing.gd                a tiny fixed-step gradient descent (lets exceptions of oracle
//                              calls propagate, as SDK algorithms do)
//   throwing.metric            evaluate() throws std::runtime_error("metric boom")
#include <new>
#include <stdexcept>

#include <tessera/sdk.hpp>

namespace abi_test {

class BoomProblem {
public:
    static constexpr tsr::Info info{"throwing.boom_problem", "1.0.0", "throws from value()"};
    using provides = tsr::Provides<tsr::Objective>;
    struct Params {
        int64_t good_calls = 0;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("good_calls", &Params::good_calls, "calls that succeed before it throws", {.min = 0});
        }
    };
    explicit BoomProblem(const Params& p) : good_(p.good_calls) {}
    int64_t dim() const { return 3; }
    void initial_point(tsr::VecMap x0) const { x0.setOnes(); }
    double value(tsr::CVecMap x) {
        if (calls_++ >= good_) throw std::runtime_error("boom");
        return x.squaredNorm();
    }
    double value_gradient(tsr::CVecMap x, tsr::VecMap g) {
        if (calls_++ >= good_) throw std::runtime_error("boom");
        g = 2 * x;
        return x.squaredNorm();
    }

private:
    int64_t good_, calls_ = 0;
};

class AllocProblem {
public:
    static constexpr tsr::Info info{"throwing.alloc_problem", "1.0.0", "constructor throws std::bad_alloc"};
    using provides = tsr::Provides<tsr::Objective>;
    AllocProblem() { throw std::bad_alloc(); }
    int64_t dim() const { return 1; }
    void initial_point(tsr::VecMap x0) const { x0.setZero(); }
    double value(tsr::CVecMap) { return 0; }
};

class IntAlgorithm {
public:
    static constexpr tsr::Info info{"throwing.int_algorithm", "1.0.0", "run() throws 42"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    void run(tsr::Run& r) {
        r.report(0, 1.0);
        throw 42;
    }
};

class InvalidAlgorithm {
public:
    static constexpr tsr::Info info{"throwing.invalid_algorithm", "1.0.0", "run() throws tsr::InvalidArgument"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    void run(tsr::Run&) { throw tsr::InvalidArgument("step must be positive, got -1"); }
};

class AllocAlgorithm {
public:
    static constexpr tsr::Info info{"throwing.alloc_algorithm", "1.0.0", "constructor throws std::bad_alloc"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    AllocAlgorithm() { throw std::bad_alloc(); }
    void run(tsr::Run&) {}
};

class Gd {
public:
    static constexpr tsr::Info info{"throwing.gd", "1.0.0", "fixed-step gradient descent (SDK)"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    void run(tsr::Run& r) {
        auto f = r.objective();
        tsr::Vec x = f.initial_point(), g(f.dim());
        for (int64_t k = 0; k < 1000 && !r.should_stop(); ++k) {
            const double fx = f.value_gradient(x, g);
            r.put_vector("x", x);
            if (r.report(k, fx)) break;
            x -= 0.1 * g;
        }
        r.put_vector("x", x);
    }
};

class Metric {
public:
    static constexpr tsr::Info info{"throwing.metric", "1.0.0", "evaluate() throws"};
    static constexpr tsr::Output outputs[] = {{"never", TSR_LOWER_IS_BETTER, "never computed"}};
    void evaluate(const tsr::RunRecord&, std::span<double>) { throw std::runtime_error("metric boom"); }
};

TSR_REGISTER(BoomProblem);
TSR_REGISTER(AllocProblem);
TSR_REGISTER(IntAlgorithm);
TSR_REGISTER(InvalidAlgorithm);
TSR_REGISTER(AllocAlgorithm);
TSR_REGISTER(Gd);
TSR_REGISTER(Metric);

}  // namespace abi_test

TSR_PLUGIN("throwing", "1.0.0", "ABI test plugin whose components throw")
