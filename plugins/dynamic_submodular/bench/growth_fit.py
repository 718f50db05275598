#!/usr/bin/env python3
"""growth_fit.py STORE.db — queries per update vs n (and vs k) from a `tessera reproduce dynamic_submodular` store.

For every problem/stream/algorithm: the mean over seeds of sf.queries/mean (and of seconds_per_update,
overhead_fraction, min_ratio) at each n, then two least-squares fits over n:
  log q = a + b log n        (b: power-law exponent; 1 for linear growth, ~0 for polylog)
  q     = a + c (log n)^2    (c and R^2: how well a log^2 n law explains q)
and, for instances that sweep k at one n, the exponent of log q = a + b log k.
Prints Markdown tables (README figures). Standard library only."""
import math
import re
import sqlite3
import sys
from collections import defaultdict


def fit(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    b = sxy / sxx if sxx > 0 else float("nan")
    a = my - b * mx
    ss = sum((y - my) ** 2 for y in ys)
    res = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys))
    return a, b, (1 - res / ss) if ss > 0 else float("nan")


def main():
    db = sqlite3.connect(sys.argv[1])
    rows = db.execute(
        "select r.algorithm_label, r.instance, m.metric_id || '/' || m.name, m.value from runs r "
        "join metric_values m on m.run_id = r.id where r.status = 'ok'")
    vals, kvals = defaultdict(list), defaultdict(list)
    for alg, inst, metric, v in rows:
        m = re.match(r"(\w+)\[(.*)\]", inst)
        if not m or v is None:
            continue
        params = dict(kv.split("=") for kv in m.group(2).split(","))
        if "k" in params:
            kvals[(m.group(1), alg, int(params["k"]), metric)].append(float(v))
        elif "n" in params:
            vals[(m.group(1), params.get("stream", "?"), alg, int(params["n"]), metric)].append(float(v))
    mean = {k: sum(v) / len(v) for k, v in vals.items()}
    groups = sorted({k[:3] for k in mean})
    print("| problem | stream | algorithm | queries/update at n = ... | exponent b (log q ~ b log n) | c, R² of q ~ c log² n | min ratio (worst n) | s/update at largest n | overhead at largest n |")
    print("|---|---|---|---|---|---|---|---|---|")
    for g in groups:
        ns = sorted(k[3] for k in mean if k[:3] == g and k[4] == "sf.queries/mean")
        if len(ns) < 2:
            continue
        q = [mean[g + (n, "sf.queries/mean")] for n in ns]
        _, b, _ = fit([math.log(n) for n in ns], [math.log(max(v, 1e-9)) for v in q])
        _, c, r2 = fit([math.log(n) ** 2 for n in ns], q)
        ratios = [mean.get(g + (n, "sf.value_ratio/min_ratio"), float("nan")) for n in ns]
        big = ns[-1]
        spu = mean.get(g + (big, "sf.queries/seconds_per_update"), float("nan"))
        ovh = mean.get(g + (big, "sf.queries/overhead_fraction"), float("nan"))
        qs = ", ".join(f"{n}: {v:.0f}" for n, v in zip(ns, q))
        print(f"| {g[0]} | {g[1]} | {g[2]} | {qs} | {b:.2f} | {c:.1f}, {r2:.2f} | {min(ratios):.3f} | {spu:.2e} | {ovh:.2f} |")
    kmean = {key: sum(v) / len(v) for key, v in kvals.items()}
    kgroups = sorted({key[:2] for key in kmean})
    if kgroups:
        print()
        print("| problem | algorithm | queries/update at k = ... | exponent b (log q ~ b log k) | min ratio (worst k) |")
        print("|---|---|---|---|---|")
    for g in kgroups:
        ks = sorted(key[2] for key in kmean if key[:2] == g and key[3] == "sf.queries/mean")
        if len(ks) < 2:
            continue
        q = [kmean[g + (k, "sf.queries/mean")] for k in ks]
        _, b, _ = fit([math.log(k) for k in ks], [math.log(max(v, 1e-9)) for v in q])
        ratios = [kmean.get(g + (k, "sf.value_ratio/min_ratio"), float("nan")) for k in ks]
        qs = ", ".join(f"{k}: {v:.0f}" for k, v in zip(ks, q))
        print(f"| {g[0]} | {g[1]} | {qs} | {b:.2f} | {min(ratios):.3f} |")


if __name__ == "__main__":
    main()
