#include "gnuplot.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

extern char** environ;

namespace tsr::host::report {

namespace fs = std::filesystem;

namespace {

// A temporary file, removed when this goes out of scope.
struct TempFile {
    fs::path path;
    explicit TempFile(const char* stem) {
        std::string name = (fs::temp_directory_path() / (std::string(stem) + "-XXXXXX")).string();
        const int fd = ::mkostemp(name.data(), O_CLOEXEC);
        if (fd < 0) throw std::runtime_error(fmt::format("cannot create a temporary file: {}", std::strerror(errno)));
        ::close(fd);
        path = name;
    }
    ~TempFile() {
        std::error_code ec;
        fs::remove(path, ec);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
};

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

std::string gp_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "''";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out + "'";
}

GnuplotResult run_gnuplot(const std::string& program, const std::string& script, double timeout_seconds) {
    GnuplotResult res;
    try {
        TempFile in("tessera-gnuplot-script"), out("tessera-gnuplot-out"), err("tessera-gnuplot-err");
        {
            std::ofstream f(in.path, std::ios::binary);
            f << script;
            if (!f.flush()) {
                res.error = "cannot write the gnuplot script to " + in.path.string();
                return res;
            }
        }
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 1, out.path.c_str(), O_WRONLY | O_TRUNC, 0);
        posix_spawn_file_actions_addopen(&fa, 2, err.path.c_str(), O_WRONLY | O_TRUNC, 0);
        std::string arg0 = program, arg1 = in.path.string();
        char* argv[] = {arg0.data(), arg1.data(), nullptr};
        pid_t pid = 0;
        const int rc = ::posix_spawnp(&pid, program.c_str(), &fa, nullptr, argv, environ);
        posix_spawn_file_actions_destroy(&fa);
        if (rc != 0) {
            res.error = fmt::format("cannot run '{}': {}", program, std::strerror(rc));
            return res;
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
        int status = 0;
        auto pause = std::chrono::microseconds(200);
        for (;;) {
            const pid_t w = ::waitpid(pid, &status, WNOHANG);
            if (w == pid) break;
            if (w < 0 && errno != EINTR) {
                res.error = fmt::format("waiting for gnuplot failed: {}", std::strerror(errno));
                return res;
            }
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(pid, SIGKILL);
                while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
                }
                res.error = fmt::format("gnuplot took longer than {} s and was stopped", timeout_seconds);
                return res;
            }
            std::this_thread::sleep_for(pause);
            pause = std::min(pause * 2, std::chrono::microseconds(20000));
        }
        res.output = read_all(out.path);
        const std::string errors = read_all(err.path);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            res.ok = true;
            res.error = errors;  // warnings, if any
        } else if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && errors.empty()) {
            res.error = fmt::format("cannot run '{}'", program);
        } else {
            res.error = fmt::format("gnuplot {}: {}",
                                    WIFEXITED(status) ? fmt::format("exited with status {}", WEXITSTATUS(status))
                                                      : fmt::format("died from signal {}", WTERMSIG(status)),
                                    errors.empty() ? "(no message)" : errors);
        }
    } catch (const std::exception& e) {
        res.error = e.what();
    }
    return res;
}

std::optional<std::string> gnuplot_version(const std::string& program) {
    const GnuplotResult r = run_gnuplot(program, "print sprintf('%.1f patchlevel %s', GPVAL_VERSION, GPVAL_PATCHLEVEL)\n", 20);
    if (!r.ok) return std::nullopt;
    std::string v = r.error;  // print writes to stderr
    while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
    return "gnuplot " + v;
}

bool gnuplot_has_terminal(const std::string& program, const std::string& name) {
    return run_gnuplot(program, "set terminal " + name + "\n", 20).ok;
}

}  // namespace tsr::host::report
