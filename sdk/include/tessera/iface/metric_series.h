/*
 * tessera/iface/metric_series.h — `tsr.metric_series.v1`: a metric's values along the run, one per
 * trace point, besides its final values (`tsr.metric.v1`).
 *
 * Served by a metric object (not a problem), next to tsr.metric.v1. For quantities a metric
 * measures from the run's record and that have a value at every time of the run — the value ratio
 * f(S_t)/f(greedy_t) of a dynamic algorithm at each trace point — where the algorithm cannot
 * report them itself (it would have to compute the offline greedy, or the ground truth it must
 * not see).
 *
 * Scenario — the host, after evaluate:
 *
 *     const tsr_metric_series_v1* s = metric->get_interface(metric, TSR_METRIC_SERIES_V1);
 *     if (s) {
 *         double* out = host_alloc(s->n_series * input.n_trace);   // host-owned
 *         s->evaluate_series(metric, &input, out);                  // same input as evaluate
 *         // series j at trace point i is out[j * input.n_trace + i]; the host stores it as the
 *         // trace column "<metric id>/<series j name>", drawn by the report like any traced value
 *     }
 *
 * The input is the one `evaluate` got: the trace columns include the host's record of the
 * interaction ("env.steps", "stream.steps": where the run was at each trace point), so a series
 * can be placed in time without trusting the algorithm.
 *
 * Ownership: the table, `series` and its strings are static or live as long as the metric object.
 * `out` is owned by the host. Counting: calls on input->problem are not the run's (not proxied).
 */
#ifndef TESSERA_IFACE_METRIC_SERIES_H
#define TESSERA_IFACE_METRIC_SERIES_H

#include "../abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSR_METRIC_SERIES_V1 "tsr.metric_series.v1"

typedef struct tsr_metric_series_v1 {
    uint32_t struct_size;
    uint32_t n_series;
    /* name (appended to the metric id: "sf.value_ratio/ratio"), direction, help of each series */
    const tsr_metric_output* series;

    /* [object] Writes series j at trace point i into out[j * input->n_trace + i], for
     * j < n_series and i < input->n_trace; NaN where a value is not defined at that point. On an
     * error the host keeps none of `out`. */
    tsr_status (*evaluate_series)(tsr_object* metric, const tsr_metric_input* input, double* out);
} tsr_metric_series_v1;

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_IFACE_METRIC_SERIES_H */
