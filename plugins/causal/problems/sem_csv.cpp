// sem.csv — a user's observational data for structure learning: the rows of a CSV file are the
// samples, its columns the d variables (header line optional), read by tessera/kit/data_file.hpp
// (delimiter ',' ';' TAB or blanks; '#' comment lines; every malformed line is an error naming
// file:line). Optionally `truth`, a CSV file holding a d × d adjacency matrix (W[i,j] != 0 meaning
// column i → column j; weighted or 0/1), served as ground truth "W_true" for the dag.* metrics.
// Served: dataset "X" (n × d). The seed is not used.
#include <tessera/kit/data_file.hpp>

#include "sem_problem.hpp"

namespace causal {

namespace {

tsr::kit::HeaderMode header_mode(const std::string& h) {
    if (h == "yes") return tsr::kit::HeaderMode::yes;
    if (h == "no") return tsr::kit::HeaderMode::no;
    return tsr::kit::HeaderMode::automatic;
}

// All columns of a CSV file as one matrix (data_file.hpp splits off a label column: put it back
// as the last column, where it was), with the file line of each row.
RowMat read_all_columns(const std::string& path, tsr::kit::HeaderMode header, std::vector<int64_t>* lines = nullptr) {
    tsr::kit::DenseData data = tsr::kit::read_csv(path, {.label_column = -1, .header = header});
    RowMat X(data.X.rows(), data.X.cols() + 1);
    X.leftCols(data.X.cols()) = data.X;
    X.col(data.X.cols()) = data.y;
    if (lines) *lines = std::move(data.line);
    return X;
}

}  // namespace

class SemCsv : public SemProblem {
public:
    static constexpr tsr::Info info{"sem.csv", "1.0.0",
                                    "observational data from a CSV file (rows: samples, columns: variables), "
                                    "optionally with a ground-truth adjacency",
                                    nullptr};
    struct Params {
        std::string path;
        std::string header = "auto";
        std::string truth;
        static void schema(tsr::Schema<Params>& s) {
            s.text("path", &Params::path, "data file (required): CSV, one sample per line, one column per variable");
            s.choice("header", &Params::header, {"auto", "yes", "no"},
                     "first line is a header; auto: when one of its fields is not a number");
            s.text("truth", &Params::truth,
                   "optional CSV file with the true d x d adjacency (W[i,j] != 0: column i -> column j), no header");
        }
    };

    explicit SemCsv(const Params& p) : SemCsv(load(p)) {}

private:
    struct Loaded {
        RowMat X;
        std::optional<RowMat> W;
    };
    explicit SemCsv(Loaded l) : SemProblem(std::move(l.X), std::move(l.W), std::nullopt) {}

    static Loaded load(const Params& p) {
        if (p.path.empty()) throw tsr::InvalidArgument("parameter 'path' is required: the data file to read");
        Loaded l{read_all_columns(p.path, header_mode(p.header)), std::nullopt};
        if (!p.truth.empty()) l.W = load_truth(p, l.X.cols());
        return l;
    }

    static RowMat load_truth(const Params& p, int64_t d) {
        std::vector<int64_t> lines;
        RowMat W = read_all_columns(p.truth, tsr::kit::HeaderMode::no, &lines);
        if (W.cols() != d)
            throw tsr::IoError(p.truth + ":" + std::to_string(lines.front()) + ": expected " + std::to_string(d) +
                               " columns (one per variable of '" + p.path + "'), found " + std::to_string(W.cols()));
        if (W.rows() != d)
            throw tsr::IoError(p.truth + ":" + std::to_string(lines.back()) + ": expected a " + std::to_string(d) +
                               " x " + std::to_string(d) + " adjacency matrix, found " + std::to_string(W.rows()) +
                               " rows");
        return W;
    }
};

TSR_REGISTER(SemCsv);

}  // namespace causal
