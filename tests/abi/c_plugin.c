/*
 * tests/abi/c_plugin.c — a Tessera plugin written in plain C99 against tessera/abi.h alone.
 *
 * It proves that the ABI needs no C++: static hand-written descriptors, objects allocated with
 * malloc, status codes and copy_error for errors. Two components:
 *
 *   abi_c.quadratic  f(x) = 1/2 Σ_i a_i (x_i − shift)²,  a_i = scale·(i+1),  x0 = 0.
 *                    Serves tsr.objective.v1 (value, value_gradient, value_batch,
 *                    hessian_vector) and tsr.ground_truth.v1 (f_star, x_star, and n_evals: the
 *                    number of oracle calls that reached the object — the proxy tests use it to
 *                    see that refused calls never arrive).
 *   abi_c.gd         fixed-step gradient descent. Uses report, should_stop, put_array,
 *                    put_scalar. mode=gradient: one value_gradient per iteration;
 *                    mode=batch: central finite differences with ONE value_batch of 2d points
 *                    per iteration plus one value. ignore_stop=true never asks should_stop, so the
 *                    proxy itself must refuse the call beyond the budget.
 */
#ifdef __cplusplus
#error "c_plugin.c must be compiled as C"
#endif

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/abi.h>
#include <tessera/iface/ground_truth.h>
#include <tessera/iface/objective.h>

/* ---- a small error-message helper shared by both objects --------------------------------- */

#define MSG_CAP 512

static uint32_t copy_msg(const char* msg, char* buf, uint32_t cap) {
    size_t n = strlen(msg);
    if (buf && cap > 0) {
        size_t k = n < cap - 1 ? n : cap - 1;
        memcpy(buf, msg, k);
        buf[k] = '\0';
    }
    return (uint32_t)n;
}

/* Finds parameter `name` in create args; NULL when absent. */
static const tsr_value* arg(const tsr_create_args* a, const char* name) {
    uint32_t i;
    if (!a || !a->params) return NULL;
    for (i = 0; i < a->n_params; ++i)
        if (a->params[i].name && strcmp(a->params[i].name, name) == 0) return &a->params[i].value;
    return NULL;
}

/* Checks every create argument against the schema: unknown names, types, ranges, choices. */
static tsr_status check_args(const tsr_param_desc* schema, uint32_t n, const tsr_create_args* a, char* err,
                             uint32_t cap) {
    uint32_t i, k, c;
    char msg[MSG_CAP];
    if (!a || !a->params) return TSR_OK;
    for (i = 0; i < a->n_params; ++i) {
        const tsr_param* p = &a->params[i];
        const tsr_param_desc* d = NULL;
        for (k = 0; k < n; ++k)
            if (p->name && strcmp(schema[k].name, p->name) == 0) d = &schema[k];
        if (!d) {
            snprintf(msg, sizeof msg, "unknown parameter '%s'", p->name ? p->name : "(null)");
            copy_msg(msg, err, cap);
            return TSR_ERR_INVALID_ARGUMENT;
        }
        if (p->value.type != d->type) {
            snprintf(msg, sizeof msg, "parameter '%s' has the wrong type", d->name);
            copy_msg(msg, err, cap);
            return TSR_ERR_INVALID_ARGUMENT;
        }
        if ((d->type == TSR_PARAM_REAL && (isnan(p->value.real) || p->value.real < d->min || p->value.real > d->max)) ||
            ((d->type == TSR_PARAM_INT || d->type == TSR_PARAM_BOOL) &&
             ((double)p->value.integer < d->min || (double)p->value.integer > d->max))) {
            snprintf(msg, sizeof msg, "parameter '%s' is outside [%g, %g]", d->name, d->min, d->max);
            copy_msg(msg, err, cap);
            return TSR_ERR_INVALID_ARGUMENT;
        }
        if (d->type == TSR_PARAM_CHOICE) {
            int ok = 0;
            for (c = 0; c < d->n_choices; ++c) ok = ok || (p->value.str && strcmp(p->value.str, d->choices[c]) == 0);
            if (!ok) {
                snprintf(msg, sizeof msg, "parameter '%s' is not one of its choices", d->name);
                copy_msg(msg, err, cap);
                return TSR_ERR_INVALID_ARGUMENT;
            }
        }
    }
    return TSR_OK;
}

/* ================================ abi_c.quadratic ============================================ */

