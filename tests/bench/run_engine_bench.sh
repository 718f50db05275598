#!/usr/bin/env bash
# tests/bench/run_engine_bench.sh [BUILD_DIR] — benchmarks of the benchmark engine, through the
# real `tessera bench` binary (no CMake target of its own). Prints figures; asserts nothing.
#
#   (a) parallel efficiency: 64 runs of ~0.2 s with -j 1 and -j 2, threads and processes
#       backends, on two workloads: gradient descent on a dense 400-d quadratic (real work,
#       tests/bench/engine/parallel_gd.toml) and a 200 ms CPU spin (parallel_spin.toml).
#       Target (issue 3): speedup >= 1.8x on 2 cores.
#   (b) per-run overhead: N tiny runs (10 evaluations of fn.sphere) per backend at -j 1; the
#       marginal wall time per run is (T(N) - T(N/10)) / (0.9 N), which cancels the start-up.
#       Target: processes - threads < 20 ms per run.
#   (c) store ingest: runs of 10^4 and 10^5 trace points, every point kept ([trace] every = 1),
#       vs the same runs keeping ~2 points: end-to-end points/s, the store's share
#       (points / (T_all - T_2pts)), and bytes on disk per million points (after a WAL
#       checkpoint). Target: >= 100k points/s.
#
# Uses the faulty plugin of tests/engine_e2e (target tessera_e2e_faulty), building it with
# `cmake --build BUILD_DIR --target tessera_e2e_faulty` when it is missing.
# Environment: QUICK=1 (smaller sizes, for a smoke run), KEEP=1 (keep the work folder),
# BACKENDS (default "threads processes").
# Note: wall-clock figures; other load on the machine (builds, tests) lowers them.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
tessera=$build/tessera
[[ -x $tessera ]] || { echo "run_engine_bench.sh: $tessera not found; build first" >&2; exit 2; }
plugin_dir=$build/tests/engine_e2e/plugin
if ! compgen -G "$plugin_dir/*faulty*" >/dev/null; then
    echo "building the faulty plugin (tessera_e2e_faulty)..." >&2
    cmake --build "$build" --target tessera_e2e_faulty >&2 || {
        echo "run_engine_bench.sh: no $plugin_dir; add tests/engine_e2e to the build" >&2
        exit 2
    }
fi
backends=${BACKENDS:-threads processes}
quick=${QUICK:-0}

