// data.hpp — what the minimax.* algorithms read from a multi-environment problem
// (problems/multi_env_problem.hpp) and how they hand their predictor over (math/predictor.hpp).
#pragma once

#include <bit>
#include <optional>
#include <string>

#include <tessera/sdk.hpp>

#include "math/predictor.hpp"
#include "math/training_data.hpp"

namespace minimax {

inline TrainingData read_training_data(tsr::Run& r) {
    const tsr::DatasetRef ds = r.dataset();
    bool has_mutable = false, has_graph = false;
    for (int32_t i = 0; i < ds.count(); ++i) {
        const std::string name = ds.get(i).name;
        has_mutable |= name == "mutable";
        has_graph |= name == "graph";
    }
    std::optional<Mat> mutables, graph;
    if (has_mutable) mutables = Mat(ds.matrix("mutable").transpose());  // d × 1
    if (has_graph) graph = Mat(ds.matrix("graph"));
    return make_training_data(Mat(ds.matrix("X")), Mat(ds.matrix("y")), Mat(ds.matrix("env")), mutables, graph);
}

// The graph and the mutable set, which the paper's method takes as known.
inline void require_graph(const TrainingData& t, const char* who) {
    if (!t.graph || !t.mutables)
        throw tsr::InvalidArgument(std::string(who) +
                                   " needs the causal graph and the mutable set (dataset matrices 'graph' and "
                                   "'mutable'; for scm.csv the parameters graph and mutable)");
}

inline void put_predictor(tsr::Run& r, int d, NodeSet inputs, NodeSet subset, const Mlp& f) {
    std::vector<int64_t> in(d), sub(d);
    for (int i = 0; i < d; ++i) {
        in[i] = has(inputs, i) ? 1 : 0;
        sub[i] = has(subset, i) ? 1 : 0;
    }
    r.put_indices("inputs", in);
    r.put_indices("subset", sub);
    r.put_vector("predictor", pack(f));
    r.put_scalar("subset_size", std::popcount(subset));
}

}  // namespace minimax
