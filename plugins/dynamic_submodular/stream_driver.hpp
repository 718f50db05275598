// stream_driver.hpp — the loop every dynsub algorithm shares: pull updates from tsr.stream.v1,
// hand them to the algorithm (a policy with insert(e) / erase(e) / solution()), hand the current
// solution back to the stream every `report_every` updates (and after the last one), and put a
// few trace points (no objective: values are measured by the metrics, not by the algorithm).
//
// Policy interface:
//   void insert(int64_t e);   void erase(int64_t e);   std::span<const int64_t> solution() const;
//   int64_t restarts() const;   // level rebuilds / greedy recomputations / sieve restarts so far
#pragma once

#include <algorithm>
#include <vector>

#include <tessera/sdk.hpp>

namespace dynsub {

template <class Policy>
void drive_stream(tsr::Run& r, tsr::StreamRef& stream, Policy& algo, int64_t report_every) {
    const int64_t U = stream.length();
    const int64_t trace_every = std::max<int64_t>(1, U / 100);
    std::vector<int64_t> sol;
    int64_t t = 0;
    for (;;) {
        const tsr_stream_update u = stream.next();
        if (u.kind == TSR_UPDATE_END) break;
        if (u.kind == TSR_UPDATE_INSERT)
            algo.insert(u.element);
        else if (u.kind == TSR_UPDATE_DELETE)
            algo.erase(u.element);
        ++t;
        if (t % report_every == 0 || t == U) {
            const auto s = algo.solution();
            sol.assign(s.begin(), s.end());
            stream.solution(sol);
        }
        if (t % trace_every == 0 || t == U) {
            const auto s = algo.solution();
            if (r.report_values(t, {{"solution_size", static_cast<double>(s.size())},
                                    {"restarts", static_cast<double>(algo.restarts())}}))
                break;
        }
        if (r.should_stop()) break;
    }
    r.put_scalar("updates", static_cast<double>(t));
    r.put_scalar("restarts", static_cast<double>(algo.restarts()));
}

// The cardinality k: the algorithm's parameter when > 0, else the problem's constraint.
inline int64_t cardinality(int64_t param_k, const tsr::SetFunctionRef& f) {
    const int64_t k = param_k > 0 ? param_k : f.properties().cardinality;
    if (k < 1) throw tsr::InvalidArgument("no cardinality k: the problem poses none and the parameter k is 0");
    return k;
}

// The batched gains (and the value) of tsr.set_function.v1 as the callable the shared headers take.
struct GainsOracle {
    const tsr::SetFunctionRef* f;
    void operator()(std::span<const int64_t> S, std::span<const int64_t> cand, std::span<double> out) const {
        if (cand.empty()) return;
        tsr::VecMap o(out.data(), static_cast<Eigen::Index>(out.size()));
        f->gains(S, cand, o);
    }
    double value(std::span<const int64_t> S) const { return f->value(S); }
};

}  // namespace dynsub
