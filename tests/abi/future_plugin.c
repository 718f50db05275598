/*
 * tests/abi/future_plugin.c — a plugin "from the future": built against ABI 1.(minor+3).
 *
 * Every growable struct it writes is LARGER than this host's sizeof — the v1 struct embedded
 * first, then fields a later minor version might append — and its struct_size says so. That
 * includes the elements of the parameter and metric-output arrays, so a host that indexed them
 * with its own sizeof instead of the writer's struct_size (TSR_ELEM) would read garbage from the
 * second element on. Its problem also serves an interface this host has never heard of,
 * "tsr.future_thing.v7", and its algorithm *wants* it (optional) and reads a run-context field
 * only when struct_size covers it (TSR_HAS_FIELD), as a future plugin must in an older host.
 *
 *   future.problem    f(x) = Σ (x_i − target)²  (tsr.objective.v1 + tsr.future_thing.v7)
 *   future.algorithm  fixed-step gradient descent; echoes every parameter it received as a
 *                     scalar "echo_<name>" so the test sees the values crossed intact.
 *   future.metric     three outputs (final_objective, n_trace, echo_weight) in an array of
 *                     extended tsr_metric_output.
 */
#ifdef __cplusplus
#error "future_plugin.c must be compiled as C"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/abi.h>
#include <tessera/iface/objective.h>

#define FUTURE_MINOR (TSR_ABI_MINOR + 3)
#define FUTURE_THING_V7 "tsr.future_thing.v7"

/* ---- the extended structs of "ABI 1.3" ------------------------------------------------------ */

typedef struct param_desc_1_3 {
    tsr_param_desc v1;
    double future_default_scale;  /* fields a later minor might append */
    const char* future_unit;
    uint64_t future_bits;
} param_desc_1_3;

typedef struct metric_output_1_3 {
    tsr_metric_output v1;
    const char* future_unit;
    double future_target;
} metric_output_1_3;

typedef struct component_desc_1_3 {
    tsr_component_desc v1;
    const char* future_homepage;
    uint64_t future_caps;
    double future_cost;
} component_desc_1_3;

typedef struct plugin_desc_1_3 {
    tsr_plugin_desc v1;
    const char* future_license;
    uint64_t future_flags[4];
} plugin_desc_1_3;

typedef struct object_1_3 {
    tsr_object v1;
    void* (*future_clone)(tsr_object* obj);
    uint64_t future_id;
} object_1_3;

typedef struct trace_point_1_3 {
    tsr_trace_point v1;
    double future_confidence;
} trace_point_1_3;

typedef struct array_1_3 {
    tsr_array v1;
    int64_t future_strides[TSR_MAX_NDIM];
} array_1_3;

/* A run context as ABI 1.3 might extend it; this plugin reads the extra field only when the
 * host's struct_size covers it (an ABI 1.0 host: never). */
typedef struct run_context_1_3 {
    tsr_run_context v1;
    double future_target_objective;
} run_context_1_3;

/* The unknown interface. */
typedef struct future_thing_v7 {
    int64_t (*answer)(tsr_object* obj);
} future_thing_v7;

static uint32_t copy_msg(const char* msg, char* buf, uint32_t cap) {
    size_t n = strlen(msg);
    if (buf && cap > 0) {
        size_t k = n < cap - 1 ? n : cap - 1;
        memcpy(buf, msg, k);
        buf[k] = '\0';
    }
    return (uint32_t)n;
}

/* Parameter `name` of the create args (the host passes all of them, plain tsr_param). */
static const tsr_value* arg(const tsr_create_args* a, const char* name) {
    uint32_t i;
    if (!a || !a->params) return NULL;
    for (i = 0; i < a->n_params; ++i)
        if (a->params[i].name && strcmp(a->params[i].name, name) == 0) return &a->params[i].value;
    return NULL;
}

/* One extended parameter descriptor; the default is given as (real, integer, string). */
#define P13(flags, name, type, dreal, dint, dstr, lo, hi, choices, nchoices, help, unit)                             \
    {{sizeof(param_desc_1_3), flags, name, type, 0, {type, 0, dreal, dint, dstr}, lo, hi, choices, nchoices, 0, help}, \
     42.0, unit, 0xfeedfacecafebeefull}

