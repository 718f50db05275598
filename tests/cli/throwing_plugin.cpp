// A plugin of misbehaving components for the CLI tests (built here, loaded with --plugin-path;
// deliberately NOT built with tessera_add_plugin, so it is neither in build/plugins nor checked
// by tests/validate):
//   clitest.throws         algorithm that throws std::runtime_error from run()
//   clitest.throws_int     algorithm that throws an int (not a std::exception)
//   clitest.refuses        problem whose creation fails with tsr::InvalidArgument
//   clitest.metric_throws  metric that throws from evaluate()
#include <stdexcept>

#include <tessera/sdk.hpp>

namespace clitest {

class Throws {
public:
    static constexpr tsr::Info info{"clitest.throws", "1.0.0", "throws std::runtime_error from run"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    void run(tsr::Run& r) {
        auto f = r.objective();
        tsr::Vec x = f.initial_point();
        r.report(0, f.value(x));
        throw std::runtime_error("clitest.throws: deliberate exception in run()");
    }
};

class ThrowsInt {
public:
    static constexpr tsr::Info info{"clitest.throws_int", "1.0.0", "throws an int from run"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    void run(tsr::Run&) { throw 42; }
};

class Refuses {
public:
    static constexpr tsr::Info info{"clitest.refuses", "1.0.0", "a problem that cannot be created"};
    using provides = tsr::Provides<tsr::Objective>;
    Refuses() { throw tsr::InvalidArgument("clitest.refuses: this instance cannot be built"); }
    int64_t dim() const { return 1; }
    void initial_point(tsr::VecMap x0) const { x0.setZero(); }
    double value(tsr::CVecMap x) { return x.squaredNorm(); }
};

class MetricThrows {
public:
    static constexpr tsr::Info info{"clitest.metric_throws", "1.0.0", "a metric that throws"};
    static constexpr tsr::Output outputs[] = {{"value", TSR_LOWER_IS_BETTER, "never computed"}};
    void evaluate(const tsr::RunRecord&, std::span<double>) {
        throw std::logic_error("clitest.metric_throws: deliberate exception in evaluate()");
    }
};

TSR_REGISTER(Throws);
TSR_REGISTER(ThrowsInt);
TSR_REGISTER(Refuses);
TSR_REGISTER(MetricThrows);

}  // namespace clitest

TSR_PLUGIN("clitest", "0.0.1", "misbehaving components for the CLI tests")
