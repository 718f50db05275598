#!/usr/bin/env bash
# Shards 0/3, 1/3, 2/3 into three stores, merged, equal one unsharded run (same keys, same
# values bit for bit); merging the same shards again adds nothing.
source "$(dirname "$0")/lib.sh"

for i in 0 1 2; do
    run_expect 0 bench "$DATA/same.toml" --backend threads -j 2 --shard "$i/3" --out "s$i.db"
done
run_expect 0 bench "$DATA/same.toml" --backend threads -j 2 --out full.db
n0=$(store_count s0.db) n1=$(store_count s1.db) n2=$(store_count s2.db)
echo "shard sizes: $n0 $n1 $n2"
(( n0 == 11 && n1 == 11 && n2 == 11 )) || fail "shards of 33 runs should hold 11 each: $n0 $n1 $n2"

run_expect 0 "$TESSERA" merge s0.db s1.db s2.db --out all.db
match "merged 3 stores into all\.db: 33 runs added, 0 already there \(33 runs in all\)"
check whole all.db 33
check same full.db all.db

run_expect 0 "$TESSERA" merge s0.db s1.db s2.db --out all.db
match "0 runs added, 33 already there \(33 runs in all\)"
check whole all.db 33

# The merged store resumes like any other: nothing left to run.
run_expect 0 "$TESSERA" bench "$DATA/same.toml" --backend threads --out all.db --no-report --plugin-path "$E2E_FAULTY"
match "33 runs; 33 already stored; 0 to run"
check same full.db all.db
echo "shards_merge: ok"
