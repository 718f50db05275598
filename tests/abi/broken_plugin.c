/*
 * tests/abi/broken_plugin.c — deliberately broken plugins, one per compile definition
 * BROKEN_<CASE>, each of which the host must refuse with its path and a reason naming the fault:
 *
 *   WRONG_MAJOR           abi_major = 2 (a future breaking ABI)
 *   NULL_ID               a component whose id is NULL
 *   NO_NAMESPACE          a component id without a namespace ("quadratic")
 *   DEFAULT_OUT_OF_RANGE  a parameter whose default lies outside its [min, max]
 *   DUPLICATE_IDS         two components with the same id
 *   NULL_DESC             tessera_plugin_v1 returns NULL
 *   SMALL_STRUCT          a component descriptor with a struct_size smaller than ABI 1.0's
 *   NO_ENTRY              a shared library that does not export tessera_plugin_v1 at all
 *
 * These libraries are not built with tessera_add_plugin (tests/validate would run them).
 */
#ifdef __cplusplus
#error "broken_plugin.c must be compiled as C"
#endif

#include <stdlib.h>
#include <string.h>

#include <tessera/abi.h>
#include <tessera/iface/objective.h>

static tsr_status create(const tsr_component_desc* self, const tsr_create_args* args, tsr_object** out, char* err,
                         uint32_t cap) {
    static const char msg[] = "broken plugins create nothing";
    (void)self;
    (void)args;
    if (out) *out = NULL;
    if (err && cap > 0) {
        size_t n = sizeof msg - 1 < cap - 1 ? sizeof msg - 1 : cap - 1;
        memcpy(err, msg, n);
        err[n] = '\0';
    }
    return TSR_ERR_UNSUPPORTED;
}

static const char* const provides[] = {TSR_OBJECTIVE_V1};

#if defined(BROKEN_DEFAULT_OUT_OF_RANGE)
static const tsr_param_desc params[] = {
    {sizeof(tsr_param_desc), 0, "rate", TSR_PARAM_REAL, 0, {TSR_PARAM_REAL, 0, 5.0, 0, NULL}, 0.0, 1.0, NULL, 0, 0,
     "a rate in [0, 1] whose default is 5"},
};
#define N_PARAMS 1u
#else
static const tsr_param_desc params[] = {
    {sizeof(tsr_param_desc), 0, "rate", TSR_PARAM_REAL, 0, {TSR_PARAM_REAL, 0, 0.5, 0, NULL}, 0.0, 1.0, NULL, 0, 0,
     "a rate in [0, 1]"},
};
#define N_PARAMS 1u
#endif

#if defined(BROKEN_NULL_ID)
#define COMPONENT_ID NULL
#elif defined(BROKEN_NO_NAMESPACE)
#define COMPONENT_ID "quadratic"
#else
#define COMPONENT_ID "broken.problem"
#endif

#if defined(BROKEN_SMALL_STRUCT)
#define COMPONENT_SIZE 8u
#else
#define COMPONENT_SIZE ((uint32_t)sizeof(tsr_component_desc))
#endif

static const tsr_component_desc first = {
    COMPONENT_SIZE, TSR_KIND_PROBLEM, COMPONENT_ID, "1.0.0", "a deliberately broken problem", NULL, params, N_PARAMS, 1,
    provides,       NULL,             NULL,         0,       0,                               NULL, 0,    0,      create,
};

#if defined(BROKEN_DUPLICATE_IDS)
static const tsr_component_desc second = {
    sizeof(tsr_component_desc), TSR_KIND_PROBLEM, "broken.problem", "2.0.0", "the same id again", NULL, params, N_PARAMS,
    1, provides, NULL, NULL, 0, 0, NULL, 0, 0, create,
};
static const tsr_component_desc* const components[] = {&first, &second};
#define N_COMPONENTS 2u
#else
static const tsr_component_desc* const components[] = {&first};
#define N_COMPONENTS 1u
#endif

#if defined(BROKEN_WRONG_MAJOR)
#define MAJOR 2u
#else
#define MAJOR TSR_ABI_MAJOR
#endif

static const tsr_plugin_desc plugin = {
    sizeof(tsr_plugin_desc), MAJOR, 0, N_COMPONENTS, "broken", "0.0.1", "a deliberately broken plugin", components,
};

#if defined(BROKEN_NO_ENTRY)
/* Exports a function, but not the entry point. */
TSR_EXPORT const tsr_plugin_desc* tessera_plugin_v0(void) { return &plugin; }
#elif defined(BROKEN_NULL_DESC)
TSR_EXPORT const tsr_plugin_desc* tessera_plugin_v1(void) {
    (void)plugin;
    return NULL;
}
#else
TSR_EXPORT const tsr_plugin_desc* tessera_plugin_v1(void) { return &plugin; }
#endif
