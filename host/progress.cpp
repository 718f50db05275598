#include "progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>

#include <fmt/format.h>

namespace tsr::host {

std::string format_duration(double s) {
    if (!std::isfinite(s) || s < 0) return "--:--";
    const long t = std::lround(s);
    return t >= 3600 ? fmt::format("{}:{:02}:{:02}", t / 3600, (t / 60) % 60, t % 60)
                     : fmt::format("{:02}:{:02}", t / 60, t % 60);
}

Progress::Progress(size_t total, bool quiet)
    : total_(total), quiet_(quiet || total == 0), tty_(::isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()), last_(start_) {
    draw(true);
}

void Progress::step(bool failed) {
    ++done_;
    failed_ += failed;
    draw(false);
}

void Progress::draw(bool force) {
    if (quiet_) return;
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double since = std::chrono::duration<double>(now - last_).count();
    if (!force && !(tty_ ? since > 0.1 || done_ == total_ : since > 10 || done_ == total_)) return;
    last_ = now;
    const double eta = done_ ? elapsed / double(done_) * double(total_ - done_) : NAN;
    const std::string text = fmt::format("{}/{} runs · {} failed · {} elapsed · ETA {}", done_, total_, failed_,
                                         format_duration(elapsed), format_duration(eta));
    if (tty_) {
        constexpr int width = 30;
        const int fill = total_ ? static_cast<int>(width * done_ / total_) : width;
        fmt::print(stderr, "\r[{}{}] {}\033[K", std::string(static_cast<size_t>(fill), '#'),
                   std::string(static_cast<size_t>(width - fill), '.'), text);
    } else {
        fmt::print(stderr, "progress: {}\n", text);
    }
    std::fflush(stderr);
}

void Progress::finish() {
    if (quiet_) return;
    if (tty_) {
        draw(true);
        fmt::print(stderr, "\n");
    } else if (done_ != total_ || total_ == 0) {
        draw(true);  // the last step already printed the complete line otherwise
    }
}

}  // namespace tsr::host