static const char* const weight_choices[] = {"light", "medium", "heavy"};

/* ================================= future.problem ========================================== */

typedef struct fproblem {
    object_1_3 obj;
    int64_t d;
    double target;
    char error[256];
} fproblem;

static fproblem* fp_of(tsr_object* o) { return (fproblem*)o->self; }
static int64_t fp_dim(tsr_object* o) { return fp_of(o)->d; }
static tsr_status fp_initial_point(tsr_object* o, double* x0) {
    int64_t i;
    for (i = 0; i < fp_of(o)->d; ++i) x0[i] = 0.0;
    return TSR_OK;
}
static double fp_f(const fproblem* p, const double* x) {
    double f = 0.0;
    int64_t i;
    for (i = 0; i < p->d; ++i) f += (x[i] - p->target) * (x[i] - p->target);
    return f;
}
static tsr_status fp_value(tsr_object* o, const double* x, double* f) {
    *f = fp_f(fp_of(o), x);
    return TSR_OK;
}
static tsr_status fp_value_gradient(tsr_object* o, const double* x, double* f, double* g) {
    fproblem* p = fp_of(o);
    int64_t i;
    for (i = 0; i < p->d; ++i) g[i] = 2.0 * (x[i] - p->target);
    if (f) *f = fp_f(p, x);
    return TSR_OK;
}
static tsr_status fp_value_batch(tsr_object* o, int64_t m, const double* X, double* f) {
    fproblem* p = fp_of(o);
    int64_t k;
    if (m < 0) return copy_msg("m < 0", p->error, sizeof p->error), TSR_ERR_INVALID_ARGUMENT;
    for (k = 0; k < m; ++k) f[k] = fp_f(p, X + k * p->d);
    return TSR_OK;
}
static int64_t fp_answer(tsr_object* o) {
    (void)o;
    return 42;
}

static const tsr_objective_v1 fp_objective = {fp_dim, fp_initial_point, fp_value, fp_value_gradient, fp_value_batch,
                                              NULL};
static const future_thing_v7 fp_future = {fp_answer};

static void fp_destroy(tsr_object* o) { free(fp_of(o)); }
static const void* fp_get_interface(tsr_object* o, const char* id) {
    (void)o;
    if (!id) return NULL;
    if (strcmp(id, TSR_OBJECTIVE_V1) == 0) return &fp_objective;
    if (strcmp(id, FUTURE_THING_V7) == 0) return &fp_future;
    return NULL;
}
static uint32_t fp_copy_error(const tsr_object* o, char* buf, uint32_t cap) {
    return copy_msg(((const fproblem*)o->self)->error, buf, cap);
}

static const param_desc_1_3 fp_params[] = {
    P13(0, "d", TSR_PARAM_INT, 0.0, 4, NULL, 1.0, 64.0, NULL, 0, "dimension", "1"),
    P13(0, "target", TSR_PARAM_REAL, 2.5, 0, NULL, -100.0, 100.0, NULL, 0,
        "every coordinate of the minimizer", "m"),
};

static tsr_status fp_create(const tsr_component_desc* self, const tsr_create_args* args, tsr_object** out, char* err,
                            uint32_t cap) {
    fproblem* p;
    const tsr_value* v;
    (void)self;
    *out = NULL;
    p = (fproblem*)calloc(1, sizeof *p);
    if (!p) return copy_msg("out of memory", err, cap), TSR_ERR_OUT_OF_MEMORY;
    p->d = (v = arg(args, "d")) ? v->integer : 4;
    p->target = (v = arg(args, "target")) ? v->real : 2.5;
    if (p->d < 1 || p->d > 64) {
        free(p);
        return copy_msg("d outside [1, 64]", err, cap), TSR_ERR_INVALID_ARGUMENT;
    }
    p->obj.v1.struct_size = sizeof(object_1_3);
    p->obj.v1.self = p;
    p->obj.v1.destroy = fp_destroy;
    p->obj.v1.get_interface = fp_get_interface;
    p->obj.v1.copy_error = fp_copy_error;
    p->obj.future_clone = NULL;
    p->obj.future_id = 7;
    *out = &p->obj.v1;
    return TSR_OK;
}

