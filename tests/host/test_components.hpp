// tests/host/test_components.hpp — small SDK components the unit tests run through the host
// without loading a library: their descriptors come from tsr::detail::describe<...>() and are
// registered with Registry::add_builtin.
//
//   test.quad    problem: f(x) = Σ (x_i − 1)², objective + finite sum + ground truth; its
//                initial point carries its seed (x0[0] = seed mod 1000003); mode=throw|
//                create_throw make it misbehave
//   test.nan     problem: f(x) = NaN
//   test.plain   problem: f(x) = Σ x_i², objective only
//   test.gd      algorithm: gradient descent, finishes by itself (many kinds of parameters)
//   test.loop    algorithm: evaluates and reports until the host says stop
//   test.greedy  algorithm: evaluates without ever asking should_stop (hits the proxy's refusal)
//   test.throw   algorithm: throws (kind=std|tsr|other|bad_alloc)
//   test.sgd     algorithm: needs tsr.finite_sum.v1
//   test.final   metric: the last objective of the trace
#pragma once

#include <cmath>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include <tessera/sdk.hpp>

namespace hosttest {

class Quad {
public:
    static constexpr tsr::Info info{"test.quad", "1.0.0", "sum of (x_i - 1)^2", "a unit test"};
    using provides = tsr::Provides<tsr::Objective, tsr::FiniteSum, tsr::GroundTruth>;
    struct Params {
        int64_t d = 3;
        std::string mode = "ok";
        static void schema(tsr::Schema<Params>& s) {
            s.integer("d", &Params::d, "dimension", {.min = 1, .max = 1000});
            s.choice("mode", &Params::mode, {"ok", "throw", "create_throw"}, "how to misbehave");
        }
    };
    Quad(const Params& p, uint64_t seed) : d_(p.d), mode_(p.mode), seed_(seed) {
        if (mode_ == "create_throw") throw tsr::InvalidArgument("test.quad refuses to be created");
    }
    int64_t dim() const { return d_; }
    int64_t n_terms() const { return d_; }
    void initial_point(tsr::VecMap x0) const {
        x0.setZero();
        x0[0] = static_cast<double>(seed_ % 1000003);
    }
    double value(tsr::CVecMap x) {
        misbehave();
        return (x.array() - 1.0).square().sum();
    }
    double value_gradient(tsr::CVecMap x, tsr::VecMap g) {
        misbehave();
        g = 2.0 * (x.array() - 1.0).matrix();
        return (x.array() - 1.0).square().sum();
    }
    // f_i(x) = d (x_i − 1)², so that the mean over all terms is f.
    double batch_value(tsr::CVecMap x, std::span<const int64_t> idx) {
        misbehave();
        double f = 0;
        for (int64_t i : idx) f += static_cast<double>(d_) * (x[i] - 1) * (x[i] - 1);
        return f / static_cast<double>(idx.size());
    }
    double batch_value_gradient(tsr::CVecMap x, std::span<const int64_t> idx, tsr::VecMap g) {
        g.setZero();
        for (int64_t i : idx) g[i] += 2.0 * static_cast<double>(d_) * (x[i] - 1) / static_cast<double>(idx.size());
        return batch_value(x, idx);
    }
    std::optional<double> truth_scalar(std::string_view name) {
        if (name == "f_star") return 0.0;
        return std::nullopt;
    }
    std::optional<tsr_array> truth_array(std::string_view) { return std::nullopt; }

private:
    void misbehave() const {
        if (mode_ == "throw") throw tsr::NumericError("test.quad: deliberate failure");
    }
    int64_t d_;
    std::string mode_;
    uint64_t seed_;
};

class Plain {
public:
    static constexpr tsr::Info info{"test.plain", "1.0.0", "sum of x_i^2, objective only"};
    using provides = tsr::Provides<tsr::Objective>;
    int64_t dim() const { return 2; }
    void initial_point(tsr::VecMap x0) const { x0.setOnes(); }
    double value(tsr::CVecMap x) { return x.squaredNorm(); }
};

class NanQuad {
public:
    static constexpr tsr::Info info{"test.nan", "1.0.0", "a problem whose value is NaN"};
    using provides = tsr::Provides<tsr::Objective>;
    int64_t dim() const { return 2; }
    void initial_point(tsr::VecMap x0) const { x0.setOnes(); }
    double value(tsr::CVecMap) { return std::numeric_limits<double>::quiet_NaN(); }
    double value_gradient(tsr::CVecMap, tsr::VecMap g) {
        g.setZero();
        return std::numeric_limits<double>::quiet_NaN();
    }
};

class Gd {
public:
    static constexpr tsr::Info info{"test.gd", "1.0.0", "gradient descent", "Cauchy 1847"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    struct Params {
        double lr = 0.25;
        int64_t iters = 50;
        bool verbose = false;
        std::string schedule = "constant";
        std::string note = "hello";
        static void schema(tsr::Schema<Params>& s) {
            s.real("lr", &Params::lr, "step size", {.min = 0.0, .max = 10.0});
            s.integer("iters", &Params::iters, "iterations", {.min = 1});
            s.boolean("verbose", &Params::verbose, "talk");
            s.choice("schedule", &Params::schedule, {"constant", "cosine", "linear"}, "step-size schedule");
            s.text("note", &Params::note, "free text");
        }
    };
    Gd(const Params& p, uint64_t seed) : p_(p), seed_(seed) {}
    void run(tsr::Run& r) {
        auto f = r.objective();
        tsr::Vec x = f.initial_point(), g(f.dim());
        r.put_vector("x0", x);
        r.put_scalar("seed_mod", static_cast<double>(seed_ % 1000003));
        r.put_scalar("run_seed_mod", static_cast<double>(r.seed() % 1000003));
        for (int64_t k = 0; k < p_.iters && !r.should_stop(); ++k) {
            const double fx = f.value_gradient(x, g);
            if (r.report(k, fx, {{"grad_norm", g.norm()}})) break;
            x -= p_.lr * g;
        }
        r.put_vector("x", x);
    }

private:
    Params p_;
    uint64_t seed_;
};

class Loop {
public:
    static constexpr tsr::Info info{"test.loop", "1.0.0", "evaluates until told to stop"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    void run(tsr::Run& r) {
        auto f = r.objective();
        tsr::Vec x = f.initial_point();
        r.put_vector("x0", x);
        for (int64_t k = 0; k < 10'000'000; ++k) {
            const double fx = f.value(x);
            if (r.report(k, fx)) return;
        }
    }
};

class Greedy {
public:
    static constexpr tsr::Info info{"test.greedy", "1.0.0", "never asks whether to stop"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    void run(tsr::Run& r) {
        auto f = r.objective();
        tsr::Vec x = f.initial_point();
        for (int64_t k = 0; k < 10'000'000; ++k) x[0] += 1e-9 * f.value(x);
    }
};

class Throw {
public:
    static constexpr tsr::Info info{"test.throw", "1.0.0", "throws from run"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    struct Params {
        std::string kind = "std";
        static void schema(tsr::Schema<Params>& s) {
            s.choice("kind", &Params::kind, {"std", "tsr", "other", "bad_alloc"}, "what to throw");
        }
    };
    explicit Throw(const Params& p) : kind_(p.kind) {}
    void run(tsr::Run&) {
        if (kind_ == "std") throw std::runtime_error("boom from test.throw");
        if (kind_ == "tsr") throw tsr::IoError("data.csv:3: expected 4 fields");
        if (kind_ == "bad_alloc") throw std::bad_alloc();
        throw 42;
    }

private:
    std::string kind_;
};

class Sgd {
public:
    static constexpr tsr::Info info{"test.sgd", "1.0.0", "minibatch gradient descent"};
    static constexpr const char* needs[] = {TSR_FINITE_SUM_V1};
    void run(tsr::Run& r) {
        auto f = r.finite_sum();
        tsr::Vec x = tsr::Vec::Zero(f.dim()), g(f.dim());
        const int64_t idx[2] = {0, 1};
        for (int64_t k = 0; k < 5 && !r.should_stop(); ++k) {
            const double fx = f.batch_value_gradient(x, idx, g);
            x -= 0.1 * g;
            if (r.report(k, fx)) break;
        }
        r.put_vector("x", x);
    }
};

class Final {
public:
    static constexpr tsr::Info info{"test.final", "1.0.0", "last objective of the trace"};
    static constexpr tsr::Output outputs[] = {{"final", TSR_LOWER_IS_BETTER, "last objective"}};
    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        out[0] = r.trace_size() ? r.trace_objective().back() : std::numeric_limits<double>::quiet_NaN();
    }
};

// A metric that needs an interface no test problem provides.
class NeedsDataset {
public:
    static constexpr tsr::Info info{"test.needs_dataset", "1.0.0", "needs a dataset"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    static constexpr tsr::Output outputs[] = {{"rows", TSR_NO_DIRECTION, "rows"}};
    void evaluate(const tsr::RunRecord&, std::span<double> out) { out[0] = 0; }
};

// The plugin descriptor of all of the above, built once.
inline const tsr_plugin_desc* plugin() {
    static const std::vector<const tsr_component_desc*> components = {
        tsr::detail::describe<Quad>(),   tsr::detail::describe<Plain>(),  tsr::detail::describe<NanQuad>(),
        tsr::detail::describe<Gd>(),     tsr::detail::describe<Loop>(),   tsr::detail::describe<Greedy>(),
        tsr::detail::describe<Throw>(),  tsr::detail::describe<Sgd>(),    tsr::detail::describe<Final>(),
        tsr::detail::describe<NeedsDataset>()};
    static const tsr_plugin_desc desc = {sizeof(tsr_plugin_desc),
                                         TSR_ABI_MAJOR,
                                         TSR_ABI_MINOR,
                                         static_cast<uint32_t>(components.size()),
                                         "hosttest",
                                         "0.0.1",
                                         "components of the host unit tests",
                                         components.data()};
    return &desc;
}

}  // namespace hosttest
