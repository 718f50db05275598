// tessera export results.db (--csv DIR | --json FILE)
#include <fmt/format.h>

#include "../errors.hpp"
#include "../export.hpp"
#include "../store.hpp"
#include "command.hpp"

namespace tsr::host::cli {

int cmd_export(const std::vector<std::string>& args) {
    po::options_description d("tessera export");
    std::string db, csv, json;
    d.add_options()("help,h", "show this help")("store", po::value(&db)->required(), "results store (.db)")(
        "csv", po::value(&csv), "write runs.csv, params.csv, metrics.csv, trace.csv, ... into this folder")(
        "json", po::value(&json), "write one JSON document with every run to this file");
    po::positional_options_description pos;
    pos.add("store", 1);
    po::variables_map vm;
    if (!parse(args, d, pos, vm, "tessera export results.db (--csv DIR | --json FILE)")) return 0;
    if (csv.empty() == json.empty()) throw UsageError("give exactly one of --csv DIR or --json FILE");
    if (!std::filesystem::exists(db)) throw UsageError(fmt::format("no results store at '{}'", db));
    Store store(db);
    if (!csv.empty()) {
        export_csv(store, csv);
        fmt::print("exported {} runs to {}/\n", store.count(), csv);
    } else {
        export_json(store, json);
        fmt::print("exported {} runs to {}\n", store.count(), json);
    }
    return 0;
}

}  // namespace tsr::host::cli
