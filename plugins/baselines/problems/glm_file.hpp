// glm_file.hpp — the parameters and the loading shared by ls.file and logreg.file: a user's data
// file (CSV → dense rows, LIBSVM → sparse rows, read by tessera/kit/data_file.hpp) turned into a
// GlmProblem's model.
#pragma once

#include <cstdio>
#include <string>

#include "glm.hpp"

namespace baselines {

struct FileParams {
    std::string path;              // required
    std::string format = "auto";
    int64_t label_column = -1;
    std::string header = "auto";
    double lambda = 0.0;
    bool intercept = false;

    template <class P>
    static void add_to(tsr::Schema<P>& s, const char* lambda_help) {
        s.text("path", &P::path, "data file (required): CSV (dense) or LIBSVM (sparse)");
        s.choice("format", &P::format, {"auto", "csv", "libsvm"},
                 "file format; auto: .csv is CSV, .svm/.libsvm is LIBSVM, else sniffed from the first line");
        s.template integer<int64_t>("label_column", &P::label_column,
                                    "CSV only: column holding the label, negative counts from the end (-1 = last)");
        s.choice("header", &P::header, {"auto", "yes", "no"},
                 "CSV only: first line is a header; auto: when one of its fields is not a number");
        s.real("lambda", &P::lambda, lambda_help, {.min = 0.0});
        s.boolean("intercept", &P::intercept,
                  "append a constant-1 feature (its weight is the intercept, regularized like the others)");
    }
};

// What a loss requires of the labels.
enum class LabelKind {
    real,    // any finite number (least squares)
    binary,  // {0, 1} or {−1, +1}, mapped to ±1 (0 → −1) (logistic regression)
};

namespace detail {

inline std::string format_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// Maps binary labels to ±1 in place; any other value is an IoError naming the file and line.
inline void to_plus_minus_one(Vec& y, const std::vector<int64_t>& line, const std::string& path) {
    bool zero_one = false;  // decided by the first label that is 0 or −1
    int64_t decided_at = 0;
    for (int64_t i = 0; i < y.size(); ++i) {
        const double v = y[i];
        const auto where = path + ":" + std::to_string(line[static_cast<size_t>(i)]) + ": ";
        if (v != 0.0 && v != 1.0 && v != -1.0)
            throw tsr::IoError(where + "label " + format_number(v) +
                               " is not a class label: logistic regression expects 0/1 or -1/+1");
        if ((v == 0.0 || v == -1.0) && decided_at == 0) {
            zero_one = v == 0.0;
            decided_at = line[static_cast<size_t>(i)];
        } else if (decided_at != 0 && (zero_one ? v == -1.0 : v == 0.0)) {
            throw tsr::IoError(where + "label " + std::to_string(static_cast<int>(v)) +
                               " mixes label conventions: line " + std::to_string(decided_at) + " has label " +
                               (zero_one ? "0" : "-1") + " (use either 0/1 or -1/+1)");
        }
    }
    for (double& v : y) v = v == 1.0 ? 1.0 : -1.0;
}

inline tsr::kit::HeaderMode header_mode(const std::string& h) {
    if (h == "yes") return tsr::kit::HeaderMode::yes;
    if (h == "no") return tsr::kit::HeaderMode::no;
    return tsr::kit::HeaderMode::automatic;
}

}  // namespace detail

// Reads p.path and builds the model: CSV as a dense Glm, LIBSVM as a sparse Glm.
template <class Loss>
typename GlmProblem<Loss>::Model load_glm(const FileParams& p, LabelKind labels) {
    using tsr::kit::DataFormat;
    if (p.path.empty()) throw tsr::InvalidArgument("parameter 'path' is required: the data file to read");
    const DataFormat fmt = p.format == "csv"      ? DataFormat::csv
                           : p.format == "libsvm" ? DataFormat::libsvm
                                                  : tsr::kit::detect_format(p.path);
    if (fmt == DataFormat::csv) {
        tsr::kit::DenseData data =
            tsr::kit::read_csv(p.path, {.label_column = p.label_column, .header = detail::header_mode(p.header)});
        if (labels == LabelKind::binary) detail::to_plus_minus_one(data.y, data.line, p.path);
        if (p.intercept) {
            data.X.conservativeResize(Eigen::NoChange, data.X.cols() + 1);
            data.X.col(data.X.cols() - 1).setOnes();
        }
        return Glm<Loss, tsr::RowMat>(std::move(data.X), std::move(data.y), p.lambda);
    }
    tsr::kit::SparseData data = tsr::kit::read_libsvm(p.path);
    if (labels == LabelKind::binary) detail::to_plus_minus_one(data.y, data.line, p.path);
    if (p.intercept) {
        using Triplet = Eigen::Triplet<double, SparseRows::StorageIndex>;
        std::vector<Triplet> t;
        t.reserve(static_cast<size_t>(data.X.nonZeros() + data.X.rows()));
        for (int64_t i = 0; i < data.X.outerSize(); ++i) {
            for (SparseRows::InnerIterator it(data.X, i); it; ++it)
                t.emplace_back(static_cast<int>(i), static_cast<int>(it.col()), it.value());
            t.emplace_back(static_cast<int>(i), static_cast<int>(data.X.cols()), 1.0);
        }
        SparseRows X(data.X.rows(), data.X.cols() + 1);
        X.setFromTriplets(t.begin(), t.end());
        data.X = std::move(X);
    }
    return Glm<Loss, SparseRows>(std::move(data.X), std::move(data.y), p.lambda);
}

}  // namespace baselines
