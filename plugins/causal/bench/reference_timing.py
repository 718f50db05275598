"""Times the reference NOTEARS (xunzheng/notears, notears/linear.py) and DAGMA
(kevinsbello/dagma, src/dagma/linear.py) on linear-Gaussian ER2 data, n = 1000, and writes each
instance as CSV (X and W_true) so that dag.notears / dag.dagma run on exactly the same data
through sem.csv.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 reference_timing.py REF_DIR OUT_DIR \
        --method notears --d 20 --seeds 1 2 3 [--hetero]

REF_DIR holds the two checkouts' packages: REF_DIR/notears and REF_DIR/src/dagma. The data come
from NOTEARS' own utils (simulate_dag 'ER' with s0 = 2d, simulate_parameter, simulate_linear_sem
'gauss'); --hetero draws per-node noise standard deviations sqrt(U[0.5, 10]) as CoLiDE's
non-equal-variance setting. Prints one line per run: method, instance, wall and CPU seconds, SHD, predicted edges
(CPU seconds are the fair figure on a shared machine).
"""
import argparse
import os
import sys
import time

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ref")
    ap.add_argument("out")
    ap.add_argument("--method", choices=["notears", "dagma", "none"], default="none")
    ap.add_argument("--d", type=int, default=20)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1])
    ap.add_argument("--hetero", action="store_true")
    a = ap.parse_args()
    sys.path.insert(0, a.ref)
    sys.path.insert(0, os.path.join(a.ref, "src"))
    from notears import utils

    os.makedirs(a.out, exist_ok=True)
    for seed in a.seeds:
        utils.set_random_seed(seed)
        B = utils.simulate_dag(a.d, 2 * a.d, "ER")
        W = utils.simulate_parameter(B)
        scale = np.sqrt(np.random.uniform(0.5, 10.0, a.d)) if a.hetero else None
        X = utils.simulate_linear_sem(W, a.n, "gauss", noise_scale=scale)
        tag = f"{'nv' if a.hetero else 'ev'}_d{a.d}_s{seed}"
        np.savetxt(os.path.join(a.out, f"X_{tag}.csv"), X, delimiter=",")
        np.savetxt(os.path.join(a.out, f"W_{tag}.csv"), W, delimiter=",")
        if a.method == "none":
            continue
        t0, c0 = time.perf_counter(), time.process_time()
        if a.method == "notears":
            from notears.linear import notears_linear
            W_est = notears_linear(X.copy(), lambda1=0.1, loss_type="l2")
        else:
            from dagma.linear import DagmaLinear
            W_est = DagmaLinear(loss_type="l2").fit(X.copy())
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        B_est = (W_est != 0).astype(float)
        if utils.is_dag(B_est):
            acc = utils.count_accuracy(B, B_est)
            shd, nnz = acc["shd"], acc["nnz"]
        else:
            shd, nnz = float("nan"), int(B_est.sum())
        print(f"{a.method} {tag} wall {secs:.2f} cpu {cpu:.2f} shd {shd} nnz {nnz}", flush=True)


if __name__ == "__main__":
    main()
