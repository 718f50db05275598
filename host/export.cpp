// host/export.cpp — CSV and JSON writers for runs; the formats are described in export.hpp.
#include "export.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include <fmt/format.h>

#include "errors.hpp"
#include "tessera/abi.h"
#include "text.hpp"

namespace tsr::host {

namespace fs = std::filesystem;

namespace {

// ---- text and numbers --------------------------------------------------------------------------

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Length of the valid UTF-8 sequence starting at s[i]; 0 when the bytes there are not one.
size_t utf8_length(std::string_view s, size_t i) {
    auto at = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    unsigned char c = at(0);
    size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k)
        if (!is_continuation(at(k))) return 0;
    // Overlong forms, UTF-16 surrogates and code points beyond U+10FFFF.
    if ((c == 0xE0 && at(1) < 0xA0) || (c == 0xED && at(1) > 0x9F) ||
        (c == 0xF0 && at(1) < 0x90) || (c == 0xF4 && at(1) > 0x8F))
        return 0;
    return n;
}

// The text with each byte that is not valid UTF-8 replaced by U+FFFD: a plugin's message is cut
// to a buffer's size, possibly inside a character, and JSON or pandas would reject the file.
std::string valid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        size_t n = utf8_length(s, i);
        out.append(n ? s.substr(i, n) : std::string_view("\xEF\xBF\xBD"));
        i += n ? n : 1;
    }
    return out;
}

using Buffer = fmt::memory_buffer;

void append(Buffer& out, std::string_view text) { out.append(text.data(), text.data() + text.size()); }

// Shortest text that reads back as the same double; nan, inf, -inf in CSV, null in JSON.
void append_double(Buffer& out, double v, bool json) {
    if (json && !std::isfinite(v))
        append(out, "null");  // JSON has no NaN or infinity
    else if (std::isnan(v))
        append(out, "nan");  // not "-nan": one spelling for readers
    else
        fmt::format_to(std::back_inserter(out), "{}", v);
}

std::string direction_name(int32_t direction) {
    switch (direction) {
        case TSR_LOWER_IS_BETTER: return "lower";
        case TSR_HIGHER_IS_BETTER: return "higher";
        case TSR_NO_DIRECTION: return "none";
        default: return std::to_string(direction);
    }
}


// Calls f(value) for each element of the array, as double (f64) or int64_t (integer dtypes).
template <class F>
void for_each_element(const Array& a, F&& f) {
    auto each = [&]<class T>(T) {
        size_t n = a.bytes.size() / sizeof(T);  // never beyond the bytes, whatever the shape says
        for (size_t i = 0; i < n; ++i) {
            T v;
            std::memcpy(&v, a.bytes.data() + i * sizeof(T), sizeof(T));
            if constexpr (std::is_floating_point_v<T>) f(v);
            else f(static_cast<int64_t>(v));
        }
    };
    switch (a.dtype) {
        case TSR_DTYPE_F64: each(double{}); break;
        case TSR_DTYPE_I64: each(int64_t{}); break;
        case TSR_DTYPE_I32: each(int32_t{}); break;
        case TSR_DTYPE_U8: each(uint8_t{}); break;
        default: break;  // the store refuses unknown dtypes
    }
}

// Extra trace columns share a namespace with the fixed ones in both formats; keep them apart.
std::string extra_column_name(const std::string& name) {
    constexpr std::array<std::string_view, 6> fixed{"run_id", "row", "iteration", "evals", "seconds",
                                                    "objective"};
    return std::find(fixed.begin(), fixed.end(), name) != fixed.end() ? "extra." + name : name;
}

// ---- CSV ---------------------------------------------------------------------------------------

class CsvFile {
public:
    CsvFile(const fs::path& file, const std::vector<std::string>& header)
        : file_(file), out_(file, std::ios::binary | std::ios::trunc) {
        if (!out_) throw UsageError(fmt::format("cannot write '{}'", file.string()));
        for (const std::string& h : header) cell(h);
        end_row();
    }

    template <class... T>
    void row(const T&... cells) {
        (cell(cells), ...);
        end_row();
    }

    // Text is quoted when it holds a separator, a quote or a line break (RFC 4180); numbers
    // never need it. An empty optional is an empty cell (pandas reads NaN).
    template <class T>
    void cell(const T& v) {
        if (!first_) buf_.push_back(',');
        first_ = false;
        if constexpr (std::is_same_v<T, std::optional<double>>) {
            if (v) append_double(buf_, *v, false);
        } else if constexpr (std::is_convertible_v<T, std::string_view>) {
            append_text(v);
        } else if constexpr (std::is_floating_point_v<T>) {
            append_double(buf_, v, false);
        } else {
            static_assert(std::is_integral_v<T>, "no CSV form for this type");
            fmt::format_to(std::back_inserter(buf_), "{}", v);
        }
    }

