#!/usr/bin/env bash
# Two `tessera bench` processes on one store: the second is refused with a clear message while
# the first runs, and the first finishes with a whole store. Through another spelling of the
# path (a symbolic link) the second is refused too, or else it waits its turn: either way the
# store ends whole, one run per key.
source "$(dirname "$0")/lib.sh"

sed -e 's/repetitions = 40/repetitions = 12/' -e 's/name = "slow40"/name = "slow12"/' "$DATA/slow40.toml" >slow12.toml
"$TESSERA" bench slow12.toml --backend processes -j 1 --out c.db --quiet --no-report \
    --plugin-path "$E2E_FAULTY" >first.log 2>&1 &
pid=$!
for _ in $(seq 300); do
    (( $(store_count c.db) >= 1 )) && break
    sleep 0.05
done
kill -0 "$pid" 2>/dev/null || fail "the first bench ended too early: $(cat first.log)"

run_expect 2 bench slow12.toml --backend processes -j 1 --out c.db
match "another \`tessera bench\` is writing c\.db; wait for it to finish or use another --out"
run_expect 2 bench slow12.toml --backend threads -j 1 --out ./c.db
match "another \`tessera bench\` is writing"

ln -s c.db link.db
set +e
bench slow12.toml --backend threads -j 2 --out link.db >second.log 2>&1
second=$?
set -e
echo "second bench through a symbolic link: exit $second: $(head -c 300 second.log)"
[[ $second == 0 || $second == 2 ]] || fail "the second bench through a link ended with $second: $(cat second.log)"

wait "$pid" || fail "the first bench failed: $(cat first.log)"
check whole c.db 12
echo "concurrent: ok"