static const char* const fp_provides[] = {TSR_OBJECTIVE_V1, FUTURE_THING_V7};

static const component_desc_1_3 fp_desc = {
    {sizeof(component_desc_1_3), TSR_KIND_PROBLEM, "future.problem", "1.3.0",
     "sphere around a target, from a newer ABI minor", NULL, &fp_params[0].v1, 2, 2, fp_provides, NULL, NULL, 0, 0,
     NULL, 0, 0, fp_create},
    "https://example.org/future",
    0xffffffffffffffffull,
    1.5,
};

/* ================================ future.algorithm ========================================= */

typedef struct falgo {
    object_1_3 obj;
    double step;
    int64_t iters;
    int64_t verbose;
    const char* weight;  /* points into the static choices (the create args die after create) */
    char label[64];
    double tol;
    char error[256];
} falgo;

static falgo* fa_of(tsr_object* o) { return (falgo*)o->self; }

/* Six parameters of every type, each with a distinct default, so a wrong stride shows. */
static const param_desc_1_3 fa_params[] = {
    P13(TSR_PARAM_FLAG_LOG_SCALE, "step", TSR_PARAM_REAL, 0.125, 0, NULL, 1e-6, 1.0,
        NULL, 0, "fixed step size", "1"),
    P13(0, "iters", TSR_PARAM_INT, 0.0, 77, NULL, 1.0, 100000.0, NULL, 0,
        "iterations", "1"),
    P13(0, "verbose", TSR_PARAM_BOOL, 0.0, 1, NULL, 0.0, 1.0, NULL, 0,
        "log each iteration", ""),
    P13(0, "weight", TSR_PARAM_CHOICE, 0.0, 0, "medium", 0.0, 0.0, weight_choices,
        3, "a choice", ""),
    P13(0, "label", TSR_PARAM_STRING, 0.0, 0, "from-the-future", 0.0, 0.0, NULL, 0,
        "free text", ""),
    P13(0, "tol", TSR_PARAM_REAL, 1e-9, 0, NULL, 0.0, 1.0, NULL, 0,
        "stop when ||g|| <= tol", ""),
};