work=$(mktemp -d /tmp/tessera-engine-bench.XXXXXX)
[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$work"' EXIT
cd "$work"
export TESSERA_PLUGIN_PATH=

now() { date +%s.%N; }
# timed VAR CMD...: runs CMD (must succeed), seconds in VAR.
timed() {
    local __var=$1
    shift
    local __t0 __t1
    __t0=$(now)
    "$@" >"$work/last.log" 2>&1 || { echo "failed: $*" >&2; cat "$work/last.log" >&2; exit 1; }
    __t1=$(now)
    printf -v "$__var" '%s' "$(awk -v a="$__t0" -v b="$__t1" 'BEGIN { printf "%.3f", b - a }')"
}
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
bench() { "$tessera" bench "$@" --quiet --no-report --plugin-path "$plugin_dir"; }
fresh() { rm -f "$1" "$1"-wal "$1"-shm "$1".lock; }
# The size of a store with its WAL folded in.
store_bytes() {
    if command -v sqlite3 >/dev/null; then sqlite3 "$1" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null; fi
    local total=0 f
    for f in "$1" "$1"-wal; do [[ -f $f ]] && total=$((total + $(stat -c %s "$f"))); done
    echo "$total"
}

echo "tessera engine benchmarks — $("$tessera" --version), $(nproc) cores, $(uname -srm)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# ---- (a) parallel efficiency ---------------------------------------------------------------------
reps_a=64
[[ $quick == 1 ]] && reps_a=16
echo "== (a) parallel efficiency: $reps_a runs of ~0.2 s, -j 1 vs -j 2 (target: speedup >= 1.8x on 2 cores)"
printf '%-22s %-10s %8s %8s %8s %8s %11s\n' workload backend "-j1 s" "-j2 s" "s/run" speedup efficiency
for w in gd spin; do
    sed "s/^repetitions = 64/repetitions = $reps_a/" "$here/engine/parallel_$w.toml" >"par_$w.toml"
    for b in $backends; do
        fresh p1.db; timed t1 bench "par_$w.toml" --backend "$b" -j 1 --out p1.db
        fresh p2.db; timed t2 bench "par_$w.toml" --backend "$b" -j 2 --out p2.db
        label=$([[ $w == gd ]] && echo "gd, quadratic d=400" || echo "spin 200 ms")
        printf '%-22s %-10s %8.2f %8.2f %8.3f %7.2fx %10.0f%%\n' "$label" "$b" "$t1" "$t2" \
            "$(calc %.4f "$t1 / $reps_a")" "$(calc %.3f "$t1 / $t2")" "$(calc %.1f "100 * $t1 / $t2 / 2")"
    done
done
echo

# ---- (b) per-run overhead ------------------------------------------------------------------------
n_b=500
[[ $quick == 1 ]] && n_b=100
n_small=$((n_b / 10))
echo "== (b) per-run overhead: $n_b vs $n_small runs of 10 evaluations of fn.sphere, -j 1 (target: processes - threads < 20 ms/run)"
printf '%-10s %6s %9s %6s %9s %14s\n' backend runs "wall s" runs "wall s" "ms/run (marg.)"
declare -A per_run
for b in $backends; do
    sed "s/@REPS@/$n_b/" "$here/engine/overhead.toml" >ov_big.toml
    sed "s/@REPS@/$n_small/" "$here/engine/overhead.toml" >ov_small.toml
    best_big=999999 best_small=999999
    for _ in 1 2; do  # best of two: the least disturbed
        fresh ob.db; timed tb bench ov_big.toml --backend "$b" -j 1 --out ob.db
        fresh os.db; timed ts bench ov_small.toml --backend "$b" -j 1 --out os.db
        best_big=$(calc %.3f "($tb < $best_big) ? $tb : $best_big")
        best_small=$(calc %.3f "($ts < $best_small) ? $ts : $best_small")
    done
    per_run[$b]=$(calc %.3f "1000 * ($best_big - $best_small) / ($n_b - $n_small)")
    printf '%-10s %6d %9.3f %6d %9.3f %14s\n' "$b" "$n_b" "$best_big" "$n_small" "$best_small" "${per_run[$b]}"
done
if [[ -n ${per_run[threads]:-} && -n ${per_run[processes]:-} ]]; then
    echo "processes - threads: $(calc %.3f "${per_run[processes]} - ${per_run[threads]}") ms per run"
fi
echo

# ---- (c) store ingest ----------------------------------------------------------------------------
echo "== (c) store ingest: trace points written (every = 1) vs ~2 points kept; -j 1 (target >= 100k points/s)"
printf '%-10s %5s %5s %-10s %8s %8s %11s %11s %14s\n' points/run runs extra backend "all s" "2pts s" \
    "pts/s e2e" "pts/s store" "MB/1e6 points"
cases="10000:50:0 10000:50:2 100000:10:0 100000:10:2"
[[ $quick == 1 ]] && cases="10000:10:0 100000:2:2"
for c in $cases; do
    IFS=: read -r points runs extra <<<"$c"
    mk() {  # mk FILE TRACE-LINE
        sed -e "s/@REPS@/$runs/" -e "s/@POINTS@/$points/" -e "s/@EXTRA@/$extra/" -e "s/@TRACE@/$2/" \
            "$here/engine/ingest.toml" >"$1"
    }
    mk ing_all.toml "every = 1"
    mk ing_two.toml "every = $points"
    for b in $backends; do
        fresh ia.db; timed ta bench ing_all.toml --backend "$b" -j 1 --out ia.db
        fresh i2.db; timed t2 bench ing_two.toml --backend "$b" -j 1 --out i2.db
        total=$((points * runs))
        bytes_all=$(store_bytes ia.db)
        bytes_two=$(store_bytes i2.db)
        dt=$(calc %.4f "$ta - $t2")
        store_rate=$(calc %.0f "($dt > 0.001) ? $total / $dt : 0")
        # bytes per point = MB (10^6 bytes) per million points
        printf '%-10s %5d %5d %-10s %8.3f %8.3f %11.0f %11s %14.1f\n' "$points" "$runs" "$extra" "$b" \
            "$ta" "$t2" "$(calc %.0f "$total / $ta")" "$store_rate" \
            "$(calc %.2f "($bytes_all - $bytes_two) / $total")"
    done
done
echo "(columns per point: iteration, evals, seconds, objective, units:tsr.objective.v1/value, + extra;"
echo " 'pts/s store' = points / (T_all - T_2pts): the cost of collecting, sending and storing them)"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
