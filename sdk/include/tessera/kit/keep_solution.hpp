// tessera/kit/keep_solution.hpp — hand the iterate over as the run's solution "x" however the
// algorithm's loop ends.
//
//   tsr::Vec x = ...;
//   tsr::kit::keep_solution(r, x, [&] { for (...) { ...update x...; } });
//
// Runs `body` (the loop, which updates x in place) and puts x as the solution "x" at the end —
// also when the host refuses an oracle call because the evaluation budget is spent: x is then
// the last accepted iterate, and BudgetExhausted goes on to the host.
//
// Ownership: borrows r and x for the call. Thread rule: the thread that runs the algorithm.
#pragma once

#include <tessera/sdk.hpp>
#include <tessera/sdk/run.hpp>

namespace tsr::kit {

template <class Body>
void keep_solution(tsr::Run& r, const tsr::Vec& x, Body&& body) {
    try {
        body();
    } catch (const tsr::BudgetExhausted&) {
        r.put_vector("x", x);
        throw;
    }
    r.put_vector("x", x);
}

}  // namespace tsr::kit
