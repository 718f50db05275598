// tessera/kit/data_file.hpp — reading labelled data sets from CSV and LIBSVM files.
//
//   auto fmt = tsr::kit::detect_format(path);                 // by extension, else by content
//   if (fmt == tsr::kit::DataFormat::csv) {
//       tsr::kit::DenseData d = tsr::kit::read_csv(path, {.label_column = -1});
//       // d.X: n × p row-major features, d.y: n labels, d.line[i]: file line of row i
//   } else {
//       tsr::kit::SparseData d = tsr::kit::read_libsvm(path);  // d.X: Eigen sparse, row-major
//   }
//
// CSV (RFC 4180 subset): one sample per line, every field numeric except an optional header
// line; one column is the label (label_column, negative counts from the end: -1 = last). The
// delimiter is ',' ';' or TAB, or runs of blanks, detected from the first line unless given.
// Fields may be quoted ("1.5"). Blank lines and lines starting with '#' are skipped.
//
// LIBSVM (Chang & Lin, LIBSVM FAQ): `label index:value index:value ... [# comment]`, indices
// 1-based and strictly increasing within a line; `qid:` tokens are ignored. The feature count is
// the largest index, unless LibsvmOptions::n_features fixes it.
//
// Every malformed input raises tsr::IoError naming the file, the line and what was expected:
//   data.csv:17: expected 5 numeric fields, found 4 (field 3, 'abc', is not a number)
// Numbers must be finite: "nan" or "inf" in a data file is an error, not a silent NaN.
//
// Thread rule: pure functions over their arguments; no global state.
#pragma once

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "../sdk/errors.hpp"

namespace tsr::kit {

enum class DataFormat { csv, libsvm };
enum class HeaderMode { automatic, yes, no };

using DenseRows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using SparseRows = Eigen::SparseMatrix<double, Eigen::RowMajor>;

struct CsvOptions {
    int64_t label_column = -1;               // negative counts from the end: -1 is the last column
    // automatic: line 1 is a header when one of its non-empty fields is not a number
    HeaderMode header = HeaderMode::automatic;
    char delimiter = 0;                      // 0: detect ',' then ';' then TAB in line 1, else blanks
};

struct LibsvmOptions {
    int64_t n_features = 0;  // 0: the largest index present; else indices beyond it are errors
};

// Features X (one row per sample), labels y, and for each row the 1-based line of the file it
// came from (for error messages about labels found later).
template <class Matrix>
struct LabeledData {
    Matrix X;
    Eigen::VectorXd y;
    std::vector<int64_t> line;
    std::vector<std::string> feature_names;  // CSV with a header only
};
using DenseData = LabeledData<DenseRows>;
using SparseData = LabeledData<SparseRows>;

namespace detail_data {

inline std::string at(const std::string& path, int64_t line) { return path + ":" + std::to_string(line) + ": "; }

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

// A finite double, the whole of `s` (a leading '+' allowed, as std::strtod does).
inline bool parse_number(std::string_view s, double& v) {
    s = trim(s);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty()) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size() && std::isfinite(v);
}

inline bool parse_index(std::string_view s, int64_t& v) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

// Reads a text file line by line: strips CR, skips blank lines and '#' comment lines, counts lines.
class LineReader {
public:
    explicit LineReader(const std::string& path) : path_(path), in_(path) {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) throw IoError("'" + path + "' is a folder, not a data file");
        if (!in_) throw IoError("cannot open '" + path + "': " + std::strerror(errno));
    }
    bool next() {
        while (std::getline(in_, text_)) {
            ++number_;
            if (!text_.empty() && text_.back() == '\r') text_.pop_back();
            std::string_view t = trim(text_);
            if (t.empty() || t.front() == '#') continue;
            return true;
        }
        if (in_.bad()) throw IoError(path_ + ": read error after line " + std::to_string(number_));
        return false;
    }
    const std::string& text() const { return text_; }
    int64_t number() const { return number_; }

private:
    std::string path_;
    std::ifstream in_;
    std::string text_;
    int64_t number_ = 0;
};

inline char detect_delimiter(std::string_view line) {
    for (char c : {',', ';', '\t'})
        if (line.find(c) != std::string_view::npos) return c;
    return ' ';  // runs of blanks
}

