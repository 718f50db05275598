// mw.csv — a user's voting profile from CSV files (read by tessera/kit/data_file.hpp: delimiter
// ',' ';' TAB or blanks, '#' comment lines, no header; every malformed line is an error naming
// file:line):
//   path             the observed rankings: one ranking per line, the m candidate ids 0..m−1
//                    from first to last place (each line a permutation)
//   groups           m values (one per line, or on one line): 1 for a candidate of G2, the group the
//                    bias may work against, else 0
//   utilities        optional: m true utilities (ground truth "utilities": mw.utility_ratio's
//                    utility_ratio)
//   latent_rankings  optional: the unbiased rankings, same layout as `path` (ground truth:
//                    mw.utility_ratio's score_ratio)
// Served as mw.profile (problem.hpp). The seed is not used.
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include <tessera/kit/data_file.hpp>

#include "problem.hpp"

namespace fairmw {

namespace {

// All numbers of a CSV file as a matrix (data_file.hpp splits off a label column: put it back).
tsr::RowMat read_numbers(const std::string& path) {
    tsr::kit::DenseData d = tsr::kit::read_csv(path, {.label_column = -1, .header = tsr::kit::HeaderMode::no});
    tsr::RowMat X(d.X.rows(), d.X.cols() + 1);
    X.leftCols(d.X.cols()) = d.X;
    X.col(d.X.cols()) = d.y;
    return X;
}

// m values in a file, as one column, one row or any mix (separators: ',' ';' blanks; '#' starts
// a comment line). data_file.hpp's reader wants two fields per line, so a list is read here.
tsr::Vec read_vector(const std::string& path, int64_t m, const char* what) {
    std::ifstream in(path);
    if (!in) throw tsr::IoError(path + ": cannot open");
    std::vector<double> values;
    std::string line;
    for (int64_t line_no = 1; std::getline(in, line); ++line_no) {
        if (!line.empty() && line[0] == '#') continue;
        for (char& ch : line)
            if (ch == ',' || ch == ';' || ch == '\t' || ch == '\r') ch = ' ';
        std::istringstream fields(line);
        for (std::string field; fields >> field;) {
            double x = 0.0;
            const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), x);
            if (ec != std::errc() || end != field.data() + field.size() || !std::isfinite(x))
                throw tsr::IoError(path + ":" + std::to_string(line_no) + ": '" + field + "' is not a finite number");
            values.push_back(x);
        }
    }
    if (static_cast<int64_t>(values.size()) != m)
        throw tsr::IoError(path + ": expected " + std::to_string(m) + " " + what + " (one per candidate), found " +
                           std::to_string(values.size()));
    return Eigen::Map<const tsr::Vec>(values.data(), m);
}

}  // namespace

class MwCsvProblem : public MwProblem {
public:
    static constexpr tsr::Info info{"mw.csv", "1.0.0",
                                    "a voting profile from CSV files: rankings, group labels, optionally true "
                                    "utilities and unbiased rankings",
                                    nullptr};
    struct Params {
        std::string path, groups, utilities, latent_rankings;
        static void schema(tsr::Schema<Params>& s) {
            s.text("path", &Params::path,
                   "rankings file (required): one ranking per line, candidate ids 0..m-1 from first to last place");
            s.text("groups", &Params::groups, "group file (required): m labels, 1 = G2 (the disadvantaged group), 0 = G1");
            s.text("utilities", &Params::utilities, "optional: m true utilities (for mw.utility_ratio/utility_ratio)");
            s.text("latent_rankings", &Params::latent_rankings,
                   "optional: the unbiased rankings, same layout as path (for mw.utility_ratio/score_ratio)");
        }
    };

    explicit MwCsvProblem(const Params& p) : MwCsvProblem(load(p)) {}

private:
    struct Loaded {
        tsr::RowMat rankings;
        tsr::Vec groups;
        std::optional<tsr::RowMat> latent;
        std::optional<tsr::Vec> utilities;
    };
    explicit MwCsvProblem(Loaded l)
        : MwProblem(std::move(l.rankings), std::move(l.groups), std::move(l.latent), std::move(l.utilities)) {}

    static Loaded load(const Params& p) {
        if (p.path.empty()) throw tsr::InvalidArgument("parameter 'path' is required: the rankings file");
        if (p.groups.empty()) throw tsr::InvalidArgument("parameter 'groups' is required: the group-label file");
        Loaded l;
        l.rankings = read_numbers(p.path);
        const int64_t m = l.rankings.cols();
        Profile::from_orders(l.rankings, p.path);  // checks every line is a permutation
        l.groups = read_vector(p.groups, m, "group labels");
        group_labels(l.groups, m, p.groups);
        if (!p.utilities.empty()) l.utilities = read_vector(p.utilities, m, "utilities");
        if (!p.latent_rankings.empty()) {
            l.latent = read_numbers(p.latent_rankings);
            if (l.latent->cols() != m)
                throw tsr::IoError(p.latent_rankings + ": expected rankings of " + std::to_string(m) +
                                   " candidates (as in '" + p.path + "'), found " + std::to_string(l.latent->cols()));
            Profile::from_orders(*l.latent, p.latent_rankings);
        }
        return l;
    }
};

TSR_REGISTER(MwCsvProblem);

}  // namespace fairmw