typedef struct quad {
    tsr_object obj;
    int64_t d;
    double scale;
    double shift;
    double* x_star;
    double f_star;
    int64_t n_evals;
    char error[MSG_CAP];
} quad;

static quad* quad_of(tsr_object* o) { return (quad*)o->self; }
static double quad_coef(const quad* q, int64_t i) { return q->scale * (double)(i + 1); }

static double quad_f(const quad* q, const double* x) {
    double f = 0.0;
    int64_t i;
    for (i = 0; i < q->d; ++i) {
        double r = x[i] - q->shift;
        f += 0.5 * quad_coef(q, i) * r * r;
    }
    return f;
}

static int64_t quad_dim(tsr_object* o) { return quad_of(o)->d; }

static tsr_status quad_initial_point(tsr_object* o, double* x0) {
    int64_t i;
    for (i = 0; i < quad_of(o)->d; ++i) x0[i] = 0.0;
    return TSR_OK;
}

static tsr_status quad_value(tsr_object* o, const double* x, double* f) {
    quad* q = quad_of(o);
    q->n_evals += 1;
    *f = quad_f(q, x);
    return TSR_OK;
}

static tsr_status quad_value_gradient(tsr_object* o, const double* x, double* f, double* g) {
    quad* q = quad_of(o);
    int64_t i;
    q->n_evals += 1;
    for (i = 0; i < q->d; ++i) g[i] = quad_coef(q, i) * (x[i] - q->shift);
    if (f) *f = quad_f(q, x);
    return TSR_OK;
}

static tsr_status quad_value_batch(tsr_object* o, int64_t m, const double* X, double* f) {
    quad* q = quad_of(o);
    int64_t k;
    if (m < 0) {
        copy_msg("value_batch: m < 0", q->error, MSG_CAP);
        return TSR_ERR_INVALID_ARGUMENT;
    }
    q->n_evals += m;
    for (k = 0; k < m; ++k) f[k] = quad_f(q, X + k * q->d);
    return TSR_OK;
}

static tsr_status quad_hessian_vector(tsr_object* o, const double* x, const double* v, double* hv) {
    quad* q = quad_of(o);
    int64_t i;
    (void)x;
    q->n_evals += 1;
    for (i = 0; i < q->d; ++i) hv[i] = quad_coef(q, i) * v[i];
    return TSR_OK;
}

static tsr_status quad_gt_scalar(tsr_object* o, const char* name, double* value) {
    quad* q = quad_of(o);
    if (name && strcmp(name, "f_star") == 0) return *value = q->f_star, TSR_OK;
    if (name && strcmp(name, "n_evals") == 0) return *value = (double)q->n_evals, TSR_OK;
    copy_msg("no such ground-truth scalar", q->error, MSG_CAP);
    return TSR_ERR_NOT_FOUND;
}

static tsr_status quad_gt_array(tsr_object* o, const char* name, tsr_array* out) {
    quad* q = quad_of(o);
    tsr_array a;
    uint32_t size;
    if (!name || strcmp(name, "x_star") != 0) {
        copy_msg("no such ground-truth array", q->error, MSG_CAP);
        return TSR_ERR_NOT_FOUND;
    }
    memset(&a, 0, sizeof a);
    a.struct_size = sizeof a;
    a.dtype = TSR_DTYPE_F64;
    a.name = "x_star";
    a.ndim = 1;
    a.shape[0] = q->d;
    a.data = q->x_star;
    size = out->struct_size < sizeof a ? out->struct_size : (uint32_t)sizeof a; /* the caller's size */
    memcpy(out, &a, size);
    out->struct_size = size;
    return TSR_OK;
}

static const char* const* quad_gt_names(tsr_object* o) {
    static const char* const names[] = {"f_star", "x_star", "n_evals", NULL};
    (void)o;
    return names;
}

static const tsr_objective_v1 quad_objective = {quad_dim, quad_initial_point, quad_value, quad_value_gradient,
                                                quad_value_batch, quad_hessian_vector};
static const tsr_ground_truth_v1 quad_ground_truth = {quad_gt_scalar, quad_gt_array, quad_gt_names};

static void quad_destroy(tsr_object* o) {
    quad* q = quad_of(o);
    free(q->x_star);
    free(q);
}

