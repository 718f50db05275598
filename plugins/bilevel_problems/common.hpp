// common.hpp — what the bilevel components (problems, baselines, metrics, and the penalty methods
// of plugins/bilevel_penalty) do the same way.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include <tessera/kit/keep_solution.hpp>
#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

namespace bilevel {

using tsr::Vec;

// Runs `body` (the algorithm's loop, which updates x and y in place) and hands x and y over as
// the solution arrays "x" and "y" — also when the host refuses an oracle call because the budget
// is spent (tsr::kit::keep_solution, here with y as well).
template <class Body>
void keep_solution(tsr::Run& r, const Vec& x, const Vec& y, Body&& body) {
    tsr::kit::keep_solution(r, x, [&] {
        try {
            body();
        } catch (const tsr::BudgetExhausted&) {
            r.put_vector("y", y);
            throw;
        }
        r.put_vector("y", y);
    });
}

// A trace point: f and two named values.
struct TracePoint {
    double f;
    tsr::Named first, second;
};

// The iteration loop every bilevel algorithm here shares: for k = 0, …, max_iter, `evaluate(k)`
// computes what iteration k needs and returns its trace point, appended every report_every
// iterations and at the last; then `advance()` moves to k + 1 (not after the last, so the last
// point reported is the one handed over). Stops early when the host says so; hands x and y over
// (keep_solution) and records the scalar "iterations".
template <class Evaluate, class Advance>
void iterate(tsr::Run& r, const Vec& x, const Vec& y, int64_t max_iter, int64_t report_every, Evaluate&& evaluate,
             Advance&& advance) {
    int64_t k = 0;
    keep_solution(r, x, y, [&] {
        for (; k <= max_iter; ++k) {
            if (r.should_stop()) return;
            const TracePoint p = evaluate(k);
            const bool last = k == max_iter;
            if ((k % report_every == 0 || last) && r.report(k, p.f, {p.first, p.second})) return;
            if (last) return;
            advance();
        }
    });
    r.put_scalar("iterations", static_cast<double>(k));
}

// Draws m term indices uniformly from [0, n), with replacement (the i.i.d. sampling of the
// stochastic analyses), into idx. m >= n or m <= 0 gives the full function (idx empty).
inline std::span<const int64_t> draw_batch(tsr::kit::Rng& rng, int64_t n, int64_t m, std::vector<int64_t>& idx) {
    if (m <= 0 || m >= n) return {};
    idx.resize(static_cast<size_t>(m));
    for (int64_t& i : idx) i = static_cast<int64_t>(rng.below(static_cast<uint64_t>(n)));
    return idx;
}

// A box [lo, hi]^d: projection, in place or not.
struct Box {
    double lo, hi;
    void project(tsr::CVecMap v, tsr::VecMap out) const { out = v.cwiseMax(lo).cwiseMin(hi); }
};

}  // namespace bilevel
