// host/errors.hpp — the host's own errors. UsageError: a user's mistake (bad id, bad parameter, bad file),
// reported as one message that says what was wrong and what would be right. main() prints it and
// exits with status 2.
#pragma once

#include <stdexcept>
#include <string>

namespace tsr::host {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The machine failed the host while it did its job (disk full, store unwritable mid-run): not
// the user's input, not a bug. main() prints it and exits with status 1.
struct EnvironmentError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace tsr::host
