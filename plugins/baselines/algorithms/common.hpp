// common.hpp — what every baseline algorithm does the same way.
#pragma once

#include <tessera/sdk.hpp>

namespace baselines {

using tsr::Vec;

// Runs `body` (the algorithm's loop, which updates x in place) and hands x over as the solution
// "x" at the end — also when the host refuses an oracle call because the evaluation budget is
// spent: x is then the last accepted iterate, and BudgetExhausted goes on to the host.
template <class Body>
void keep_solution(tsr::Run& r, const Vec& x, Body&& body) {
    try {
        body();
    } catch (const tsr::BudgetExhausted&) {
        r.put_vector("x", x);
        throw;
    }
    r.put_vector("x", x);
}

// Appends trace point k when it is due (every `every` iterations, and always when `last`).
// Returns true when the host asks the run to stop.
inline bool report_due(tsr::Run& r, int64_t every, int64_t k, bool last, double f,
                       std::initializer_list<tsr::Named> extra) {
    if (k % every == 0 || last) return r.report(k, f, extra);
    return false;
}

}  // namespace baselines
