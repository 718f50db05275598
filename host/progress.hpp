// host/progress.hpp — progress of a long benchmark on stderr.
//
// On a terminal: one self-rewriting line with a bar, runs done/total, failures, elapsed and ETA.
// Not a terminal (CI logs, files): a plain line at most every 10 s and at the end. Quiet: nothing.
#pragma once

#include <chrono>
#include <string>

namespace tsr::host {

class Progress {
public:
    Progress(size_t total, bool quiet);
    // One run finished (failed: error, crashed, timeout, out of memory).
    void step(bool failed);
    // Ends the line on a terminal; prints the final summary otherwise.
    void finish();

private:
    void draw(bool force);
    size_t total_, done_ = 0, failed_ = 0;
    bool quiet_, tty_;
    std::chrono::steady_clock::time_point start_, last_;
};

std::string format_duration(double seconds);  // "1:02:03", "02:03"

}  // namespace tsr::host
