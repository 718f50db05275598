#!/usr/bin/env bash
# The same experiment with threads -j1, threads -j2 and processes -j2 gives identical stores:
# the same run keys, and per key the same metric values, traces, counters, arrays and scalars,
# bit for bit (timing and provenance fields left out; see check.cpp).
source "$(dirname "$0")/lib.sh"

run_expect 0 bench "$DATA/same.toml" --backend threads -j 1 --out t1.db
run_expect 0 bench "$DATA/same.toml" --backend threads -j 2 --out t2.db
run_expect 0 bench "$DATA/same.toml" --backend processes -j 2 --out p2.db
check whole t1.db 33
check same t1.db t2.db p2.db
echo "same_results: ok"