// Splits one CSV line into `out` (views into `line`, or into `scratch` for quoted fields with
// doubled quotes). delim == ' ' splits on runs of blanks.
inline void split_fields(std::string_view line, char delim, std::vector<std::string_view>& out,
                         std::vector<std::string>& scratch) {
    out.clear();
    scratch.clear();
    if (delim == ' ') {
        size_t i = 0;
        while (i < line.size()) {
            while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
            if (i == line.size()) break;
            size_t j = i;
            while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j]))) ++j;
            out.push_back(line.substr(i, j - i));
            i = j;
        }
        return;
    }
    // One string per quoted field at most: reserving that many keeps views into scratch valid.
    scratch.reserve(static_cast<size_t>(std::count(line.begin(), line.end(), '"')) / 2 + 1);
    size_t i = 0;
    for (;;) {
        size_t start = i;
        while (start < line.size() && (line[start] == ' ' || line[start] == '\t') && line[start] != delim) ++start;
        if (start < line.size() && line[start] == '"') {  // quoted field
            std::string& f = scratch.emplace_back();
            size_t k = start + 1;
            for (; k < line.size(); ++k) {
                if (line[k] == '"') {
                    if (k + 1 < line.size() && line[k + 1] == '"') {
                        f.push_back('"');
                        ++k;
                    } else {
                        break;
                    }
                } else {
                    f.push_back(line[k]);
                }
            }
            out.push_back(f);
            i = line.find(delim, k);
        } else {
            size_t end = line.find(delim, start);
            out.push_back(trim(line.substr(start, end == std::string_view::npos ? end : end - start)));
            i = end;
        }
        if (i == std::string_view::npos) break;
        ++i;  // past the delimiter
    }
}

inline std::string lower_extension(const std::string& path) {
    size_t slash = path.find_last_of('/');
    size_t dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
    std::string e = path.substr(dot);
    for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

}  // namespace detail_data

// The format of a data file: `.csv` is CSV; `.svm` and `.libsvm` are LIBSVM; anything else
// (`.txt`, `.dat`, no extension) is sniffed from the first data line: a token after the first
// of the form `index:value` means LIBSVM, otherwise CSV.
inline DataFormat detect_format(const std::string& path) {
    using namespace detail_data;
    const std::string ext = lower_extension(path);
    if (ext == ".csv") return DataFormat::csv;
    if (ext == ".svm" || ext == ".libsvm") return DataFormat::libsvm;
    LineReader r(path);
    if (!r.next()) throw IoError(path + ": the file has no data lines");
    std::string_view t = trim(r.text());
    size_t first_end = t.find_first_of(" \t");
    if (first_end == std::string_view::npos) return DataFormat::csv;
    std::string_view rest = t.substr(first_end);
    return rest.find(':') != std::string_view::npos ? DataFormat::libsvm : DataFormat::csv;
}

// Reads a dense CSV file. Throws IoError (file, line, what was expected) on malformed input and
// InvalidArgument when label_column is outside the file's columns.
inline DenseData read_csv(const std::string& path, const CsvOptions& opt = {}) {
    using namespace detail_data;
    LineReader r(path);
    if (!r.next()) throw IoError(path + ": the file has no data lines");
    const char delim = opt.delimiter ? opt.delimiter : detect_delimiter(r.text());

    std::vector<std::string_view> fields;
    std::vector<std::string> scratch;
    split_fields(r.text(), delim, fields, scratch);
    const int64_t ncols = static_cast<int64_t>(fields.size());
    if (ncols < 2)
        throw IoError(at(path, r.number()) + "expected at least 2 fields (features and a label), found " +
                      std::to_string(ncols));
    const int64_t lc = opt.label_column < 0 ? ncols + opt.label_column : opt.label_column;
    if (lc < 0 || lc >= ncols)
        throw InvalidArgument("label_column " + std::to_string(opt.label_column) + " is outside the " +
                              std::to_string(ncols) + " columns of '" + path + "'");

    DenseData out;
    double v = 0.0;
    bool header = opt.header == HeaderMode::yes;
    if (opt.header == HeaderMode::automatic)
        header = std::any_of(fields.begin(), fields.end(),
                             [&](std::string_view f) { return !f.empty() && !parse_number(f, v); });
    if (header) {
        for (int64_t j = 0; j < ncols; ++j)
            if (j != lc) out.feature_names.emplace_back(fields[static_cast<size_t>(j)]);
    }

    std::vector<double> feats;  // row-major n × (ncols - 1)
    std::vector<double> labels;
    bool have_line = !header;  // the first line is data unless it was a header
    while (have_line || r.next()) {
        have_line = false;
        split_fields(r.text(), delim, fields, scratch);
        if (static_cast<int64_t>(fields.size()) != ncols)
            throw IoError(at(path, r.number()) + "expected " + std::to_string(ncols) + " fields, found " +
                          std::to_string(fields.size()));
        for (int64_t j = 0; j < ncols; ++j) {
            if (!parse_number(fields[static_cast<size_t>(j)], v)) {
                int64_t numeric = 0;
                for (std::string_view f : fields) numeric += parse_number(f, v) ? 1 : 0;
                throw IoError(at(path, r.number()) + "expected " + std::to_string(ncols) +
                              " numeric fields, found " + std::to_string(numeric) + " (field " +
                              std::to_string(j + 1) + ", '" + std::string(fields[static_cast<size_t>(j)]) +
                              "', is not a finite number)");
            }
            if (j == lc) labels.push_back(v);
            else feats.push_back(v);
        }
        out.line.push_back(r.number());
    }
    const int64_t n = static_cast<int64_t>(labels.size());
    if (n == 0) throw IoError(path + ": the file has a header but no data rows");
    out.X = Eigen::Map<const DenseRows>(feats.data(), n, ncols - 1);
    out.y = Eigen::Map<const Eigen::VectorXd>(labels.data(), n);
    return out;
}

