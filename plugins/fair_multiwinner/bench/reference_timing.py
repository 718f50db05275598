#!/usr/bin/env python3
"""Time of one k-Borda / SNTV selection with the group bound as the paper's notebook computes it
(github.com/AnayMehrotra/Selection-with-Multiple-Rankings-with-Bias, 2023-ICML-Code.ipynb:
a Python loop over votes and places to sum the points, then numpy argsort per group), on random
rankings of the size of the headline instance, for the speed ratio in README.md. Not a copy of the
notebook: the same loop structure, written here; mapel (its election generator) is not needed
because the cost does not depend on the rankings' content.

    python3 plugins/fair_multiwinner/bench/reference_timing.py [--n 500] [--m 50] [--k 10]
"""
import argparse
import time

import numpy as np


def points_by_loop(votes, m, weight):
    """The notebook's scoring: for each vote, for each place, add that place's points."""
    scores = [0] * m
    for vote in votes:
        for place in range(m):
            scores[vote[place]] += weight[place]
    return np.array(scores)


def select_with_quota(scores, k, lower, g1, g2):
    """The best `lower` of G2 and the best k - lower of G1 (the notebook's exactly-l selection)."""
    top1 = g1[np.argsort(-scores[g1])[: k - lower]]
    top2 = g2[np.argsort(-scores[g2])[:lower]]
    return np.concatenate([top1, top2])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--m", type=int, default=50)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=20)
    a = ap.parse_args()
    rng = np.random.default_rng(0)
    votes = [list(rng.permutation(a.m)) for _ in range(a.n)]
    perm = rng.permutation(a.m)
    g1, g2 = perm[: a.m // 2], perm[a.m // 2 :]
    rules = {
        "borda": [a.m - 1 - p for p in range(a.m)],
        "sntv": [1 if p == 0 else 0 for p in range(a.m)],
    }
    for name, weight in rules.items():
        t0 = time.perf_counter()
        for _ in range(a.repeat):
            s = points_by_loop(votes, a.m, weight)
            select_with_quota(s, a.k, a.k // 2, g1, g2)
        dt = (time.perf_counter() - t0) / a.repeat
        print(f"{name}: n={a.n} m={a.m} k={a.k}: {dt * 1e3:.2f} ms per selection")


if __name__ == "__main__":
    main()
