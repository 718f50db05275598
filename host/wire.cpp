#include "wire.hpp"

#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace tsr::host {

namespace {

class Writer {
public:
    template <class T>
        requires std::is_arithmetic_v<T>
    void put(T v) {
        out_.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    void put(const std::string& s) {
        put<uint64_t>(s.size());
        out_ += s;
    }
    template <class T>
    void put(const std::vector<T>& v) {
        put<uint64_t>(v.size());
        if constexpr (std::is_arithmetic_v<T>)
            out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
        else
            for (const auto& x : v) put(x);
    }
    void put(const ParamText& p) { put(p.name), put(p.value); }
    void put(const ComponentUse& c) {
        put(c.id), put(c.version), put(c.library_path), put(c.library_sha256), put(c.params);
    }
    void put(const Array& a) { put(a.name), put(a.dtype), put(a.shape), put(a.bytes); }
    void put(const Scalar& s) { put(s.name), put(s.value); }
    void put(const Counter& c) { put(c.name), put(c.calls), put(c.units), put(c.seconds); }
    void put(const MetricValue& m) { put(m.metric_id), put(m.name), put(m.direction), put(m.value); }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    template <class T>
        requires std::is_arithmetic_v<T>
    void get(T& v) {
        need(sizeof v);
        std::memcpy(&v, in_.data() + pos_, sizeof v);
        pos_ += sizeof v;
    }
    void get(std::string& s) {
        uint64_t n;
        get(n);
        need(n);
        s.assign(in_.data() + pos_, n);
        pos_ += n;
    }
    template <class T>
    void get(std::vector<T>& v) {
        uint64_t n;
        get(n);
        if constexpr (std::is_arithmetic_v<T>) {
            need(n * sizeof(T));
            v.resize(n);
            std::memcpy(v.data(), in_.data() + pos_, n * sizeof(T));
            pos_ += n * sizeof(T);
        } else {
            if (n > in_.size()) throw std::runtime_error("corrupt run record (length)");
            v.resize(n);
            for (auto& x : v) get(x);
        }
    }
    void get(ParamText& p) { get(p.name), get(p.value); }
    void get(ComponentUse& c) {
        get(c.id), get(c.version), get(c.library_path), get(c.library_sha256), get(c.params);
    }
    void get(Array& a) { get(a.name), get(a.dtype), get(a.shape), get(a.bytes); }
    void get(Scalar& s) { get(s.name), get(s.value); }
    void get(Counter& c) { get(c.name), get(c.calls), get(c.units), get(c.seconds); }
    void get(MetricValue& m) { get(m.metric_id), get(m.name), get(m.direction), get(m.value); }
    bool done() const { return pos_ == in_.size(); }

private:
    void need(uint64_t n) const {
        if (n > in_.size() - pos_) throw std::runtime_error("truncated run record");
    }
    std::string_view in_;
    size_t pos_ = 0;
};

constexpr uint32_t kMagic = 0x54535231;  // "TSR1"

}  // namespace

std::string encode_result(const RunResult& r) {
    Writer w;
    w.put(kMagic);
    w.put(r.labels.experiment), w.put(r.labels.algorithm), w.put(r.labels.problem), w.put(r.labels.instance);
    w.put(r.labels.repetition);
    w.put(r.algorithm), w.put(r.problem), w.put(r.metrics);
    w.put(r.seed), w.put(r.budget.max_evals), w.put(r.budget.max_iterations), w.put(r.budget.max_seconds);
    w.put(r.max_threads);
    w.put<uint8_t>(r.run_key.has_value()), w.put(r.run_key.value_or(""));
    w.put(static_cast<int32_t>(r.status)), w.put(r.error);
    const Trace& t = r.trace;
    w.put(t.iteration), w.put(t.evals), w.put(t.seconds), w.put(t.objective), w.put(t.columns), w.put(t.values);
    w.put(r.arrays), w.put(r.scalars), w.put(r.counters), w.put(r.metric_values), w.put(r.total_evals);
    w.put(r.host_version), w.put(r.machine), w.put(r.started_at), w.put(r.finished_at);
    w.put(r.wall_seconds), w.put(r.cpu_seconds), w.put(r.peak_rss_kb);
    return w.take();
}

RunResult decode_result(std::string_view bytes) {
    Reader in(bytes);
    uint32_t magic = 0;
    in.get(magic);
    if (magic != kMagic) throw std::runtime_error("not a run record");
    RunResult r;
    in.get(r.labels.experiment), in.get(r.labels.algorithm), in.get(r.labels.problem), in.get(r.labels.instance);
    in.get(r.labels.repetition);
    in.get(r.algorithm), in.get(r.problem), in.get(r.metrics);
    in.get(r.seed), in.get(r.budget.max_evals), in.get(r.budget.max_iterations), in.get(r.budget.max_seconds);
    in.get(r.max_threads);
    uint8_t has_key;
    std::string key;
    in.get(has_key), in.get(key);
    if (has_key) r.run_key = key;
    int32_t status;
    in.get(status), in.get(r.error);
    if (status < 0 || status > static_cast<int32_t>(RunStatus::out_of_memory)) throw std::runtime_error("bad status");
    r.status = static_cast<RunStatus>(status);
    Trace& t = r.trace;
    in.get(t.iteration), in.get(t.evals), in.get(t.seconds), in.get(t.objective), in.get(t.columns), in.get(t.values);
    in.get(r.arrays), in.get(r.scalars), in.get(r.counters), in.get(r.metric_values), in.get(r.total_evals);
    in.get(r.host_version), in.get(r.machine), in.get(r.started_at), in.get(r.finished_at);
    in.get(r.wall_seconds), in.get(r.cpu_seconds), in.get(r.peak_rss_kb);
    if (!in.done()) throw std::runtime_error("trailing bytes after run record");
    return r;
}

}  // namespace tsr::host
