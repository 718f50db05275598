// The processes backend: a pool of forked workers, each running one planned run at a time.
//
// Parent → worker: the run's position in `runs` (uint64) on a pipe. Worker → parent: the encoded
// RunResult (uint64 length, then bytes) on another pipe. A worker's stderr goes to a file of its
// own so that the tail of a crashed run's output can be recorded. The parent polls the result
// pipes; end-of-file on one means its worker died: waitpid says how, the run is recorded as
// crashed / out_of_memory, and a fresh worker is forked. A run past its hard wall-clock limit has
// its worker killed (timeout).
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "backend.hpp"
#include "errors.hpp"
#include "provenance.hpp"
#include "wire.hpp"

namespace tsr::host {

namespace {

using clock = std::chrono::steady_clock;

bool write_all(int fd, const void* data, size_t n) {
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
        const ssize_t w = ::write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= static_cast<size_t>(w);
    }
    return true;
}

// Reads exactly n bytes; false on end-of-file or error.
bool read_all(int fd, void* data, size_t n) {
    char* p = static_cast<char*>(data);
    while (n > 0) {
        const ssize_t r = ::read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        p += r;
        n -= static_cast<size_t>(r);
    }
    return true;
}

struct Worker {
    pid_t pid = -1;
    int to = -1;        // job positions, parent → worker
    int from = -1;      // results, worker → parent
    int err = -1;       // the worker's stderr file (parent's descriptor)
    long err_start = 0; // stderr offset when the current run began
    long job = -1;      // position in `runs`, -1 when idle
    clock::time_point started;
};

[[noreturn]] void worker_main(const Registry& reg, const std::vector<const PlannedRun*>& runs,
                              const BackendOptions& opt, int in, int out) {
    if (opt.memory_limit_mb > 0) {
        rlimit lim{};
        lim.rlim_cur = lim.rlim_max = static_cast<rlim_t>(opt.memory_limit_mb) * 1024 * 1024;
        setrlimit(RLIMIT_AS, &lim);
    }
    uint64_t pos;
    while (read_all(in, &pos, sizeof pos)) {
        if (pos >= runs.size()) break;
        const std::string bytes = encode_result(execute_planned(reg, *runs[pos], opt));
        const uint64_t n = bytes.size();
        if (!write_all(out, &n, sizeof n) || !write_all(out, bytes.data(), bytes.size())) break;
        std::fflush(stderr);
    }
    std::_Exit(0);
}

std::string stderr_tail(const Worker& w, size_t max_bytes = 2000) {
    const long end = ::lseek(w.err, 0, SEEK_END);
    if (end <= w.err_start) return "";
    const long start = std::max<long>(w.err_start, end - static_cast<long>(max_bytes));
    std::string s(static_cast<size_t>(end - start), '\0');
    if (::pread(w.err, s.data(), s.size(), start) < 0) return "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

}  // namespace

void run_processes(const Registry& reg, const std::vector<const PlannedRun*>& runs, const BackendOptions& opt,
                   const ResultSink& sink) {
    if (runs.empty()) return;
    std::signal(SIGPIPE, SIG_IGN);  // a dead worker's pipe must not kill the benchmark
    std::fflush(stdout);
    std::fflush(stderr);

    std::vector<Worker> workers;
    auto spawn = [&](Worker& w) {
        int to[2], from[2];
        if (::pipe(to) != 0 || ::pipe(from) != 0) throw std::runtime_error("pipe() failed");
        char name[] = "/tmp/tessera-worker-XXXXXX";
        const int err = ::mkstemp(name);
        if (err < 0) throw std::runtime_error("cannot create a worker's stderr file in /tmp");
        ::unlink(name);  // lives as long as a descriptor does
        const pid_t parent = ::getpid();
        const pid_t pid = ::fork();
        if (pid < 0) throw std::runtime_error("fork() failed");
        if (pid == 0) {
            // A worker dies with the benchmark: a `kill -9` of the parent must not leave a worker
            // spinning in a run and holding the store's lock.
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) std::_Exit(0);
            ::close(to[1]);
            ::close(from[0]);
            // The other workers' pipe ends, inherited from the parent, must go: a worker holding
            // another's job pipe open would keep that one from ever seeing end-of-file.
            for (const Worker& other : workers)
                if (&other != &w && other.pid > 0) ::close(other.to), ::close(other.from), ::close(other.err);
            ::dup2(err, STDERR_FILENO);
            ::dup2(err, STDOUT_FILENO);  // plugin chatter must not mix with the progress display
            worker_main(reg, runs, opt, to[0], from[1]);
        }
        ::close(to[0]);
        ::close(from[1]);
        w = Worker{pid, to[1], from[0], err, 0, -1, {}};
    };
    auto retire = [](Worker& w) {
        ::close(w.to);
        ::close(w.from);
        ::close(w.err);
        w.pid = -1;
    };
    // A run whose worker died or was killed: what the host knows, plus how it ended.
    auto failed = [&](const Worker& w, RunStatus status, const std::string& why) {
        const PlannedRun& p = *runs[static_cast<size_t>(w.job)];
        const std::string tail = stderr_tail(w);
        RunResult r = unfinished_run(p, status, tail.empty() ? why : why + "; stderr tail:\n" + tail);
        r.wall_seconds = std::chrono::duration<double>(clock::now() - w.started).count();
        sink(p, std::move(r));
    };

