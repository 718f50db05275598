#!/usr/bin/env python3
"""The utility ratio against the number of rankings, per score function, from a results store.

`tessera report --vs n` draws this curve (medians and quartiles); this prints it as a table for the
README: for each problem label, one row per algorithm label and one column per value of n, the
mean (± standard error) over seeds of a metric output.

    tessera export STORE.db --csv DIR
    python3 plugins/fair_multiwinner/bench/sweep_table.py DIR [--metric mw.utility_ratio/score_ratio] [--param n]
"""
import argparse
import csv
import math
import re
from collections import defaultdict


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv_dir")
    ap.add_argument("--metric", default="mw.utility_ratio/score_ratio")
    ap.add_argument("--param", default="n")
    a = ap.parse_args()
    metric, output = a.metric.split("/")
    runs = {}
    with open(f"{a.csv_dir}/runs.csv") as f:
        for r in csv.DictReader(f):
            m = re.search(rf"[\[,]{a.param}=([^,\]]+)", r["instance"])
            if m and r["status"] in ("ok", "stopped", "budget_exhausted"):
                runs[r["id"]] = (r["problem_label"], r["algorithm_label"], float(m.group(1)))
    values = defaultdict(list)
    with open(f"{a.csv_dir}/metrics.csv") as f:
        for r in csv.DictReader(f):
            if r["metric"] == metric and r["output"] == output and r["run_id"] in runs:
                v = float(r["value"])
                if math.isfinite(v):
                    values[runs[r["run_id"]]].append(v)
    for problem in sorted({p for p, _, _ in values}):
        xs = sorted({x for p, _, x in values if p == problem})
        algs = sorted({al for p, al, _ in values if p == problem}, key=lambda s: (s.replace("_fair", ""), s))
        print(f"\n{problem}: {a.metric}, mean ± s.e. over seeds, by {a.param}")
        print(f"| algorithm | " + " | ".join(f"{a.param}={x:g}" for x in xs) + " |")
        print("|---|" + "---|" * len(xs))
        for al in algs:
            cells = []
            for x in xs:
                v = values.get((problem, al, x), [])
                if not v:
                    cells.append("–")
                    continue
                mean = sum(v) / len(v)
                se = math.sqrt(sum((y - mean) ** 2 for y in v) / (len(v) - 1) / len(v)) if len(v) > 1 else 0.0
                cells.append(f"{mean:.3f} ± {se:.3f}")
            print(f"| {al} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