// Reads a sparse LIBSVM file. Throws IoError (file, line, what was expected) on malformed input.
inline SparseData read_libsvm(const std::string& path, const LibsvmOptions& opt = {}) {
    using namespace detail_data;
    using Triplet = Eigen::Triplet<double, SparseRows::StorageIndex>;
    constexpr int64_t kMaxIndex = std::numeric_limits<SparseRows::StorageIndex>::max();
    LineReader r(path);
    std::vector<Triplet> entries;
    std::vector<double> labels;
    SparseData out;
    int64_t max_index = 0;
    while (r.next()) {
        std::string_view t = r.text();
        if (size_t hash = t.find('#'); hash != std::string_view::npos) t = t.substr(0, hash);
        t = trim(t);
        const int64_t row = static_cast<int64_t>(labels.size());
        if (row >= kMaxIndex) throw IoError(path + ": more rows than a sparse matrix can index");
        size_t i = 0;
        int64_t previous = 0;
        bool first = true;
        while (i < t.size()) {
            size_t j = t.find_first_of(" \t", i);
            if (j == std::string_view::npos) j = t.size();
            std::string_view tok = t.substr(i, j - i);
            i = t.find_first_not_of(" \t", j);
            if (i == std::string_view::npos) i = t.size();
            double v = 0.0;
            if (first) {
                if (!parse_number(tok, v))
                    throw IoError(at(path, r.number()) + "expected a numeric label first, found '" +
                                  std::string(tok) + "'");
                labels.push_back(v);
                first = false;
                continue;
            }
            if (tok.starts_with("qid:")) continue;
            size_t colon = tok.find(':');
            int64_t idx = 0;
            if (colon == std::string_view::npos || !parse_index(tok.substr(0, colon), idx) ||
                !parse_number(tok.substr(colon + 1), v))
                throw IoError(at(path, r.number()) + "expected index:value (an integer index and a finite number), found '" +
                              std::string(tok) + "'");
            if (idx < 1)
                throw IoError(at(path, r.number()) + "feature index " + std::to_string(idx) +
                              " in '" + std::string(tok) + "': LIBSVM indices start at 1");
            if (idx <= previous)
                throw IoError(at(path, r.number()) + "feature indices must be strictly increasing, found " +
                              std::to_string(idx) + " after " + std::to_string(previous));
            if (opt.n_features > 0 && idx > opt.n_features)
                throw IoError(at(path, r.number()) + "feature index " + std::to_string(idx) +
                              " exceeds n_features = " + std::to_string(opt.n_features));
            if (idx > kMaxIndex) throw IoError(at(path, r.number()) + "feature index too large");
            previous = idx;
            max_index = std::max(max_index, idx);
            if (v != 0.0)
                entries.emplace_back(static_cast<SparseRows::StorageIndex>(row),
                                     static_cast<SparseRows::StorageIndex>(idx - 1), v);
        }
        out.line.push_back(r.number());
    }
    const int64_t n = static_cast<int64_t>(labels.size());
    if (n == 0) throw IoError(path + ": the file has no data lines");
    const int64_t d = opt.n_features > 0 ? opt.n_features : max_index;
    if (d == 0) throw IoError(path + ": no feature has an index:value entry");
    out.X.resize(n, d);
    out.X.setFromTriplets(entries.begin(), entries.end());
    out.X.makeCompressed();
    out.y = Eigen::Map<const Eigen::VectorXd>(labels.data(), n);
    return out;
}

}  // namespace tsr::kit