static tsr_status fa_run(tsr_object* o, const tsr_run_context* ctx) {
    static const char* const names[] = {"grad_norm"};
    falgo* a = fa_of(o);
    tsr_object* p = ctx->problem;
    const tsr_objective_v1* f = (const tsr_objective_v1*)p->get_interface(p, TSR_OBJECTIVE_V1);
    double x[64], g[64], fx = 0.0, gn = 0.0, target = -1.0;
    int64_t d, k, i;
    const int has_future_thing = p->get_interface(p, FUTURE_THING_V7) != NULL;
    array_1_3 arr;
    if (!f) return copy_msg("no objective", a->error, sizeof a->error), TSR_ERR_UNSUPPORTED;
    /* A field of a newer run context is read only when the host's struct covers it. */
    if (TSR_HAS_FIELD(ctx, run_context_1_3, future_target_objective))
        target = ((const run_context_1_3*)ctx)->future_target_objective;
    d = f->dim(p);
    if (d > 64) return copy_msg("d > 64", a->error, sizeof a->error), TSR_ERR_INVALID_ARGUMENT;
    f->initial_point(p, x);
    for (k = 0; k < a->iters && !ctx->should_stop(ctx); ++k) {
        trace_point_1_3 tp;
        tsr_status s = f->value_gradient(p, x, &fx, g);
        if (s != TSR_OK) {
            p->copy_error(p, a->error, sizeof a->error);
            return s;
        }
        gn = 0.0;
        for (i = 0; i < d; ++i) gn += g[i] * g[i];
        gn = sqrt(gn);
        memset(&tp, 0, sizeof tp);
        tp.v1.struct_size = sizeof tp;
        tp.v1.iteration = k;
        tp.v1.objective = fx;
        tp.v1.n_values = 1;
        tp.v1.names = names;
        tp.v1.values = &gn;
        tp.future_confidence = 0.99;
        if (ctx->report(ctx, &tp.v1) == TSR_STOPPED) break;
        if (gn <= a->tol) break;
        for (i = 0; i < d; ++i) x[i] -= a->step * g[i];
    }
    memset(&arr, 0, sizeof arr);
    arr.v1.struct_size = sizeof arr;
    arr.v1.dtype = TSR_DTYPE_F64;
    arr.v1.name = "x";
    arr.v1.ndim = 1;
    arr.v1.shape[0] = d;
    arr.v1.data = x;
    arr.future_strides[0] = 1;
    ctx->put_array(ctx, &arr.v1);
    ctx->put_scalar(ctx, "echo_step", a->step);
    ctx->put_scalar(ctx, "echo_iters", (double)a->iters);
    ctx->put_scalar(ctx, "echo_verbose", (double)a->verbose);
    ctx->put_scalar(ctx, "echo_weight", strcmp(a->weight, "light") == 0 ? 1.0 : strcmp(a->weight, "medium") == 0 ? 2.0 : 3.0);
    ctx->put_scalar(ctx, "echo_label_length", (double)strlen(a->label));
    ctx->put_scalar(ctx, "echo_tol", a->tol);
    ctx->put_scalar(ctx, "proxy_serves_future_thing", has_future_thing ? 1.0 : 0.0);
    ctx->put_scalar(ctx, "future_context_field_read", target >= 0.0 ? 1.0 : 0.0);
    ctx->put_scalar(ctx, "iterations", (double)k);
    return TSR_OK;
}

static const tsr_algorithm_v1 fa_algorithm = {fa_run};

static void fa_destroy(tsr_object* o) { free(fa_of(o)); }
static const void* fa_get_interface(tsr_object* o, const char* id) {
    (void)o;
    if (!id) return NULL;
    if (strcmp(id, TSR_ALGORITHM_V1) == 0) return &fa_algorithm;
    return NULL;
}
static uint32_t fa_copy_error(const tsr_object* o, char* buf, uint32_t cap) {
    return copy_msg(((const falgo*)o->self)->error, buf, cap);
}

static tsr_status fa_create(const tsr_component_desc* self, const tsr_create_args* args, tsr_object** out, char* err,
                            uint32_t cap) {
    falgo* a;
    const tsr_value* v;
    uint32_t i;
    (void)self;
    *out = NULL;
    a = (falgo*)calloc(1, sizeof *a);
    if (!a) return copy_msg("out of memory", err, cap), TSR_ERR_OUT_OF_MEMORY;
    a->step = (v = arg(args, "step")) ? v->real : 0.125;
    a->iters = (v = arg(args, "iters")) ? v->integer : 77;
    a->verbose = (v = arg(args, "verbose")) ? v->integer : 1;
    a->tol = (v = arg(args, "tol")) ? v->real : 1e-9;
    a->weight = weight_choices[1];
    if ((v = arg(args, "weight")) && v->str)
        for (i = 0; i < 3; ++i)
            if (strcmp(v->str, weight_choices[i]) == 0) a->weight = weight_choices[i];
    copy_msg((v = arg(args, "label")) && v->str ? v->str : "from-the-future", a->label, sizeof a->label);
    if (args && args->n_params != sizeof fa_params / sizeof fa_params[0]) {
        free(a);
        return copy_msg("expected every parameter of the schema", err, cap), TSR_ERR_INVALID_ARGUMENT;
    }
    a->obj.v1.struct_size = sizeof(object_1_3);
    a->obj.v1.self = a;
    a->obj.v1.destroy = fa_destroy;
    a->obj.v1.get_interface = fa_get_interface;
    a->obj.v1.copy_error = fa_copy_error;
    *out = &a->obj.v1;
    return TSR_OK;
}

static const char* const fa_needs[] = {TSR_OBJECTIVE_V1};
static const char* const fa_wants[] = {FUTURE_THING_V7};

