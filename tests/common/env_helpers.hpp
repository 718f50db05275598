// tests/common/env_helpers.hpp — what tests of the tsr.env.v1 environments share: a problem object
// created by its descriptor from a seed (as the host creates it), its tsr.env.v1 view, and a
// ground-truth table (tsr.ground_truth.v1) as a T × K matrix, as an algorithm and a metric see them.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>

#include <tessera/sdk.hpp>

#include "params.hpp"
#include "plugin_runs.hpp"

namespace tsrtest {

// A problem object owned by the test; destroyed through the ABI.
struct ProblemObject {
    tsr_object* obj = nullptr;
    ProblemObject() = default;
    ProblemObject(const ProblemObject&) = delete;
    ProblemObject& operator=(const ProblemObject&) = delete;
    ~ProblemObject() {
        if (obj) obj->destroy(obj);
    }
};

// Problem `id` of the in-tree plugins with `params` (the rest at their defaults) and `seed`;
// fails the test case with the plugin's message when creation fails.
inline std::unique_ptr<ProblemObject> create(const std::string& id, const tsr::host::KeyValues& params,
                                             uint64_t seed) {
    const tsr::host::Component& c = plugin_registry().require(id, TSR_KIND_PROBLEM);
    const tsr::host::ParamSet ps = tsr::host::ParamSet::resolve(c, params);
    tsr_create_args args{};
    args.struct_size = sizeof args;
    args.n_params = static_cast<uint32_t>(ps.abi().size());
    args.params = ps.abi().data();
    args.seed = seed;
    auto p = std::make_unique<ProblemObject>();
    char err[256] = {};
    REQUIRE_MESSAGE(c.desc->create(c.desc, &args, &p->obj, err, sizeof err) == TSR_OK, err);
    return p;
}

// The object's tsr.env.v1; fails the test case when it does not serve it.
inline tsr::EnvRef env_of(tsr_object* obj) {
    auto e = tsr::try_ref<tsr::EnvRef, tsr_env_v1>(obj, TSR_ENV_V1);
    REQUIRE(e.has_value());
    return *e;
}

// The 2-d ground-truth array `name` of obj (e.g. "rewards"), a view valid while obj lives.
inline tsr::CRowMatMap table(tsr_object* obj, const char* name) {
    auto gt = tsr::try_ref<tsr::GroundTruthRef, tsr_ground_truth_v1>(obj, TSR_GROUND_TRUTH_V1);
    REQUIRE(gt.has_value());
    auto a = gt->array(name);
    REQUIRE(a.has_value());
    REQUIRE(a->ndim == 2);
    return {static_cast<const double*>(a->data), a->shape[0], a->shape[1]};
}

}  // namespace tsrtest
