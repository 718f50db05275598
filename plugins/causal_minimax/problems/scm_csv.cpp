// scm.csv — a user's multi-environment data: a CSV file with a header line, one column naming the
// environment of each row (`env`), one the target (`target`), every other column a covariate (in
// file order: X_1..X_d). The environments listed in `test_envs` are held out: their rows are the
// ground truth the transfer.* metrics score on; the others are the training data. Optionally the
// mutable covariates (`mutable`, names) and the causal graph (`graph`: a CSV file, no header, a
// square 0/1 matrix over the file's columns except the environment column, in file order, 1 at
// [i, j] for i → j), which minimax.subset and minimax.stable_set need (the paper takes both as
// known or finds them with CD-NOD). File syntax: tessera/kit/data_file.hpp (delimiter ',' ';' TAB
// or blanks; '#' comment lines; every malformed line is an error naming file:line).
// Served: as scm.multi_env without "W_true". The seed is not used.
#include <set>
#include <sstream>

#include <tessera/kit/data_file.hpp>

#include "multi_env_problem.hpp"

namespace minimax {

namespace {

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ',')) {
        const auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
        if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    }
    return out;
}

// The header's fields (the first line that is not blank or a '#' comment), split by read_csv's
// own splitter so that quoted names with delimiters or "" escapes count as read_csv counts them.
std::vector<std::string> header_fields(const std::string& path) {
    namespace dd = tsr::kit::detail_data;
    dd::LineReader lines(path);
    if (!lines.next()) throw tsr::IoError(path + ": the file is empty; expected a header line and data");
    std::vector<std::string_view> views;
    std::vector<std::string> scratch;
    dd::split_fields(lines.text(), dd::detect_delimiter(lines.text()), views, scratch);
    return std::vector<std::string>(views.begin(), views.end());
}

}  // namespace

class ScmCsv : public MultiEnvProblem {
public:
    static constexpr tsr::Info info{"scm.csv", "1.0.0",
                                    "multi-environment data from a CSV file (environment and target columns named); "
                                    "held-out environments are the test set",
                                    nullptr};
    struct Params {
        std::string path, target, env, test_envs, mutable_columns, graph;
        static void schema(tsr::Schema<Params>& s) {
            s.text("path", &Params::path, "data file (required): CSV with a header line, one sample per line");
            s.text("target", &Params::target, "name of the target column (required)");
            s.text("env", &Params::env, "name of the environment column (required; numeric ids)");
            s.text("test_envs", &Params::test_envs,
                   "comma-separated environment ids held out for testing (required), e.g. \"4,5\"");
            s.text("mutable", &Params::mutable_columns,
                   "comma-separated names of the mutable covariates (needed by minimax.subset / minimax.stable_set)");
            s.text("graph", &Params::graph,
                   "CSV file (no header): 0/1 adjacency over the data's columns except env, in file order "
                   "(needed by minimax.subset / minimax.stable_set)");
        }
    };

