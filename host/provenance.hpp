// host/provenance.hpp — facts about this host and machine recorded with every run.
#pragma once

#include <string>

namespace tsr::host {

std::string host_version();          // "0.1.0 (ABI 1.0)"
std::string machine_description();  // "hostname · Linux 6.1 x86_64 · 2 CPUs · Intel(R) ..."
std::string utc_now_iso8601();       // "2026-11-28T18:40:12.345Z"
double process_cpu_seconds();        // user + system time of this process so far
long peak_rss_kb();                  // high-water resident set size of this process

}  // namespace tsr::host
