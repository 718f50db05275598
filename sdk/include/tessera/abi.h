/*
 * tessera/abi.h — the Tessera plugin ABI, version 1 (C99).
 *
 * ---------------------------------------------------------------------------------------------
 * The idea
 * ---------------------------------------------------------------------------------------------
 * A plugin is a shared library exporting ONE symbol, `tessera_plugin_v1`, a function returning a
 * static `tsr_plugin_desc`. The descriptor lists COMPONENTS of three kinds:
 *
 *   - problems   (a quadratic, a linear SEM dataset, a bandit environment, ...),
 *   - algorithms (L-BFGS, CoLiDE, EXP3, ...),
 *   - metrics    (suboptimality, SHD, regret, ...).
 *
 * Every component is described statically — id, version, summary, paper, parameter schema, the
 * interfaces it provides (problems) or needs (algorithms), the outputs it computes (metrics) — so
 * that the host can list, document and pair components without creating anything.
 *
 * A component is instantiated with `create`, which returns a `tsr_object`. An object exposes
 * CAPABILITIES through `get_interface(obj, "tsr.objective.v1")`: a frozen table of function
 * pointers declared in `tessera/iface/<name>.h`, or NULL. Algorithms are objects exposing
 * `tsr.algorithm.v1`, metrics objects exposing `tsr.metric.v1`; both are declared here because
 * every host needs them.
 *
 * ---------------------------------------------------------------------------------------------
 * Scenario: one run (what `tessera run` does)
 * ---------------------------------------------------------------------------------------------
 *   1. host: desc = tessera_plugin_v1();  checks desc->abi_major == TSR_ABI_MAJOR.
 *   2. host: problem = P->create(&args{params, seed});            problem object
 *   3. host: wraps the problem in a PROXY object of its own, serving the same interfaces, which
 *            counts and times every oracle call and refuses calls beyond the budget
 *            (status TSR_BUDGET_EXHAUSTED).
 *   4. host: algo = A->create(&args{params, seed});
 *            run  = get_interface(algo, TSR_ALGORITHM_V1)->run(algo, &ctx);
 *            ctx carries the proxy, the run seed, the budget, max_threads and host callbacks:
 *            report a trace point, ask whether to stop, hand over the solution arrays.
 *   5. host: for each metric M: m = M->create(...); evaluate(m, &input{run record, problem}, out).
 *   6. host: destroy(algo), destroy(problem), destroy(m). Libraries stay loaded (never dlclose).
 *
 * ---------------------------------------------------------------------------------------------
 * Rules (see DESIGN.md §3)
 * ---------------------------------------------------------------------------------------------
 *   - Only C crosses: fixed-width integers, double, const char* (UTF-8, NUL-terminated), pointers
 *     to structs of those. Enumerations are int32_t fields with #define'd values.
 *   - Growable structs start with `uint32_t struct_size`. Fields are only appended. A reader
 *     touches a field only if struct_size covers it (TSR_HAS_FIELD). Writers set struct_size to
 *     sizeof the struct they were compiled with.
 *   - Function tables (interfaces) are frozen once released: a new function means a new id.
 *   - Whoever allocates frees. Objects die through their own `destroy`. Buffers passed by the host
 *     are owned by the host; strings and arrays returned by a plugin stay valid for the stated
 *     lifetime and the host copies what it keeps.
 *   - Errors are status codes (0 = ok). An object keeps the message of its last failed call,
 *     readable with `copy_error`. Nothing unwinds across the ABI.
 *   - Randomness comes only from the seeds the host passes.
 *
 * Thread rules, written in brackets on every function:
 *   [any]     may be called from any thread, concurrently with anything.
 *   [serial]  called by the host from one thread at a time, never concurrently with another
 *             [serial] function of the same library.
 *   [object]  called from one thread at a time for a given object; different objects may be used
 *             concurrently from different threads. This is the default for objects.
 */
#ifndef TESSERA_ABI_H
#define TESSERA_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- versions ------------------------------------------------------------------------------ */

/* A host refuses a plugin whose abi_major differs from its own. A plugin built against a newer
 * minor (larger structs, more interfaces) loads in an older host. */
#define TSR_ABI_MAJOR 1
#define TSR_ABI_MINOR 1  /* 1.1: tsr_run_context.inputs */

#define TSR_ENTRY_SYMBOL "tessera_plugin_v1"

/* True when a struct written by the other side is large enough to hold `field`. */
#define TSR_HAS_FIELD(ptr, type, field) \
    ((ptr)->struct_size >= (uint32_t)(offsetof(type, field) + sizeof(((type*)0)->field)))

/* Element i of an array of growable structs written by the other side: the stride is the
 * element's own struct_size, which a newer writer makes larger than the reader's sizeof. Every
 * array of structs that start with struct_size (parameters, outputs, arrays) is walked so. */