    void end_row() {
        buf_.push_back('\n');
        first_ = true;
        if (buf_.size() > (1 << 16)) flush();
    }

    // Writes what is buffered and checks the file, so a full disk is an error, not a short file.
    void close() {
        flush();
        out_.close();
        if (!out_) throw UsageError(fmt::format("cannot write '{}'", file_.string()));
    }

private:
    void append_text(std::string_view raw) {
        std::string text = valid_utf8(raw);
        if (text.find_first_of(",\"\r\n") == std::string::npos) return append(buf_, text);
        buf_.push_back('"');
        for (char ch : text) {
            if (ch == '"') buf_.push_back('"');
            buf_.push_back(ch);
        }
        buf_.push_back('"');
    }

    void flush() {
        out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
        buf_.clear();
    }

    fs::path file_;
    std::ofstream out_;
    Buffer buf_;
    bool first_ = true;
};

std::string array_values_text(const Array& a) {
    Buffer out;
    for_each_element(a, [&](auto v) {
        if (out.size()) out.push_back(' ');
        if constexpr (std::is_floating_point_v<decltype(v)>) append_double(out, v, false);
        else fmt::format_to(std::back_inserter(out), "{}", v);
    });
    return fmt::to_string(out);
}

// All files of an export, written in one pass over the runs.
struct CsvExport {
    // extra_names: the extra trace columns of the whole store, one CSV column each.
    CsvExport(const fs::path& dir, std::vector<std::string> extra_names)
        : extras(std::move(extra_names)),
          runs(dir / "runs.csv",
               {"id", "run_key", "experiment", "algorithm_label", "problem_label", "instance",
                "repetition", "status", "error", "algorithm_id", "algorithm_version",
                "problem_id", "problem_version", "seed", "max_evals", "max_iterations",
                "max_seconds", "max_threads", "wall_seconds", "cpu_seconds", "peak_rss_kb",
                "total_evals", "started_at", "finished_at", "host_version", "machine",
                "algorithm_library", "algorithm_sha256", "problem_library", "problem_sha256"}),
          components(dir / "components.csv",
                     {"run_id", "role", "position", "id", "version", "library_path", "library_sha256"}),
          params(dir / "params.csv", {"run_id", "role", "component", "name", "value"}),
          metrics(dir / "metrics.csv", {"run_id", "metric", "output", "direction", "value"}),
          trace(dir / "trace.csv", trace_header(extras)),
          counters(dir / "counters.csv", {"run_id", "name", "calls", "units", "seconds"}),
          scalars(dir / "scalars.csv", {"run_id", "name", "value"}),
          arrays(dir / "arrays.csv", {"run_id", "name", "dtype", "shape", "values"}) {}

    static std::vector<std::string> trace_header(const std::vector<std::string>& extra_names) {
        std::vector<std::string> header{"run_id", "row", "iteration", "evals", "seconds", "objective"};
        for (const std::string& name : extra_names) header.push_back(extra_column_name(name));
        return header;
    }

    void write(int64_t id, const RunResult& r) {
        const ComponentUse& a = r.algorithm;
        const ComponentUse& p = r.problem;
        const RunLabels& l = r.labels;
        runs.row(id, r.run_key.value_or(""), l.experiment, l.algorithm, l.problem, l.instance,
                 l.repetition, run_status_name(r.status), r.error, a.id, a.version,
                 p.id, p.version, r.seed, r.budget.max_evals, r.budget.max_iterations,
                 r.budget.max_seconds, r.max_threads, r.wall_seconds, r.cpu_seconds, r.peak_rss_kb,
                 r.total_evals, r.started_at, r.finished_at, r.host_version, r.machine,
                 a.library_path, a.library_sha256, p.library_path, p.library_sha256);
        write_component(id, "algorithm", 0, a);
        write_component(id, "problem", 0, p);
        for (size_t m = 0; m < r.metrics.size(); ++m) write_component(id, "metric", m, r.metrics[m]);
        for (const MetricValue& v : r.metric_values)
            metrics.row(id, v.metric_id, v.name, direction_name(v.direction), v.value);
        write_trace(id, r.trace);
        for (const Counter& c : r.counters) counters.row(id, c.name, c.calls, c.units, c.seconds);
        for (const Scalar& s : r.scalars) scalars.row(id, s.name, s.value);
        for (const Array& x : r.arrays)
            arrays.row(id, x.name, dtype_name(x.dtype), shape_text(x.shape), array_values_text(x));
    }

