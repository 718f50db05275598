// host/report/sweeps.hpp — metrics plotted against a grid parameter ("regret vs the observation
// budget B", "queries per update vs n", "utility ratio vs the number of rankings").
//
// For a parameter P (an algorithm's or a problem's, numeric), each run contributes the point
// (P's value, metric value). Runs are put on one line per method and one figure per instance
// and metric, where method and instance labels are read with their "P=value" part removed: a
// grid over P is one line. Each line is the median over seeds at every P value, with the 25–75%
// quantiles as error bars. Log x when every P > 0 and P spans ≥ 10× (unless linear_x); log y
// when every median > 0 and they span ≥ 100×.
#pragma once

#include <string>
#include <vector>

#include "figures.hpp"

namespace tsr::host::report {

// Appends a figure per (instance, metric column) with at least one line of two or more P values;
// a note when no run has P.
void sweep_figures(const std::vector<RunResult>& runs, const Model& m, const ReportOptions& o, const std::string& param,
                   FigureSet& out);

// A label with its "param=value" grid part removed: "sc[B=10,eta=1]" → "sc[eta=1]", "sc[B=10]" → "sc".
std::string strip_grid_param(const std::string& label, const std::string& param);

}  // namespace tsr::host::report
