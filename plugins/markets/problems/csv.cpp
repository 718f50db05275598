// market.csv — a user's market: a CSV file of prices, one column per asset (at least 2), one row
// per period in time order, an optional header line of asset names (detected: a line with a
// non-numeric field), ',' ';' TAB or blanks as delimiter (tsr::kit::read_csv).
//
// Price relatives: X(t, i) = P(t+1, i) / P(t, i) for t = 0..R−2 (R rows of prices give T = R − 1
// periods); every price must be > 0. `first_row` and `days` select a window of the file (days = 0:
// to the end). The seed is not used: the file is the sequence. Ground truth: "price_relatives".
#include <tessera/kit/data_file.hpp>

#include "market.hpp"

namespace markets {

class CsvMarket : public Market {
public:
    static constexpr tsr::Info info{"market.csv", "1.0.0",
                                    "a market read from a CSV file of prices (one column per asset, header optional)",
                                    nullptr};
    struct Params {
        std::string path;
        int64_t first_row = 0;
        int64_t days = 0;
        double transaction_cost = 0.0;
        static void schema(tsr::Schema<Params>& s) {
            s.text("path", &Params::path, "CSV file of prices: one column per asset, one row per period (required)");
            s.integer("first_row", &Params::first_row, "first price row used (0-based, after the header)", {.min = 0});
            s.integer("days", &Params::days, "number of periods T used (0: all to the end of the file)", {.min = 0});
            s.real("transaction_cost", &Params::transaction_cost,
                   "proportional cost gamma: reward += log(1 - gamma/2 ||b_t - b_hat_{t-1}||_1)", {.min = 0.0, .max = 0.5});
        }
    };

    CsvMarket(const Params& p, uint64_t /*seed*/) : Market(read(p), p.transaction_cost) {}

private:
    static tsr::RowMat read(const Params& p) {
        if (p.path.empty()) throw tsr::InvalidArgument("market.csv needs `path`, a CSV file of prices");
        const tsr::kit::DenseData d = tsr::kit::read_csv(p.path, {.label_column = -1});
        // read_csv splits off the last column as a label: put it back as the last asset.
        tsr::RowMat prices(d.X.rows(), d.X.cols() + 1);
        prices.leftCols(d.X.cols()) = d.X;
        prices.col(d.X.cols()) = d.y;
        const int64_t rows = prices.rows();
        if (p.first_row + 1 >= rows)
            throw tsr::InvalidArgument(p.path + ": first_row " + std::to_string(p.first_row) + " leaves fewer than 2 price rows (the file has " +
                                       std::to_string(rows) + ")");
        const int64_t T = p.days > 0 ? p.days : rows - 1 - p.first_row;
        if (p.first_row + T >= rows)
            throw tsr::InvalidArgument(p.path + ": days = " + std::to_string(p.days) + " from row " + std::to_string(p.first_row) +
                                       " needs " + std::to_string(p.first_row + T + 1) + " price rows; the file has " +
                                       std::to_string(rows));
        for (int64_t t = p.first_row; t <= p.first_row + T; ++t)
            for (int64_t i = 0; i < prices.cols(); ++i)
                if (!(prices(t, i) > 0.0))
                    throw tsr::InvalidArgument(p.path + ":" + std::to_string(d.line[static_cast<size_t>(t)]) + ": price of asset " +
                                               std::to_string(i + 1) + " is " + std::to_string(prices(t, i)) + "; prices must be > 0");
        return prices.middleRows(p.first_row + 1, T).cwiseQuotient(prices.middleRows(p.first_row, T));
    }
};

TSR_REGISTER(CsvMarket);

}  // namespace markets
