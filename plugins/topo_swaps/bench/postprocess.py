#!/usr/bin/python3
"""TOPO as a post-processor (the paper's second use): run NOTEARS and DAGMA on sem.linear, write each
output W as CSV, start topo.swaps from its order (init = file) on the same instance (same seed), and
print the least-squares scores and SHDs before and after. An experiment config cannot chain two runs
yet, so this script does it with `tessera run --json`.

  /usr/bin/python3 postprocess.py /path/to/tessera --d 10 20 --seeds 1 2 3
"""
import argparse, json, os, subprocess, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("tessera")
ap.add_argument("--d", type=int, nargs="+", default=[10, 20])
ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
ap.add_argument("--methods", nargs="+", default=["dag.notears", "dag.dagma"])
a = ap.parse_args()


def run(alg, d, seed, params=()):
    cmd = [a.tessera, "run", "-a", alg, "-p", "sem.linear", "--problem-param", f"d={d}", "--seed", str(seed),
           "-m", "dag.ls_score", "-m", "dag.structure", "--json"]
    for p in params:
        cmd += ["--param", p]
    r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    m = {v["output"]: v["value"] for v in r["metric_values"]}
    W = next(x for x in r["arrays"] if x["name"] == "W")
    return m, W, r["cpu_seconds"]


tmp = tempfile.mkdtemp()
print("method  d  seed  score_raw before -> after  | thresholded before -> after | SHD before -> after | topo CPU s")
for alg in a.methods:
    for d in a.d:
        for seed in a.seeds:
            m0, W, _ = run(alg, d, seed)
            path = os.path.join(tmp, f"{alg}_{d}_{seed}.csv")
            n = W["shape"][0]
            with open(path, "w") as f:
                for i in range(n):
                    f.write(",".join(repr(float(v)) for v in W["data"][i * n:(i + 1) * n]) + "\n")
            m1, _, cpu = run("topo.swaps", d, seed, ["init=file", f"init_file={path}"])
            print(f"{alg:12s} {d:3d} {seed:3d}  {m0['ls_score_raw']:.4f} -> {m1['ls_score_raw']:.4f}  | "
                  f"{m0['ls_score']:.4f} -> {m1['ls_score']:.4f} | {m0['shd']:.0f} -> {m1['shd']:.0f} | {cpu:.4f}",
                  flush=True)
