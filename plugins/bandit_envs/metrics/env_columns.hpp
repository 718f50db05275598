// env_columns.hpp — what the regret metrics read the same way: the env.* trace columns the host
// adds to every run on a tsr.env.v1 problem (env.steps, env.reward, env.switches, env.regret,
// env.pseudo_regret; see iface/env.h), and the run's oracle counters.
#pragma once

#include <limits>
#include <optional>
#include <span>
#include <string_view>

#include <tessera/sdk.hpp>

namespace bandit_envs {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The last value of trace column `name`, NaN when the run has no such column or no trace point.
inline double last_value(const tsr::RunRecord& r, std::string_view name) {
    const std::optional<std::span<const double>> c = r.trace_column(name);
    return c && !c->empty() ? c->back() : kNaN;
}

// The units the run spent on the oracle counter `name` (0 when it never called it).
inline double counter_units(const tsr::RunRecord& r, std::string_view name) {
    for (const tsr_counter& c : r.counters())
        if (c.name && name == c.name) return static_cast<double>(c.units);
    return 0.0;
}

}  // namespace bandit_envs