    void write_component(int64_t id, std::string_view role, size_t position, const ComponentUse& u) {
        components.row(id, role, position, u.id, u.version, u.library_path, u.library_sha256);
        for (const ParamText& p : u.params) params.row(id, role, u.id, p.name, p.value);
    }

    void write_trace(int64_t id, const Trace& t) {
        // Where each of the store's extra columns sits in this run, if it reported it at all.
        std::unordered_map<std::string_view, size_t> own;
        for (size_t c = 0; c < t.columns.size(); ++c) own.emplace(t.columns[c], c);
        std::vector<const std::vector<double>*> cols;
        for (const std::string& name : extras) {
            auto it = own.find(name);
            cols.push_back(it == own.end() ? nullptr : &t.values[it->second]);
        }
        for (size_t i = 0; i < t.size(); ++i) {
            trace.cell(id);
            trace.cell(i);
            trace.cell(t.iteration[i]);
            trace.cell(t.evals[i]);
            trace.cell(t.seconds[i]);
            trace.cell(t.objective[i]);
            for (const auto* col : cols)
                trace.cell(col ? std::optional<double>((*col)[i]) : std::nullopt);
            trace.end_row();
        }
    }

    void close() {
        for (CsvFile* f : {&runs, &components, &params, &metrics, &trace, &counters, &scalars, &arrays})
            f->close();
    }

    std::vector<std::string> extras;
    CsvFile runs, components, params, metrics, trace, counters, scalars, arrays;
};

// ---- JSON --------------------------------------------------------------------------------------

// A streaming writer: it places the commas and colons, the caller the structure.
class Json {
public:
    explicit Json(Buffer& out) : out_(out) {}

    Json& begin_object() { return open('{'); }
    Json& end_object() { return close('}'); }
    Json& begin_array() { return open('['); }
    Json& end_array() { return close(']'); }

    Json& key(std::string_view k) {
        separate();
        string(k);
        out_.push_back(':');
        after_key_ = true;
        return *this;
    }

    template <class T>
    Json& value(const T& v) {
        separate();
        if constexpr (std::is_same_v<T, std::optional<std::string>>) {
            v ? string(*v) : append(out_, "null");
        } else if constexpr (std::is_convertible_v<T, std::string_view>) {
            string(v);
        } else if constexpr (std::is_floating_point_v<T>) {
            append_double(out_, v, true);
        } else {
            static_assert(std::is_integral_v<T>, "no JSON form for this type");
            fmt::format_to(std::back_inserter(out_), "{}", v);
        }
        return *this;
    }

    template <class T>
    Json& field(std::string_view k, const T& v) {
        return key(k).value(v);
    }

    template <class T>
    Json& array_field(std::string_view k, const std::vector<T>& values) {
        key(k).begin_array();
        for (const T& v : values) value(v);
        return end_array();
    }

private:
    Json& open(char c) {
        separate();
        out_.push_back(c);
        first_.push_back(true);
        return *this;
    }
    Json& close(char c) {
        out_.push_back(c);
        first_.pop_back();
        return *this;
    }

    // A comma before every element but the first of its container; none after a key.
    void separate() {
        if (after_key_) {
            after_key_ = false;
        } else if (!first_.empty()) {
            if (!first_.back()) out_.push_back(',');
            first_.back() = false;
        }
    }

    void string(std::string_view raw) {
        out_.push_back('"');
        for (char ch : valid_utf8(raw)) {
            switch (ch) {
                case '"': append(out_, "\\\""); break;
                case '\\': append(out_, "\\\\"); break;
                case '\n': append(out_, "\\n"); break;
                case '\r': append(out_, "\\r"); break;
                case '\t': append(out_, "\\t"); break;
                case '\b': append(out_, "\\b"); break;
                case '\f': append(out_, "\\f"); break;
                default:
                    if (static_cast<unsigned char>(ch) < 0x20)
                        fmt::format_to(std::back_inserter(out_), "\\u{:04x}", static_cast<int>(ch));
                    else
                        out_.push_back(ch);
            }
        }
        out_.push_back('"');
    }

    Buffer& out_;
    std::vector<bool> first_;  // per open container: nothing written in it yet
    bool after_key_ = false;
};

