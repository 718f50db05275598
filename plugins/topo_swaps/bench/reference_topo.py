#!/usr/bin/python3
"""Runs the reference TOPO (github.com/Duntrain/TOPO, Topo_linear.py) on linear-Gaussian ER2 data and
writes, for the tessera side, the same instance and the same starting order:

  X_d{d}_s{seed}.csv      the data, centered (TOPO's score on centered X is the one topo.swaps minimizes)
  W_d{d}_s{seed}.csv      the true weighted adjacency
  init_d{d}_s{seed}.csv   a chain along the random starting order (init = file reproduces the order)

and prints, per instance, the reference's CPU seconds, final score and SHD.

  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 reference_topo.py /path/to/TOPO OUTDIR --d 20 --seeds 1 2 3
"""
import argparse, os, sys, time, types

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("topo_dir")
ap.add_argument("out")
ap.add_argument("--d", type=int, default=20)
ap.add_argument("--n", type=int, default=1000)
ap.add_argument("--seeds", type=int, nargs="+", default=[1])
a = ap.parse_args()

sys.modules.setdefault("torch", types.ModuleType("torch"))  # imported by Topo_utils, used only by the nonlinear code
sys.path.insert(0, a.topo_dir)
import importlib.util
spec = importlib.util.spec_from_file_location("topo_utils", os.path.join(a.topo_dir, "Topo_utils.py"))
tu = importlib.util.module_from_spec(spec); sys.modules["topo_utils"] = tu; spec.loader.exec_module(tu)
spec = importlib.util.spec_from_file_location("Topo_linear", os.path.join(a.topo_dir, "Topo_linear.py"))
tl = importlib.util.module_from_spec(spec); spec.loader.exec_module(tl)
from sklearn.linear_model import LinearRegression


def regress(X, y):
    reg = LinearRegression(fit_intercept=False)
    reg.fit(X=X, y=y)
    return reg.coef_


def score(X, W):
    R = X - X @ W
    return 0.5 / X.shape[0] * (R ** 2).sum(), -1.0 / X.shape[0] * X.T @ R


def er2(d, rng):  # NOTEARS simulate_dag('ER', 2d) + simulate_parameter, random order
    pairs = [(i, j) for i in range(d) for j in range(i + 1, d)]
    pick = rng.choice(len(pairs), size=min(2 * d, len(pairs)), replace=False)
    B = np.zeros((d, d))
    for k in pick:
        B[pairs[k]] = 1
    P = rng.permutation(d)
    B = B[np.ix_(P, P)]
    W = B * rng.uniform(0.5, 2.0, (d, d)) * rng.choice([-1, 1], (d, d))
    return W


def shd(Wt, We):
    B, E = Wt != 0, np.abs(We) > 0.3
    extra = E & ~B & ~B.T
    missing = B & ~E & ~E.T
    rev = E & B.T & ~B
    return int(extra.sum() + missing.sum() + rev.sum())


os.makedirs(a.out, exist_ok=True)
d = a.d
size_small, size_large = min(100, d * (d - 1) // 2), min(400, d * (d - 1) // 2)
for seed in a.seeds:
    rng = np.random.default_rng(seed)
    W = er2(d, rng)
    X = rng.standard_normal((a.n, d)) @ np.linalg.inv(np.eye(d) - W)
    X = X - X.mean(axis=0)
    order = [int(v) for v in rng.permutation(d)]
    chain = np.zeros((d, d))
    for p in range(d - 1):
        chain[order[p], order[p + 1]] = 1
    np.savetxt(f"{a.out}/X_d{d}_s{seed}.csv", X, delimiter=",")
    np.savetxt(f"{a.out}/W_d{d}_s{seed}.csv", W, delimiter=",")
    np.savetxt(f"{a.out}/init_d{d}_s{seed}.csv", chain, delimiter=",", fmt="%g")
    tl.X = X  # TOPO_linear._init_W reads the module-level X (as in the reference's __main__)
    model = tl.TOPO_linear(regress=regress, score=score)
    t0 = time.process_time()
    W_est, _, _, loss = model.fit(X=X, topo=list(order), no_large_search=1, size_small=size_small, size_large=size_large)
    t1 = time.process_time()
    print(f"d={d} seed={seed} cpu_s={t1 - t0:.3f} score={score(X, W_est)[0]:.6f} shd={shd(W, W_est)}", flush=True)
