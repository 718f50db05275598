// tessera merge a.db b.db ... --out all.db — stores of shards (or of several machines) into one.
//
// Runs with a run key appear once: a finished run wins over a failed one with the same key, and
// the first finished one over later ones. Runs without a key (lone `tessera run`s) are compared
// by content, so merging twice changes nothing.
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "../bench.hpp"
#include "../errors.hpp"
#include "../sha256.hpp"
#include "../store.hpp"
#include "../wire.hpp"
#include "command.hpp"

namespace tsr::host::cli {

int cmd_merge(const std::vector<std::string>& args) {
    po::options_description d("tessera merge");
    std::vector<std::string> inputs;
    std::string out;
    d.add_options()("help,h", "show this help")("inputs", po::value(&inputs)->required()->multitoken(),
                                                "stores to merge")(
        "out,o", po::value(&out)->required(), "the merged store (created, or added to)");
    po::positional_options_description pos;
    pos.add("inputs", -1);
    po::variables_map vm;
    if (!parse(args, d, pos, vm, "tessera merge a.db b.db ... --out all.db")) return 0;
    namespace fs = std::filesystem;
    for (const auto& in : inputs) {
        if (!fs::is_regular_file(in)) throw UsageError(fmt::format("no results store at '{}'", in));
        std::error_code ec;
        if (fs::equivalent(in, out, ec)) throw UsageError(fmt::format("'{}' is both an input and --out", in));
    }
    Store target(out);
    auto status = target.statuses_by_key();
    std::set<std::string> keyless;  // content hashes of the target's runs without a key
    for (int64_t id : target.run_ids()) {
        RunResult r = target.load(id);
        if (!r.run_key) keyless.insert(sha256_hex(encode_result(r)));
    }
    size_t added = 0, skipped = 0;
    for (const auto& in : inputs) {
        Store source(in);
        for (int64_t id : source.run_ids()) {
            RunResult r = source.load(id);
            bool take;
            if (r.run_key) {
                const auto it = status.find(*r.run_key);
                take = it == status.end() || (is_failed_status(it->second) && !is_failed_status(r.status));
                if (take) status[*r.run_key] = r.status;
            } else {
                take = keyless.insert(sha256_hex(encode_result(r))).second;
            }
            if (take) target.save(r), ++added;
            else ++skipped;
        }
    }
    fmt::print("merged {} stores into {}: {} runs added, {} already there ({} runs in all)\n", inputs.size(), out,
               added, skipped, target.count());
    return 0;
}

}  // namespace tsr::host::cli