void write_component(Json& j, const ComponentUse& u) {
    j.begin_object().field("id", u.id).field("version", u.version);
    j.field("library_path", u.library_path).field("library_sha256", u.library_sha256);
    j.key("params").begin_object();
    for (const ParamText& p : u.params) j.field(p.name, p.value);
    j.end_object().end_object();
}

void write_trace(Json& j, const Trace& t) {
    j.key("trace").begin_object();
    j.array_field("iteration", t.iteration).array_field("evals", t.evals);
    j.array_field("seconds", t.seconds).array_field("objective", t.objective);
    for (size_t c = 0; c < t.columns.size() && c < t.values.size(); ++c)
        j.array_field(extra_column_name(t.columns[c]), t.values[c]);
    j.end_object();
}

void write_results(Json& j, const RunResult& r) {
    j.key("metric_values").begin_array();
    for (const MetricValue& m : r.metric_values)
        j.begin_object().field("metric", m.metric_id).field("output", m.name)
            .field("direction", direction_name(m.direction)).field("value", m.value).end_object();
    j.end_array();
    j.key("scalars").begin_object();
    for (const Scalar& s : r.scalars) j.field(s.name, s.value);
    j.end_object();
    j.key("counters").begin_array();
    for (const Counter& c : r.counters)
        j.begin_object().field("name", c.name).field("calls", c.calls).field("units", c.units)
            .field("seconds", c.seconds).end_object();
    j.end_array();
    j.key("arrays").begin_array();
    for (const Array& a : r.arrays) {
        j.begin_object().field("name", a.name).field("dtype", dtype_name(a.dtype));
        j.array_field("shape", a.shape).key("data").begin_array();
        for_each_element(a, [&](auto v) { j.value(v); });
        j.end_array().end_object();
    }
    j.end_array();
}

void write_run(Json& j, const RunResult& r, std::optional<int64_t> id) {
    j.begin_object();
    if (id) j.field("id", *id);
    j.field("run_key", r.run_key).key("labels").begin_object();
    j.field("experiment", r.labels.experiment).field("algorithm", r.labels.algorithm);
    j.field("problem", r.labels.problem).field("instance", r.labels.instance);
    j.field("repetition", r.labels.repetition).end_object();
    j.field("status", run_status_name(r.status)).field("error", r.error);
    j.key("algorithm");
    write_component(j, r.algorithm);
    j.key("problem");
    write_component(j, r.problem);
    j.key("metrics").begin_array();
    for (const ComponentUse& m : r.metrics) write_component(j, m);
    j.end_array();
    j.field("seed", r.seed).key("budget").begin_object().field("max_evals", r.budget.max_evals)
        .field("max_iterations", r.budget.max_iterations).field("max_seconds", r.budget.max_seconds)
        .end_object();
    j.field("max_threads", r.max_threads).field("total_evals", r.total_evals);
    j.field("wall_seconds", r.wall_seconds).field("cpu_seconds", r.cpu_seconds);
    j.field("peak_rss_kb", r.peak_rss_kb).field("host_version", r.host_version);
    j.field("machine", r.machine).field("started_at", r.started_at).field("finished_at", r.finished_at);
    write_trace(j, r.trace);
    write_results(j, r);
    j.end_object();
}

std::ofstream open_output(const fs::path& file) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) throw UsageError(fmt::format("cannot write '{}'", file.string()));
    return out;
}

}  // namespace

void export_csv(const Store& store, const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw UsageError(fmt::format("cannot create folder '{}': {}", dir.string(), ec.message()));
    CsvExport csv(dir, store.trace_column_names());
    for (int64_t id : store.run_ids()) csv.write(id, store.load(id));
    csv.close();
}

void export_json(const Store& store, const fs::path& file) {
    std::ofstream out = open_output(file);
    out << "{\"tessera_store_version\":" << store_schema_version << ",\"runs\":[";
    Buffer buf;
    bool first = true;
    for (int64_t id : store.run_ids()) {
        buf.clear();
        Json j(buf);
        write_run(j, store.load(id), id);
        out << (first ? "\n" : ",\n");
        out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
        first = false;
    }
    out << "\n]}\n";
    out.close();
    if (!out) throw UsageError(fmt::format("cannot write '{}'", file.string()));
}

std::string to_json(const RunResult& r) {
    Buffer buf;
    Json j(buf);
    write_run(j, r, std::nullopt);
    return fmt::to_string(buf);
}

}  // namespace tsr::host