#define TSR_ELEM(type, base, i) \
    ((const type*)((const char*)(base) + (size_t)(i) * (size_t)((base)->struct_size)))

#if defined(_WIN32)
#define TSR_EXPORT __declspec(dllexport)
#else
#define TSR_EXPORT __attribute__((visibility("default")))
#endif

/* ---- status codes -------------------------------------------------------------------------- */

typedef int32_t tsr_status;

#define TSR_OK                  0
#define TSR_ERR_INVALID_ARGUMENT 1  /* a parameter or input the callee rejects                  */
#define TSR_ERR_UNSUPPORTED      2  /* the call is valid but not implemented by this object      */
#define TSR_ERR_OUT_OF_MEMORY    3
#define TSR_ERR_RUNTIME          4  /* any other failure; the message says what                  */
#define TSR_ERR_NOT_FOUND        5  /* a named item (array, scalar, matrix) does not exist       */
#define TSR_ERR_IO               6  /* a file could not be read or parsed                        */
#define TSR_BUDGET_EXHAUSTED     7  /* the host proxy refused an oracle call: budget spent       */
#define TSR_STOPPED              8  /* the algorithm stopped because should_stop said so         */
#define TSR_ERR_NUMERIC          9  /* NaN/Inf where a finite number was required               */

/* ---- objects ------------------------------------------------------------------------------- */

typedef struct tsr_object tsr_object;

struct tsr_object {
    uint32_t struct_size;
    uint32_t reserved0;
    /* Private state of whoever created the object. The other side never touches it. */
    void* self;

    /* [object] Destroys the object and everything it owns; `obj` is invalid afterwards.
     * Interface tables and strings obtained from it become invalid too. */
    void (*destroy)(tsr_object* obj);

    /* [object] Returns the function table of interface `id` ("tsr.objective.v1", ...) or NULL if
     * the object does not serve it. The table is static or lives as long as the object. The
     * functions of the table take this same `obj` as their first argument. */
    const void* (*get_interface)(tsr_object* obj, const char* id);

    /* [object] Copies the message of the last call on `obj` that returned a non-zero status into
     * `buf` (capacity `cap` bytes, always NUL-terminated when cap > 0, truncated if needed).
     * Returns the full length of the message, excluding the NUL; 0 when there is none. */
    uint32_t (*copy_error)(const tsr_object* obj, char* buf, uint32_t cap);
};

/* ---- parameters ---------------------------------------------------------------------------- */

#define TSR_PARAM_REAL   1  /* double                                            */
#define TSR_PARAM_INT    2  /* int64_t                                           */
#define TSR_PARAM_BOOL   3  /* int64_t, 0 or 1                                   */
#define TSR_PARAM_CHOICE 4  /* string, one of `choices`                          */
#define TSR_PARAM_STRING 5  /* free string (a path, a list written as text, ...) */

/* A typed value. Exactly the field matching `type` is meaningful. `str` is borrowed: it lives
 * as long as the struct holding it (descriptor: forever; create args: during the create call). */
typedef struct tsr_value {
    int32_t type;
    int32_t reserved0;
    double real;
    int64_t integer; /* INT and BOOL */
    const char* str; /* CHOICE and STRING */
} tsr_value;

#define TSR_PARAM_FLAG_LOG_SCALE 1u /* a grid over this parameter is naturally log-spaced */

/* One entry of a component's parameter schema. For REAL and INT, [min, max] is the allowed closed
 * range (use -INFINITY / INFINITY, or INT64 extremes stored as doubles, when unbounded). */
typedef struct tsr_param_desc {
    uint32_t struct_size;
    uint32_t flags;             /* TSR_PARAM_FLAG_*                                   */
    const char* name;           /* [a-z0-9_]+                                          */
    int32_t type;               /* TSR_PARAM_*                                         */
    int32_t reserved0;
    tsr_value default_value;    /* type equals `type`                                 */
    double min;
    double max;
    const char* const* choices; /* CHOICE only: n_choices strings                     */
    uint32_t n_choices;
    uint32_t reserved1;
    const char* help;           /* one line: meaning, unit, the paper's default       */
} tsr_param_desc;

/* A parameter as passed to `create`: the host validates user input against the schema, fills in
 * defaults, and always passes EVERY parameter of the schema, in schema order. */
typedef struct tsr_param {
    const char* name;
    tsr_value value;
} tsr_param;

/* ---- named arrays (solutions, ground truth) ------------------------------------------------ */

#define TSR_DTYPE_F64 1
#define TSR_DTYPE_I64 2
#define TSR_DTYPE_I32 3
#define TSR_DTYPE_U8  4

#define TSR_MAX_NDIM 4

/* A dense, C-contiguous (row-major) array. `data` is borrowed: see the lifetime stated by the
 * function that hands it over. ndim == 0 is a scalar held in data[0]. */
