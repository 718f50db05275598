// host/report/gnuplot.hpp — running gnuplot as a child process.
//
// The script goes to a temporary file, gnuplot's standard output and error to two more; the
// child is waited for with a deadline and killed past it, so a report never hangs on a plot.
// Thread rule: calls may run concurrently (each has its own files).
#pragma once

#include <optional>
#include <string>

namespace tsr::host::report {

struct GnuplotResult {
    bool ok = false;
    std::string output;  // standard output (an SVG when the script sets no output file)
    std::string error;   // why it failed: gnuplot's stderr, its exit status, or a spawn error
};

// Runs `program` (a name looked up in PATH, or a path) on `script`.
GnuplotResult run_gnuplot(const std::string& program, const std::string& script, double timeout_seconds = 60);

// "gnuplot 5.4 patchlevel 4", or nullopt when `program` cannot be run.
std::optional<std::string> gnuplot_version(const std::string& program);

// Whether gnuplot knows the terminal `name` ("svg", "pngcairo").
bool gnuplot_has_terminal(const std::string& program, const std::string& name);

// A gnuplot single-quoted string literal (no escapes inside; ' doubled).
std::string gp_quote(const std::string& s);

}  // namespace tsr::host::report