    const int n_workers = std::max(1, std::min<int>(opt.jobs, static_cast<int>(runs.size())));
    workers.resize(static_cast<size_t>(n_workers));
    for (auto& w : workers) spawn(w);
    size_t next = 0, busy = 0;

    auto assign = [&](Worker& w) {
        const uint64_t pos = next;
        w.job = static_cast<long>(next++);
        w.started = clock::now();
        w.err_start = ::lseek(w.err, 0, SEEK_END);
        ++busy;
        if (!write_all(w.to, &pos, sizeof pos)) {
            // The worker died between runs; the poll below sees its end-of-file.
        }
    };
    // Reap a dead or killed worker, record its run, fork a replacement.
    auto replace = [&](Worker& w, RunStatus status, const std::string& why) {
        int st = 0;
        ::waitpid(w.pid, &st, 0);
        std::string reason = why;
        RunStatus s = status;
        if (reason.empty()) {
            if (WIFSIGNALED(st)) {
                const int sig = WTERMSIG(st);
                reason = fmt::format("crashed: signal {} ({})", sig, strsignal(sig));
                // An unrequested SIGKILL is usually the kernel's out-of-memory killer.
                if (sig == SIGKILL) s = RunStatus::out_of_memory, reason += ", probably the kernel's OOM killer";
            } else {
                reason = fmt::format("the worker exited with status {} in the middle of the run",
                                     WIFEXITED(st) ? WEXITSTATUS(st) : -1);
            }
        }
        failed(w, s, reason);
        --busy;
        retire(w);
        spawn(w);
    };

    while (next < runs.size() || busy > 0) {
        for (auto& w : workers)
            if (w.job < 0 && next < runs.size()) assign(w);
        std::vector<pollfd> fds;
        std::vector<Worker*> who;
        for (auto& w : workers)
            if (w.job >= 0) {
                fds.push_back({w.from, POLLIN, 0});
                who.push_back(&w);
            }
        int wait_ms = 1000;
        if (opt.hard_timeout > 0)
            for (Worker* w : who) {
                const double left = opt.hard_timeout - std::chrono::duration<double>(clock::now() - w->started).count();
                wait_ms = std::min(wait_ms, std::max(0, static_cast<int>(left * 1000) + 1));
            }
        const int ready = ::poll(fds.data(), fds.size(), wait_ms);
        if (ready < 0 && errno != EINTR) throw std::runtime_error("poll() failed");
        for (size_t i = 0; ready > 0 && i < fds.size(); ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            Worker& w = *who[i];
            uint64_t len = 0;
            std::string bytes;
            bool ok = read_all(w.from, &len, sizeof len);
            if (ok) {
                bytes.resize(len);
                ok = read_all(w.from, bytes.data(), len);
            }
            if (!ok) {
                replace(w, RunStatus::crashed, "");
                continue;
            }
            const PlannedRun& p = *runs[static_cast<size_t>(w.job)];
            RunResult r;
            try {
                r = decode_result(bytes);
            } catch (const std::exception& e) {
                replace(w, RunStatus::crashed, std::string("unreadable result from the worker: ") + e.what());
                continue;
            }
            w.job = -1;
            --busy;
            sink(p, std::move(r));
        }
        if (opt.hard_timeout > 0)
            for (auto& w : workers)
                if (w.job >= 0 && std::chrono::duration<double>(clock::now() - w.started).count() > opt.hard_timeout) {
                    ::kill(w.pid, SIGKILL);
                    replace(w, RunStatus::timeout,
                            fmt::format("killed after the hard wall-clock limit of {} s", opt.hard_timeout));
                }
    }
    for (auto& w : workers) {
        ::close(w.to);  // end-of-file: the worker leaves its loop
        int st;
        ::waitpid(w.pid, &st, 0);
        ::close(w.from);
        ::close(w.err);
    }
}

}  // namespace tsr::host
