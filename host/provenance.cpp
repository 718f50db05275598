#include "provenance.hpp"

#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <tessera/abi.h>

#ifndef TESSERA_VERSION
#define TESSERA_VERSION "unknown"
#endif

namespace tsr::host {

std::string host_version() { return fmt::format("{} (ABI {}.{})", TESSERA_VERSION, TSR_ABI_MAJOR, TSR_ABI_MINOR); }

std::string machine_description() {
    char host[256] = "unknown";
    gethostname(host, sizeof host - 1);
    utsname u{};
    uname(&u);
    std::string cpu = "unknown CPU";
    std::ifstream info("/proc/cpuinfo");
    for (std::string line; std::getline(info, line);)
        if (line.rfind("model name", 0) == 0) {
            cpu = line.substr(line.find(':') + 2);
            break;
        }
    return fmt::format("{} · {} {} {} · {} CPUs · {}", host, u.sysname, u.release, u.machine,
                       std::thread::hardware_concurrency(), cpu);
}

std::string utc_now_iso8601() {
    const auto now = std::chrono::system_clock::now();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(now)), ms);
}

double process_cpu_seconds() {
    rusage r{};
    getrusage(RUSAGE_SELF, &r);
    return static_cast<double>(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
           1e-6 * static_cast<double>(r.ru_utime.tv_usec + r.ru_stime.tv_usec);
}

long peak_rss_kb() {
    rusage r{};
    getrusage(RUSAGE_SELF, &r);
    return r.ru_maxrss;  // kilobytes on Linux
}

}  // namespace tsr::host