typedef struct tsr_array {
    uint32_t struct_size;
    int32_t dtype;                /* TSR_DTYPE_*                                             */
    const char* name;
    int32_t ndim;
    int32_t reserved0;
    int64_t shape[TSR_MAX_NDIM];  /* entries beyond ndim are ignored                         */
    const void* data;
} tsr_array;

/* ---- runs ---------------------------------------------------------------------------------- */

/* Limits of one run; 0 means unlimited. Oracle units: one function of an interface evaluated at
 * one point or on one term (a batch of m points, or a minibatch of m terms, counts m). */
typedef struct tsr_budget {
    uint32_t struct_size;
    uint32_t reserved0;
    int64_t max_evals;      /* oracle units, enforced by the host proxy                           */
    int64_t max_iterations; /* trace points reported, enforced through should_stop              */
    double max_seconds;     /* wall clock, enforced through should_stop                         */
} tsr_budget;

/* One point of the convergence trace, reported by the algorithm. The host adds the oracle
 * counts and the elapsed time itself; the algorithm does not (cannot) fake them. A non-finite
 * objective marks the run as diverged, unless flags has TSR_TRACE_NO_OBJECTIVE (algorithms with
 * no objective value to report: bandits, samplers, ...). */
#define TSR_TRACE_NO_OBJECTIVE 1u

typedef struct tsr_trace_point {
    uint32_t struct_size;
    uint32_t flags;              /* TSR_TRACE_*                                                */
    int64_t iteration;
    double objective;
    uint32_t n_values;           /* extra named scalars ("step", "grad_norm", ...)             */
    uint32_t reserved0;
    const char* const* names;
    const double* values;
} tsr_trace_point;

typedef struct tsr_run_context tsr_run_context;

struct tsr_run_context {
    uint32_t struct_size;
    int32_t max_threads;  /* the algorithm may use up to this many threads (OpenMP)          */
    uint64_t seed;        /* the only source of randomness of this run                       */
    tsr_budget budget;
    /* The problem, as the host proxy: serves the problem's interfaces, counts and times every
     * call. Owned by the host; valid during `run`. Calls on it follow the [object] rule. */
    tsr_object* problem;
    /* Opaque host state for the callbacks below. */
    void* host;

    /* [object] Appends a point to the trace. The host copies everything; pointers may die
     * after the call. Returns TSR_OK, or TSR_STOPPED when the run should end (same as
     * should_stop). */
    tsr_status (*report)(const tsr_run_context* ctx, const tsr_trace_point* point);

    /* [object] Non-zero when the algorithm should stop now: budget spent (evaluations,
     * iterations or seconds) or the user interrupted. Cheap: call it every iteration. */
    int32_t (*should_stop)(const tsr_run_context* ctx);

    /* [object] Hands over a named solution array (`x`, `W`, `labels`, ...). The host copies it
     * during the call. Calling again with the same name replaces the earlier array. */
    tsr_status (*put_array)(const tsr_run_context* ctx, const tsr_array* array);

    /* [object] Hands over a named scalar result (`iterations`, `converged`, ...). Same rules. */
    tsr_status (*put_scalar)(const tsr_run_context* ctx, const char* name, double value);

    /* [any] A line of diagnostic text for the run log (level: 0 debug, 1 info, 2 warning). */
    void (*log)(const tsr_run_context* ctx, int32_t level, const char* message);

    /* Since ABI 1.1 (read only when TSR_HAS_FIELD(ctx, tsr_run_context, inputs)): the solution
     * arrays of an earlier run that this run continues — in an experiment, `after = "LABEL"` hands
     * each run the arrays of LABEL's run on the same problem instance and seed — for
     * post-processing methods (a search started from another method's output). Owned by the
     * host, read-only, valid during `run`; n_inputs == 0 when there are none. Elements are
     * sizeof(tsr_array) apart (TSR_ELEM). */
    uint32_t n_inputs;
    uint32_t reserved1;
    const tsr_array* inputs;
};

#define TSR_ALGORITHM_V1 "tsr.algorithm.v1"

typedef struct tsr_algorithm_v1 {
    /* [object] Runs the algorithm to completion on ctx->problem. Returns TSR_OK when it finished
     * by its own criterion, TSR_STOPPED when should_stop ended it, TSR_BUDGET_EXHAUSTED when an
     * oracle call was refused, or an error (message through copy_error). Solution arrays handed
     * over with put_array before an error or a refusal are kept. */
    tsr_status (*run)(tsr_object* algorithm, const tsr_run_context* ctx);
} tsr_algorithm_v1;

/* ---- metrics ------------------------------------------------------------------------------- */

#define TSR_LOWER_IS_BETTER  (-1)
#define TSR_HIGHER_IS_BETTER 1
#define TSR_NO_DIRECTION     0

