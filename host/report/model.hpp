// host/report/model.hpp — the numbers behind a report: runs grouped (per instance by default),
// one row per method, one cell per metric column, with best marks and ranks. The tables, the
// HTML page and the plots are all drawn from one Model; report.hpp explains the rules.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "report.hpp"
#include "stats.hpp"

namespace tsr::host::report {

// A metric output shown as a column. The fallback column "final objective" (the last finite
// trace objective, no direction) stands in when no run has metric values.
struct Column {
    std::string metric_id;  // "" for the final objective
    std::string output;
    int32_t direction = 0;  // TSR_LOWER_IS_BETTER (-1), TSR_HIGHER_IS_BETTER (1), 0: none
    std::string header;     // output name, or "metric_id/output" when two metrics share it
    std::string key() const { return metric_id.empty() ? output : metric_id + "/" + output; }
};

// Statuses that are failures: no values come out of them.
bool is_failure(RunStatus s);
inline constexpr size_t kStatusCount = 8;

struct Cell {
    Summary summary;             // over the finite values
    std::vector<double> values;  // the finite values, in run order (for box plots)
    size_t nonfinite = 0;        // runs whose value was NaN or infinite
    size_t absent = 0;           // runs (not failed) without this metric value
    std::array<size_t, kStatusCount> failed{};  // failed runs by RunStatus
    double center = kNaN;        // mean, or median with ReportOptions::median
    bool best = false;
    double rank = kNaN;          // within the column; NaN for a column without direction
    size_t missing() const;      // runs that gave no value
};

struct Row {
    std::string method;
    size_t method_index = 0;           // in Model::methods (stable colours across plots)
    std::vector<size_t> runs;          // indices into the runs the model was built from
    std::array<size_t, kStatusCount> statuses{};
    std::vector<Cell> cells;           // one per Group::columns
    double rank = kNaN;                // mean rank over the columns with a direction
    bool best_rank = false;
};

struct Group {
    std::string name;
    std::vector<Column> columns;  // the columns some run of the group has
    std::vector<Row> rows;        // methods in first-seen order
    size_t run_count = 0;
};

struct Model {
    std::vector<Group> groups;          // first-seen order
    std::vector<std::string> methods;   // every method, first-seen order
    std::vector<Column> columns;        // every shown column, first-seen order
    size_t runs = 0;                    // runs used
    size_t superseded = 0;              // runs left out: a later run has the same run_key
    bool median = false;
};

Model build_model(const std::vector<RunResult>& runs, const ReportOptions& o);
// The terminal tables of render_tables().
std::string render_model_text(const Model& m, const ReportOptions& o);

// Cell texts. value_text: "1.23e-05 ± 4.1e-06" / "1.2e-05 [1e-05, 1.5e-05]" / "–" (no value);
// missing_text: "" when every run of the row gave a value, else "(n=2)" with the reasons that are
// not failures ("(n=2: 1 NaN)"; failures are named by runs_text: "3 ok, 1 crashed").
std::string value_text(const Cell& c, bool median);
std::string missing_text(const Cell& c);
std::string runs_text(const Row& r);
std::string rank_text(double rank);
// Header text with the direction arrow: "suboptimality ↓".
std::string column_title(const Column& c);

// The per-method summary across groups (only meaningful with several groups).
struct Overall {
    std::string method;
    size_t groups = 0;      // groups the method appears in
    size_t ok = 0, failed = 0;
    double mean_rank = kNaN;  // mean of the per-group ranks
    size_t wins = 0;          // groups where it has the best rank (ties included)
};
std::vector<Overall> overall(const Model& m);

}  // namespace tsr::host::report
