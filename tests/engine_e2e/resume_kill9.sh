#!/usr/bin/env bash
# kill -9 of a running bench (its whole process group: the parent and its workers; then the parent
# alone) leaves a store that opens, with every stored run whole; the same command then runs only
# the rest, and the final store has exactly one run per key, all 40 keys.
source "$(dirname "$0")/lib.sh"

# 1. kill -9 of the whole process group.
cmd=("$TESSERA" bench "$DATA/slow40.toml" --backend processes -j 2 --out resume.db --no-report
     --plugin-path "$E2E_FAULTY")
# setsid: the bench leads its own process group, so that kill -9 -PGID takes its workers too.
setsid "${cmd[@]}" --quiet >first.log 2>&1 &
pid=$!
sleep 1.5
# On a slow machine, wait until something is stored (at most 30 s more).
for _ in $(seq 300); do
    (( $(store_count resume.db) >= 2 )) && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
pgid=$(ps -o pgid= -p "$pid" | tr -d ' ')
[[ -n $pgid ]] || fail "the bench ended before it could be killed: $(cat first.log)"
kill -KILL -- "-$pgid"
wait "$pid" 2>/dev/null || true
# No process of the group may survive (a worker would keep the store's lock).
for _ in $(seq 50); do
    pgrep -g "$pgid" >/dev/null || break
    sleep 0.1
done
if pgrep -g "$pgid" >/dev/null; then fail "processes of the killed bench survive: $(pgrep -g "$pgid" | xargs)"; fi

check whole resume.db
done_before=$(store_count resume.db)
echo "stored before the kill: $done_before of 40"
(( done_before >= 1 && done_before < 40 )) || fail "expected between 1 and 39 runs stored at the kill, got $done_before"

# 2. kill -9 of the parent alone: its workers see their job pipe close and leave by themselves
# (a surviving worker would hold the store's lock), and the store is again whole.
setsid "${cmd[@]}" --quiet >second.log 2>&1 &
pid=$!
for _ in $(seq 300); do
    (( $(store_count resume.db) >= done_before + 2 )) && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
pgid=$(ps -o pgid= -p "$pid" | tr -d ' ')
[[ -n $pgid ]] || fail "the second bench ended before it could be killed: $(cat second.log)"
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
for _ in $(seq 100); do
    pgrep -g "$pgid" >/dev/null || break
    sleep 0.1
done
if pgrep -g "$pgid" >/dev/null; then
    fail "workers of the killed bench still run 10 s later: $(pgrep -g "$pgid" | xargs)"
fi
check whole resume.db
done_before=$(store_count resume.db)
echo "stored after the second kill: $done_before of 40"
(( done_before < 40 )) || fail "the second kill came too late: all 40 runs stored"

# 3. The same command again (not quiet: it says how many it skips) runs only the rest.
run_expect 0 "${cmd[@]}"
match "40 runs; $done_before already stored; $((40 - done_before)) to run"
check whole resume.db 40
echo "resume_kill9: ok"
