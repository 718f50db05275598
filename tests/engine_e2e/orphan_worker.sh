#!/usr/bin/env bash
# kill -9 of the bench parent alone while a worker is stuck in a run that never ends: the worker
# must not outlive its parent (it would spin forever and hold the store's lock, so that the
# same command could not resume: "another `tessera bench` is writing ..."). Then the same
# command resumes and records the hanging run as timeout.
source "$(dirname "$0")/lib.sh"

pgid=""
cleanup() { if [[ -n $pgid ]]; then kill -KILL -- "-$pgid" 2>/dev/null || true; fi; }
trap cleanup EXIT

setsid "$TESSERA" bench "$DATA/hang.toml" --backend processes -j 1 --timeout 60 --out hang.db --quiet \
    --no-report --plugin-path "$E2E_FAULTY" >first.log 2>&1 &
pid=$!
pgid=$(ps -o pgid= -p "$pid" | tr -d ' ')
# Wait for the worker, then give it time to enter the endless loop.
for _ in $(seq 100); do
    pgrep -P "$pid" >/dev/null && break
    sleep 0.05
done
pgrep -P "$pid" >/dev/null || fail "the bench started no worker: $(cat first.log)"
sleep 1
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
for _ in $(seq 50); do
    pgrep -g "$pgid" >/dev/null || break
    sleep 0.1
done
if pgrep -g "$pgid" >/dev/null; then
    fail "a worker outlived its killed parent by 5 s: $(pgrep -a -g "$pgid")"
fi

run_expect 0 bench "$DATA/hang.toml" --backend processes -j 1 --timeout 2 --out hang.db
check whole hang.db 2
check status hang.db "faulty[mode=loop]" timeout 'hard wall-clock limit of 2 s' "faulty[mode=ok]" ok '^$'
echo "orphan_worker: ok"
