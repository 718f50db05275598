// tessera/sdk/errors.hpp — C++ exceptions that map one-to-one onto ABI status codes.
//
// Plugin code throws these (or any std::exception); the SDK's firewall (firewall.hpp) turns them
// into a status and a message at the ABI boundary. Algorithm code receives them when an oracle
// call through the host fails: BudgetExhausted when the proxy refuses an evaluation.
#pragma once

#include <stdexcept>
#include <string>

#include "../abi.h"

namespace tsr {

class Error : public std::runtime_error {
public:
    Error(tsr_status code, const std::string& message) : std::runtime_error(message), code_(code) {}
    tsr_status code() const noexcept { return code_; }

private:
    tsr_status code_;
};

struct InvalidArgument : Error {
    explicit InvalidArgument(const std::string& m) : Error(TSR_ERR_INVALID_ARGUMENT, m) {}
};
struct Unsupported : Error {
    explicit Unsupported(const std::string& m) : Error(TSR_ERR_UNSUPPORTED, m) {}
};
struct NotFound : Error {
    explicit NotFound(const std::string& m) : Error(TSR_ERR_NOT_FOUND, m) {}
};
struct IoError : Error {
    explicit IoError(const std::string& m) : Error(TSR_ERR_IO, m) {}
};
struct NumericError : Error {
    explicit NumericError(const std::string& m) : Error(TSR_ERR_NUMERIC, m) {}
};
// The host proxy refused an oracle call: the evaluation budget is spent. Algorithms normally let
// it propagate; the run ends with status TSR_BUDGET_EXHAUSTED and keeps its trace.
struct BudgetExhausted : Error {
    explicit BudgetExhausted(const std::string& m) : Error(TSR_BUDGET_EXHAUSTED, m) {}
};
struct Stopped : Error {
    explicit Stopped(const std::string& m) : Error(TSR_STOPPED, m) {}
};

// Throws the exception matching `status`, with `message`. Used on the calling side of the ABI.
[[noreturn]] inline void throw_status(tsr_status status, const std::string& message) {
    switch (status) {
        case TSR_ERR_INVALID_ARGUMENT: throw InvalidArgument(message);
        case TSR_ERR_UNSUPPORTED: throw Unsupported(message);
        case TSR_ERR_NOT_FOUND: throw NotFound(message);
        case TSR_ERR_IO: throw IoError(message);
        case TSR_ERR_NUMERIC: throw NumericError(message);
        case TSR_BUDGET_EXHAUSTED: throw BudgetExhausted(message);
        case TSR_STOPPED: throw Stopped(message);
        default: throw Error(status, message);
    }
}

// Reads the last error of `obj` and throws it. Cold path of every checked call.
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_object_error(tsr_status status,
                                                                     const tsr_object* obj) {
    std::string message;
    if (obj && obj->copy_error) {
        char buf[512];
        uint32_t n = obj->copy_error(obj, buf, sizeof buf);
        message.assign(buf, n < sizeof buf ? n : sizeof buf - 1);
    }
    if (message.empty()) message = "status " + std::to_string(status);
    throw_status(status, message);
}

inline void check(tsr_status status, const tsr_object* obj) {
    if (status != TSR_OK) [[unlikely]]
        throw_object_error(status, obj);
}

// Text of a status code, for messages.
inline const char* status_name(tsr_status s) noexcept {
    switch (s) {
        case TSR_OK: return "ok";
        case TSR_ERR_INVALID_ARGUMENT: return "invalid argument";
        case TSR_ERR_UNSUPPORTED: return "unsupported";
        case TSR_ERR_OUT_OF_MEMORY: return "out of memory";
        case TSR_ERR_RUNTIME: return "runtime error";
        case TSR_ERR_NOT_FOUND: return "not found";
        case TSR_ERR_IO: return "i/o error";
        case TSR_BUDGET_EXHAUSTED: return "budget exhausted";
        case TSR_STOPPED: return "stopped";
        case TSR_ERR_NUMERIC: return "numeric error";
        default: return "unknown status";
    }
}

}  // namespace tsr
