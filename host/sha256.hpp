// host/sha256.hpp — SHA-256 (FIPS 180-4) of a file, for run provenance (which exact library
// produced a result). Small enough to own rather than pull in a crypto library.
#pragma once

#include <filesystem>
#include <string>

namespace tsr::host {

// Lower-case hex digest of the file's bytes; throws UsageError when it cannot be read.
std::string sha256_file(const std::filesystem::path& file);
// Lower-case hex digest of a byte string.
std::string sha256_hex(std::string_view bytes);

}  // namespace tsr::host