static const void* quad_get_interface(tsr_object* o, const char* id) {
    (void)o;
    if (!id) return NULL;
    if (strcmp(id, TSR_OBJECTIVE_V1) == 0) return &quad_objective;
    if (strcmp(id, TSR_GROUND_TRUTH_V1) == 0) return &quad_ground_truth;
    return NULL;
}

static uint32_t quad_copy_error(const tsr_object* o, char* buf, uint32_t cap) {
    return copy_msg(((const quad*)o->self)->error, buf, cap);
}

static const tsr_param_desc quad_params[] = {
    {sizeof(tsr_param_desc), 0, "d", TSR_PARAM_INT, 0, {TSR_PARAM_INT, 0, 0.0, 3, NULL}, 1.0, 1000.0, NULL, 0, 0,
     "dimension"},
    {sizeof(tsr_param_desc), TSR_PARAM_FLAG_LOG_SCALE, "scale", TSR_PARAM_REAL, 0,
     {TSR_PARAM_REAL, 0, 1.0, 0, NULL}, 0.01, 100.0, NULL, 0, 0, "curvature a_i = scale*(i+1)"},
    {sizeof(tsr_param_desc), 0, "shift", TSR_PARAM_REAL, 0, {TSR_PARAM_REAL, 0, 1.0, 0, NULL}, -10.0, 10.0, NULL, 0, 0,
     "every coordinate of the minimizer"},
};
#define QUAD_N_PARAMS ((uint32_t)(sizeof quad_params / sizeof quad_params[0]))

static tsr_status quad_create(const tsr_component_desc* self, const tsr_create_args* args, tsr_object** out,
                              char* err, uint32_t cap) {
    quad* q;
    const tsr_value* v;
    int64_t i;
    tsr_status s;
    (void)self;
    if (!out) return TSR_ERR_INVALID_ARGUMENT;
    *out = NULL;
    s = check_args(quad_params, QUAD_N_PARAMS, args, err, cap);
    if (s != TSR_OK) return s;
    q = (quad*)calloc(1, sizeof *q);
    if (!q) return copy_msg("out of memory", err, cap), TSR_ERR_OUT_OF_MEMORY;
    q->d = (v = arg(args, "d")) ? v->integer : 3;
    q->scale = (v = arg(args, "scale")) ? v->real : 1.0;
    q->shift = (v = arg(args, "shift")) ? v->real : 1.0;
    q->x_star = (double*)malloc((size_t)q->d * sizeof(double));
    if (!q->x_star) {
        free(q);
        copy_msg("out of memory", err, cap);
        return TSR_ERR_OUT_OF_MEMORY;
    }
    for (i = 0; i < q->d; ++i) q->x_star[i] = q->shift;
    q->f_star = 0.0;
    q->obj.struct_size = sizeof(tsr_object);
    q->obj.self = q;
    q->obj.destroy = quad_destroy;
    q->obj.get_interface = quad_get_interface;
    q->obj.copy_error = quad_copy_error;
    *out = &q->obj;
    return TSR_OK;
}

static const char* const quad_provides[] = {TSR_OBJECTIVE_V1, TSR_GROUND_TRUTH_V1};

static const tsr_component_desc quad_desc = {
    sizeof(tsr_component_desc),
    TSR_KIND_PROBLEM,
    "abi_c.quadratic",
    "1.0.0",
    "separable quadratic written in C99 (ABI test)",
    NULL,
    quad_params,
    QUAD_N_PARAMS,
    2,
    quad_provides,
    NULL,
    NULL,
    0,
    0,
    NULL,
    0,
    0,
    quad_create,
};

/* ================================== abi_c.gd ================================================ */

typedef struct gd {
    tsr_object obj;
    double step;
    int64_t max_iter;
    double tol;
    int batch;        /* mode=batch */
    int ignore_stop;  /* never asks should_stop */
    char error[MSG_CAP];
} gd;

static gd* gd_of(tsr_object* o) { return (gd*)o->self; }

static void gd_destroy(tsr_object* o) { free(gd_of(o)); }

static uint32_t gd_copy_error(const tsr_object* o, char* buf, uint32_t cap) {
    return copy_msg(((const gd*)o->self)->error, buf, cap);
}

/* Keeps the message of a failed oracle call on `problem` as the algorithm's own. */
static tsr_status gd_fail(gd* a, tsr_object* problem, tsr_status s) {
    char buf[MSG_CAP];
    problem->copy_error(problem, buf, sizeof buf);
    copy_msg(buf, a->error, MSG_CAP);
    return s;
}

