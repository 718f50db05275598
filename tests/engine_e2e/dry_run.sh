#!/usr/bin/env bash
# --dry-run prints the expanded runs (one line each, with labels, seeds, budgets, keys) and their
# count, and runs nothing: no store is created.
source "$(dirname "$0")/lib.sh"

run_expect 0 "$TESSERA" bench "$DATA/same.toml" --dry-run --out dry.db --plugin-path "$E2E_FAULTY"
match "^ *# +algorithm +problem instance +rep +seed +budget +key" \
      "^ *0 +sgd +logreg +0 " "^ *32 +faulty +quadratic\[cond=10000\] +2 " \
      "3000 evals" "^33 runs \(3 problem instances, 5 algorithm variants, 3 repetitions\)"
[[ $(grep -cE '^ *[0-9]+  ' <<<"$OUT") == 33 ]] || fail "expected 33 run lines"
[[ ! -e dry.db ]] || fail "--dry-run created the store"
[[ ! -e results ]] || fail "--dry-run created results/"

# With a shard: its third of the runs.
run_expect 0 "$TESSERA" bench "$DATA/same.toml" --dry-run --shard 1/3 --plugin-path "$E2E_FAULTY"
match "^11 runs"
[[ $(grep -cE '^ *[0-9]+  ' <<<"$OUT") == 11 ]] || fail "expected 11 run lines in shard 1/3"

run_expect 2 "$TESSERA" bench "$DATA/same.toml" --dry-run --shard 3/3 --plugin-path "$E2E_FAULTY"
match "--shard '3/3' must be i/N with 0 <= i < N"
echo "dry_run: ok"
