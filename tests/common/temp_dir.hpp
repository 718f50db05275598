// tests/common/temp_dir.hpp — a fresh folder per test process under the system temp dir,
// removed when the process ends. Shared by the test executables that write files.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace tsrtest {

// The folder "<tmp>/tessera-<what>-<pid>", created on first use; one per process (the first
// call's `what` names it).
inline const std::filesystem::path& temp_dir(const char* what) {
    static const std::filesystem::path dir = [what] {
        std::filesystem::path d =
            std::filesystem::temp_directory_path() / ("tessera-" + std::string(what) + "-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    static const struct Cleanup {
        ~Cleanup() {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    } cleanup;
    return dir;
}

}  // namespace tsrtest