static void put_x(const tsr_run_context* ctx, const double* x, int64_t d) {
    tsr_array a;
    memset(&a, 0, sizeof a);
    a.struct_size = sizeof a;
    a.dtype = TSR_DTYPE_F64;
    a.name = "x";
    a.ndim = 1;
    a.shape[0] = d;
    a.data = x;
    ctx->put_array(ctx, &a);
}

static tsr_status gd_run(tsr_object* o, const tsr_run_context* ctx) {
    gd* a = gd_of(o);
    tsr_object* p = ctx->problem;
    const tsr_objective_v1* f = (const tsr_objective_v1*)p->get_interface(p, TSR_OBJECTIVE_V1);
    double *x, *g, *X, *fX;
    double fx = 0.0, gnorm = 0.0;
    int64_t d, k = 0, i;
    tsr_status s = TSR_OK;
    static const char* const names[] = {"grad_norm", "step"};
    if (!f) {
        copy_msg("the problem does not serve " TSR_OBJECTIVE_V1, a->error, MSG_CAP);
        return TSR_ERR_UNSUPPORTED;
    }
    if (!a->batch && !f->value_gradient) {
        copy_msg("the problem has no gradient (use mode=batch)", a->error, MSG_CAP);
        return TSR_ERR_UNSUPPORTED;
    }
    d = f->dim(p);
    x = (double*)calloc((size_t)d, sizeof *x);
    g = (double*)calloc((size_t)d, sizeof *g);
    X = (double*)calloc((size_t)(2 * d * d), sizeof *X);
    fX = (double*)calloc((size_t)(2 * d), sizeof *fX);
    if (!x || !g || !X || !fX) {
        free(x), free(g), free(X), free(fX);
        copy_msg("out of memory", a->error, MSG_CAP);
        return TSR_ERR_OUT_OF_MEMORY;
    }
    s = f->initial_point(p, x);
    if (s != TSR_OK) s = gd_fail(a, p, s);
    for (k = 0; s == TSR_OK; ++k) {
        tsr_trace_point tp;
        double vals[2];
        if (!a->ignore_stop && ctx->should_stop(ctx)) {
            s = TSR_STOPPED;
            break;
        }
        if (a->batch) {
            const double h = 1e-6;
            int64_t j;
            for (j = 0; j < d; ++j) {
                for (i = 0; i < d; ++i) X[(2 * j) * d + i] = X[(2 * j + 1) * d + i] = x[i];
                X[(2 * j) * d + j] += h;
                X[(2 * j + 1) * d + j] -= h;
            }
            s = f->value(p, x, &fx);
            if (s == TSR_OK) s = f->value_batch(p, 2 * d, X, fX);
            if (s != TSR_OK) {
                s = gd_fail(a, p, s);
                break;
            }
            for (j = 0; j < d; ++j) g[j] = (fX[2 * j] - fX[2 * j + 1]) / (2 * h);
        } else {
            s = f->value_gradient(p, x, &fx, g);
            if (s != TSR_OK) {
                s = gd_fail(a, p, s);
                break;
            }
        }
        gnorm = 0.0;
        for (i = 0; i < d; ++i) gnorm += g[i] * g[i];
        gnorm = sqrt(gnorm);
        memset(&tp, 0, sizeof tp);
        tp.struct_size = sizeof tp;
        tp.iteration = k;
        tp.objective = fx;
        tp.n_values = 2;
        tp.names = names;
        vals[0] = gnorm;
        vals[1] = a->step;
        tp.values = vals;
        if (ctx->report(ctx, &tp) == TSR_STOPPED && !a->ignore_stop) {
            s = TSR_STOPPED;
            break;
        }
        if (!(gnorm > a->tol) || k + 1 >= a->max_iter) break; /* converged, or NaN, or done */
        for (i = 0; i < d; ++i) x[i] -= a->step * g[i];
    }
    put_x(ctx, x, d);  /* kept even after an error or a refusal */
    ctx->put_scalar(ctx, "iterations", (double)k);
    ctx->put_scalar(ctx, "grad_norm", gnorm);
    if (ctx->log) ctx->log(ctx, 0, "abi_c.gd finished");
    free(x), free(g), free(X), free(fX);
    return s;
}

static const tsr_algorithm_v1 gd_algorithm = {gd_run};