    explicit ScmCsv(const Params& p) : MultiEnvProblem(load(p)) {}

private:
    static MultiEnvData load(const Params& p) {
        for (auto [key, value] : {std::pair{"path", &p.path}, {"target", &p.target}, {"env", &p.env},
                                  {"test_envs", &p.test_envs}})
            if (value->empty()) throw tsr::InvalidArgument(std::string("parameter '") + key + "' is required");
        const std::vector<std::string> names = header_fields(p.path);
        const tsr::kit::DenseData data =
            tsr::kit::read_csv(p.path, {.label_column = -1, .header = tsr::kit::HeaderMode::yes});
        const int64_t cols = data.X.cols() + 1;
        if (static_cast<int64_t>(names.size()) != cols)
            throw tsr::IoError(p.path + ": the header has " + std::to_string(names.size()) + " fields, the data " +
                               std::to_string(cols));
        auto column = [&](const std::string& name) -> int64_t {
            for (int64_t j = 0; j < cols; ++j)
                if (names[j] == name) return j;
            std::string all;
            for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
            throw tsr::InvalidArgument("no column named '" + name + "' in " + p.path + "; its columns are " + all);
        };
        const int64_t c_env = column(p.env), c_y = column(p.target);
        if (c_env == c_y) throw tsr::InvalidArgument("'env' and 'target' name the same column");
        auto value = [&](int64_t r, int64_t j) { return j == cols - 1 ? data.y[r] : data.X(r, j); };
        std::vector<int64_t> cov;  // covariate columns in file order
        for (int64_t j = 0; j < cols; ++j)
            if (j != c_env && j != c_y) cov.push_back(j);
        const int64_t d = static_cast<int64_t>(cov.size());
        if (d < 1) throw tsr::InvalidArgument(p.path + ": no covariate columns besides env and target");
        std::set<double> test;
        for (const std::string& id : split_list(p.test_envs)) {
            double v;
            if (!tsr::kit::detail_data::parse_number(id, v))
                throw tsr::InvalidArgument("test_envs: '" + id + "' is not a number");
            test.insert(v);
        }
        int64_t n_train = 0, n_test = 0;
        for (int64_t r = 0; r < data.X.rows(); ++r) (test.count(value(r, c_env)) ? n_test : n_train)++;
        if (n_test == 0) throw tsr::InvalidArgument("test_envs: no row of " + p.path + " is in these environments");
        if (n_train < 2) throw tsr::InvalidArgument("fewer than 2 training rows once test_envs are held out");
        MultiEnvData out;
        out.X.resize(n_train, d);
        out.y.resize(n_train, 1);
        out.env.resize(n_train, 1);
        out.X_test.resize(n_test, d);
        out.y_test.resize(n_test);
        out.env_test.resize(n_test);
        for (int64_t r = 0, a = 0, b = 0; r < data.X.rows(); ++r) {
            const bool is_test = test.count(value(r, c_env)) > 0;
            for (int64_t k = 0; k < d; ++k) (is_test ? out.X_test(b, k) : out.X(a, k)) = value(r, cov[k]);
            if (is_test) {
                out.y_test[b] = value(r, c_y);
                out.env_test[b++] = value(r, c_env);
            } else {
                out.y(a, 0) = value(r, c_y);
                out.env(a++, 0) = value(r, c_env);
            }
        }
        if (!p.mutable_columns.empty()) {
            RowMat m = RowMat::Zero(1, d);
            for (const std::string& name : split_list(p.mutable_columns)) {
                const int64_t j = column(name);
                const auto it = std::find(cov.begin(), cov.end(), j);
                if (it == cov.end()) throw tsr::InvalidArgument("mutable: '" + name + "' is not a covariate column");
                m(0, it - cov.begin()) = 1.0;
            }
            out.mutables = m;
        }
        if (!p.graph.empty()) out.graph = load_graph(p.graph, cov, c_y, cols, c_env);
        return out;
    }

    // The file's adjacency (over the columns except env, file order) reordered to covariates, Y.
    static RowMat load_graph(const std::string& path, const std::vector<int64_t>& cov, int64_t c_y, int64_t cols,
                             int64_t c_env) {
        const tsr::kit::DenseData g = tsr::kit::read_csv(path, {.label_column = -1, .header = tsr::kit::HeaderMode::no});
        const int64_t k = cols - 1;
        if (g.X.cols() + 1 != k || g.X.rows() != k)
            throw tsr::IoError(path + ": expected a " + std::to_string(k) + " x " + std::to_string(k) +
                               " adjacency matrix (the data's columns except env), found " +
                               std::to_string(g.X.rows()) + " x " + std::to_string(g.X.cols() + 1));
        auto at = [&](int64_t i, int64_t j) { return j == k - 1 ? g.y[i] : g.X(i, j); };
        auto file_index = [&](int64_t col) { return col < c_env ? col : col - 1; };  // env column dropped
        std::vector<int64_t> order;  // node -> file index
        for (int64_t c : cov) order.push_back(file_index(c));
        order.push_back(file_index(c_y));
        const int64_t n = static_cast<int64_t>(order.size());
        RowMat out(n, n);
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < n; ++j) out(i, j) = at(order[i], order[j]) != 0.0 ? 1.0 : 0.0;
        return out;
    }
};

TSR_REGISTER(ScmCsv);

}  // namespace minimax
