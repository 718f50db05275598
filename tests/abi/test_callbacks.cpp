// The host's side of the run context, called by a hand-written algorithm linked into this test
// (Registry::add_builtin): put_array / put_scalar / report validate what a plugin hands over.
#include <cmath>
#include <cstring>
#include <limits>

#include "abi_test.hpp"

using namespace tsr::host;
using namespace abi_test;

namespace {

// What the algorithm saw, for the test to check after run_one.
struct Seen {
    tsr_status huge_1d = -1, huge_2d = -1, bad_ndim = -1, bad_dtype = -1, negative = -1, null_data = -1,
               scalar_null = -1, ok_2d = -1, replaced = -1;
} g_seen;

tsr_array array(const char* name, int32_t ndim, std::initializer_list<int64_t> shape, const void* data) {
    tsr_array a{};
    a.struct_size = sizeof a;
    a.dtype = TSR_DTYPE_F64;
    a.name = name;
    a.ndim = ndim;
    int i = 0;
    for (int64_t s : shape) a.shape[i++] = s;
    a.data = data;
    return a;
}

tsr_status run(tsr_object*, const tsr_run_context* ctx) {
    static const double data[6] = {1, 2, 3, 4, 5, 6};
    tsr_array a = array("huge", 1, {int64_t{1} << 61}, data);  // 2^61 doubles: 2^64 bytes
    g_seen.huge_1d = ctx->put_array(ctx, &a);
    a = array("huge2", 2, {int64_t{1} << 31, int64_t{1} << 30}, data);
    g_seen.huge_2d = ctx->put_array(ctx, &a);
    a = array("bad_ndim", TSR_MAX_NDIM + 1, {1}, data);
    g_seen.bad_ndim = ctx->put_array(ctx, &a);
    a = array("bad_dtype", 1, {1}, data);
    a.dtype = 99;
    g_seen.bad_dtype = ctx->put_array(ctx, &a);
    a = array("negative", 1, {-3}, data);
    g_seen.negative = ctx->put_array(ctx, &a);
    a = array("null", 1, {3}, nullptr);
    g_seen.null_data = ctx->put_array(ctx, &a);
    g_seen.scalar_null = ctx->put_scalar(ctx, nullptr, 1.0);
    a = array("m", 2, {2, 3}, data);
    g_seen.ok_2d = ctx->put_array(ctx, &a);
    a = array("m", 1, {2}, data + 4);
    g_seen.replaced = ctx->put_array(ctx, &a);
    // A point without an objective: NaN there is not divergence.
    tsr_trace_point p{};
    p.struct_size = sizeof p;
    p.flags = TSR_TRACE_NO_OBJECTIVE;
    p.objective = std::numeric_limits<double>::quiet_NaN();
    ctx->report(ctx, &p);
    return TSR_OK;
}

const tsr_algorithm_v1 kTable{&run};
void destroy(tsr_object*) {}
const void* get_interface(tsr_object*, const char* id) {
    return id && std::strcmp(id, TSR_ALGORITHM_V1) == 0 ? &kTable : nullptr;
}
uint32_t copy_error(const tsr_object*, char* buf, uint32_t cap) {
    if (buf && cap) buf[0] = '\0';
    return 0;
}
tsr_object g_object{sizeof(tsr_object), 0, nullptr, &destroy, &get_interface, &copy_error};

tsr_status create(const tsr_component_desc*, const tsr_create_args*, tsr_object** out, char*, uint32_t) {
    *out = &g_object;
    return TSR_OK;
}

const char* const kNeeds[] = {TSR_OBJECTIVE_V1};
const tsr_component_desc kAlgorithm{sizeof(tsr_component_desc), TSR_KIND_ALGORITHM, "builtin.callbacks", "1.0.0",
                                    "hands odd arrays to the host", nullptr, nullptr, 0, 0, nullptr, kNeeds,
                                    nullptr, 1, 0, nullptr, 0, 0, &create};
const tsr_component_desc* const kComponents[] = {&kAlgorithm};
const tsr_plugin_desc kPlugin{sizeof(tsr_plugin_desc), TSR_ABI_MAJOR, TSR_ABI_MINOR, 1, "builtin", "1.0.0",
                              "callbacks test", kComponents};

RunResult run_it() {
    Registry reg;
    REQUIRE(reg.add_builtin(&kPlugin, "(abi test)"));
    REQUIRE(reg.load(ABI_C_PLUGIN));
    CHECK(reg.find("builtin.callbacks")->library->builtin);
    return run_one(reg, request("builtin.callbacks", "abi_c.quadratic"));
}

}  // namespace

TEST_SUITE("host_callbacks") {

TEST_CASE("put_array and put_scalar refuse malformed arrays; replacing by name works") {
    const RunResult r = run_it();
    INFO(r.error);
    CHECK(r.status == RunStatus::ok);
    CHECK(g_seen.bad_ndim == TSR_ERR_INVALID_ARGUMENT);
    CHECK(g_seen.bad_dtype == TSR_ERR_INVALID_ARGUMENT);
    CHECK(g_seen.negative == TSR_ERR_INVALID_ARGUMENT);
    CHECK(g_seen.null_data == TSR_ERR_INVALID_ARGUMENT);
    CHECK(g_seen.scalar_null == TSR_ERR_INVALID_ARGUMENT);
    CHECK(g_seen.ok_2d == TSR_OK);
    CHECK(g_seen.replaced == TSR_OK);
    const Array* m = find_array(r, "m");
    REQUIRE(m);
    CHECK(m->shape == std::vector<int64_t>{2});
    CHECK(f64(*m) == std::vector<double>{5, 6});
    // A trace point flagged "no objective" with a NaN objective is not divergence.
    REQUIRE(r.trace.size() == 1);
    CHECK(std::isnan(r.trace.objective[0]));
}

// A shape whose byte size overflows must be refused; the host computes n * 8 in size_t and
// copies 0 bytes, keeping an Array whose shape promises 2^61 elements. Expected to fail until
// host/runner.cpp cb_put_array checks for overflow (see the report).
TEST_CASE("put_array refuses a shape whose size overflows") {
    const RunResult r = run_it();
    CHECK(g_seen.huge_1d == TSR_ERR_INVALID_ARGUMENT);
    CHECK(g_seen.huge_2d == TSR_ERR_INVALID_ARGUMENT);
    for (const Array& a : r.arrays)
        CHECK_MESSAGE(static_cast<size_t>(a.size()) == a.bytes.size() / static_cast<size_t>(dtype_size(a.dtype)), a.name);
}

}  // TEST_SUITE