static const component_desc_1_3 fa_desc = {
    {sizeof(component_desc_1_3), TSR_KIND_ALGORITHM, "future.algorithm", "1.3.0",
     "gradient descent from a newer ABI minor", "none", &fa_params[0].v1, 6, 0, NULL, fa_needs, fa_wants, 1, 1, NULL,
     0, 0, fa_create},
    "https://example.org/future",
    1,
    2.0,
};

/* ================================== future.metric ========================================== */

typedef struct fmetric {
    object_1_3 obj;
    double scale;
    char error[256];
} fmetric;

static fmetric* fm_of(tsr_object* o) { return (fmetric*)o->self; }

static const metric_output_1_3 fm_outputs[] = {
    {{sizeof(metric_output_1_3), TSR_LOWER_IS_BETTER, "final_objective", "last reported objective"}, "1", 0.0},
    {{sizeof(metric_output_1_3), TSR_NO_DIRECTION, "n_trace", "trace points"}, "points", 1.0},
    {{sizeof(metric_output_1_3), TSR_HIGHER_IS_BETTER, "scaled_evals", "oracle units times scale"}, "units", 2.0},
};

static const param_desc_1_3 fm_params[] = {
    P13(0, "scale", TSR_PARAM_REAL, 3.0, 0, NULL, 0.0, 10.0, NULL, 0,
        "factor of scaled_evals", ""),
};

static tsr_status fm_evaluate(tsr_object* o, const tsr_metric_input* in, double* out) {
    fmetric* m = fm_of(o);
    out[0] = in->n_trace > 0 ? in->trace_objective[in->n_trace - 1] : NAN;
    out[1] = (double)in->n_trace;
    out[2] = m->scale * (double)in->total_evals;
    return TSR_OK;
}

static const tsr_metric_v1 fm_metric = {fm_evaluate};

static void fm_destroy(tsr_object* o) { free(fm_of(o)); }
static const void* fm_get_interface(tsr_object* o, const char* id) {
    (void)o;
    return id && strcmp(id, TSR_METRIC_V1) == 0 ? &fm_metric : NULL;
}
static uint32_t fm_copy_error(const tsr_object* o, char* buf, uint32_t cap) {
    return copy_msg(((const fmetric*)o->self)->error, buf, cap);
}

static tsr_status fm_create(const tsr_component_desc* self, const tsr_create_args* args, tsr_object** out, char* err,
                            uint32_t cap) {
    fmetric* m;
    const tsr_value* v;
    (void)self;
    *out = NULL;
    m = (fmetric*)calloc(1, sizeof *m);
    if (!m) return copy_msg("out of memory", err, cap), TSR_ERR_OUT_OF_MEMORY;
    m->scale = (v = arg(args, "scale")) ? v->real : 3.0;
    m->obj.v1.struct_size = sizeof(object_1_3);
    m->obj.v1.self = m;
    m->obj.v1.destroy = fm_destroy;
    m->obj.v1.get_interface = fm_get_interface;
    m->obj.v1.copy_error = fm_copy_error;
    *out = &m->obj.v1;
    return TSR_OK;
}

static const component_desc_1_3 fm_desc = {
    {sizeof(component_desc_1_3), TSR_KIND_METRIC, "future.metric", "1.3.0", "three outputs from a newer ABI minor",
     NULL, &fm_params[0].v1, 1, 0, NULL, NULL, NULL, 0, 0, &fm_outputs[0].v1, 3, 0, fm_create},
    NULL,
    0,
    0.0,
};

/* =================================== the plugin ============================================ */

static const tsr_component_desc* const components[] = {&fa_desc.v1, &fm_desc.v1, &fp_desc.v1};

static const plugin_desc_1_3 plugin = {
    {sizeof(plugin_desc_1_3), TSR_ABI_MAJOR, FUTURE_MINOR, 3, "future", "1.3.0",
     "ABI test plugin built against a newer minor version", components},
    "MIT",
    {1, 2, 3, 4},
};

TSR_EXPORT const tsr_plugin_desc* tessera_plugin_v1(void) { return &plugin.v1; }