static const void* gd_get_interface(tsr_object* o, const char* id) {
    (void)o;
    return id && strcmp(id, TSR_ALGORITHM_V1) == 0 ? &gd_algorithm : NULL;
}

static const char* const gd_modes[] = {"gradient", "batch"};

static const tsr_param_desc gd_params[] = {
    {sizeof(tsr_param_desc), TSR_PARAM_FLAG_LOG_SCALE, "step", TSR_PARAM_REAL, 0, {TSR_PARAM_REAL, 0, 0.1, 0, NULL},
     1e-12, 10.0, NULL, 0, 0, "fixed step size"},
    {sizeof(tsr_param_desc), 0, "max_iter", TSR_PARAM_INT, 0, {TSR_PARAM_INT, 0, 0.0, 10000, NULL}, 1.0, 1e9, NULL, 0,
     0, "maximum number of iterations"},
    {sizeof(tsr_param_desc), TSR_PARAM_FLAG_LOG_SCALE, "tol", TSR_PARAM_REAL, 0, {TSR_PARAM_REAL, 0, 1e-10, 0, NULL},
     0.0, 1.0, NULL, 0, 0, "stop when ||g|| <= tol"},
    {sizeof(tsr_param_desc), 0, "mode", TSR_PARAM_CHOICE, 0, {TSR_PARAM_CHOICE, 0, 0.0, 0, "gradient"}, 0.0, 0.0,
     gd_modes, 2, 0, "gradient: value_gradient; batch: finite differences through value_batch"},
    {sizeof(tsr_param_desc), 0, "ignore_stop", TSR_PARAM_BOOL, 0, {TSR_PARAM_BOOL, 0, 0.0, 0, NULL}, 0.0, 1.0, NULL, 0,
     0, "never call should_stop (tests the proxy's own refusal)"},
};
#define GD_N_PARAMS ((uint32_t)(sizeof gd_params / sizeof gd_params[0]))

static tsr_status gd_create(const tsr_component_desc* self, const tsr_create_args* args, tsr_object** out, char* err,
                            uint32_t cap) {
    gd* a;
    const tsr_value* v;
    tsr_status s;
    (void)self;
    if (!out) return TSR_ERR_INVALID_ARGUMENT;
    *out = NULL;
    s = check_args(gd_params, GD_N_PARAMS, args, err, cap);
    if (s != TSR_OK) return s;
    a = (gd*)calloc(1, sizeof *a);
    if (!a) return copy_msg("out of memory", err, cap), TSR_ERR_OUT_OF_MEMORY;
    a->step = (v = arg(args, "step")) ? v->real : 0.1;
    a->max_iter = (v = arg(args, "max_iter")) ? v->integer : 10000;
    a->tol = (v = arg(args, "tol")) ? v->real : 1e-10;
    a->batch = (v = arg(args, "mode")) ? strcmp(v->str, "batch") == 0 : 0;
    a->ignore_stop = (v = arg(args, "ignore_stop")) ? v->integer != 0 : 0;
    a->obj.struct_size = sizeof(tsr_object);
    a->obj.self = a;
    a->obj.destroy = gd_destroy;
    a->obj.get_interface = gd_get_interface;
    a->obj.copy_error = gd_copy_error;
    *out = &a->obj;
    return TSR_OK;
}

static const char* const gd_needs[] = {TSR_OBJECTIVE_V1};

static const tsr_component_desc gd_desc = {
    sizeof(tsr_component_desc),
    TSR_KIND_ALGORITHM,
    "abi_c.gd",
    "1.0.0",
    "fixed-step gradient descent written in C99 (ABI test)",
    "Cauchy, C. R. Acad. Sci. Paris 25, 1847",
    gd_params,
    GD_N_PARAMS,
    0,
    NULL,
    gd_needs,
    NULL,
    1,
    0,
    NULL,
    0,
    0,
    gd_create,
};

/* ================================== the plugin ============================================== */

static const tsr_component_desc* const components[] = {&gd_desc, &quad_desc};

static const tsr_plugin_desc plugin = {
    sizeof(tsr_plugin_desc), TSR_ABI_MAJOR, TSR_ABI_MINOR, 2, "abi_c", "1.0.0", "ABI test plugin in plain C99",
    components,
};

TSR_EXPORT const tsr_plugin_desc* tessera_plugin_v1(void) { return &plugin; }