typedef struct tsr_metric_output {
    uint32_t struct_size;
    int32_t direction; /* TSR_LOWER_IS_BETTER, TSR_HIGHER_IS_BETTER or TSR_NO_DIRECTION */
    const char* name;  /* the value's name, appended to the metric id: "opt.suboptimality"  */
    const char* help;
} tsr_metric_output;

/* One oracle counter of the host proxy: calls and units of one function of one interface
 * ("tsr.objective.v1/gradient"). */
typedef struct tsr_counter {
    const char* name;
    int64_t calls;
    int64_t units;
    double seconds;
} tsr_counter;

/* Everything a metric may look at. All pointers are owned by the host and valid during
 * `evaluate` only. Trace columns have n_trace entries each. */
typedef struct tsr_metric_input {
    uint32_t struct_size;
    int32_t run_status;               /* the algorithm's status (TSR_OK, TSR_STOPPED, ...)    */
    /* The problem, NOT proxied: calls on it are not counted, the metric may re-evaluate. */
    tsr_object* problem;
    int64_t n_trace;
    const int64_t* trace_iteration;
    const int64_t* trace_evals;       /* total oracle units at that point                     */
    const double* trace_seconds;      /* wall time since the run started                      */
    const double* trace_objective;
    uint32_t n_trace_columns;         /* extra named columns reported by the algorithm        */
    uint32_t n_arrays;
    const char* const* trace_column_names;
    const double* const* trace_columns;
    const tsr_array* arrays;          /* the solution                                         */
    uint32_t n_scalars;
    uint32_t n_counters;
    const char* const* scalar_names;
    const double* scalar_values;
    const tsr_counter* counters;
    double wall_seconds;              /* of the whole run                                     */
    int64_t total_evals;
} tsr_metric_input;

#define TSR_METRIC_V1 "tsr.metric.v1"

typedef struct tsr_metric_v1 {
    /* [object] Computes the metric's outputs into out[0 .. n_outputs-1] (order of the
     * descriptor's `outputs`). A value that cannot be computed (target never reached) is NaN. */
    tsr_status (*evaluate)(tsr_object* metric, const tsr_metric_input* input, double* out);
} tsr_metric_v1;

/* ---- components and plugins ---------------------------------------------------------------- */

#define TSR_KIND_PROBLEM   1
#define TSR_KIND_ALGORITHM 2
#define TSR_KIND_METRIC    3

typedef struct tsr_component_desc tsr_component_desc;

/* Arguments of `create`. Owned by the host; valid during the call only. */
typedef struct tsr_create_args {
    uint32_t struct_size;
    uint32_t n_params;
    const tsr_param* params; /* every schema parameter, in schema order, validated        */
    uint64_t seed;           /* problems draw their instance from it                      */
} tsr_create_args;

struct tsr_component_desc {
    uint32_t struct_size;
    int32_t kind;                     /* TSR_KIND_*                                           */
    const char* id;                   /* namespaced, lower case: "opt.lbfgs", "sem.linear"   */
    const char* version;              /* semantic version of the component: "1.0.0"          */
    const char* summary;              /* one line                                             */
    const char* paper;                /* citation of the source paper, or NULL               */

    const tsr_param_desc* params;
    uint32_t n_params;
    uint32_t n_provides;
    /* PROBLEM: interfaces its objects serve. */
    const char* const* provides;
    /* ALGORITHM: interfaces the problem must serve (needs) or may serve (wants). METRIC: the
     * interfaces the metric needs on the problem (ground truth, objective, ...). */
    const char* const* needs;
    const char* const* wants;
    uint32_t n_needs;
    uint32_t n_wants;
    /* METRIC: the values it computes. */
    const tsr_metric_output* outputs;
    uint32_t n_outputs;
    uint32_t flags;                   /* reserved, 0                                          */

    /* [any] Creates an object. On success *out is set and TSR_OK returned; the caller destroys
     * it with (*out)->destroy. On failure a message is written into err (capacity err_cap,
     * NUL-terminated) and *out is left NULL. */
    tsr_status (*create)(const tsr_component_desc* self, const tsr_create_args* args,
                         tsr_object** out, char* err, uint32_t err_cap);
};

typedef struct tsr_plugin_desc {
    uint32_t struct_size;
    uint32_t abi_major;               /* TSR_ABI_MAJOR the plugin was built with              */
    uint32_t abi_minor;
    uint32_t n_components;
    const char* name;                 /* "baselines"                                          */
    const char* version;              /* of the library                                       */
    const char* summary;
    const tsr_component_desc* const* components;
} tsr_plugin_desc;

/* [serial] The entry point. Returns a descriptor that lives as long as the library is loaded
 * (the host never unloads it). Must not fail; may be called more than once. */
typedef const tsr_plugin_desc* (*tsr_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_ABI_H */
