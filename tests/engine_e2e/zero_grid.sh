#!/usr/bin/env bash
# A grid with no runs is an error naming the file, the line and the key, before anything runs.
source "$(dirname "$0")/lib.sh"

write() {  # write FILE PROBLEM_PARAMS [ALGORITHM_LINE] [TOP_LEVEL_LINE]: a small experiment
    cat >"$1" <<TOML
name = "zero"
${4:-}

[[problem]]
id = "fn.sphere"
params = $2

[[algorithm]]
id = "opt.gd"
${3:-}
TOML
}

write empty_axis.toml "{ d = [] }" ""
run_expect 2 "$TESSERA" bench empty_axis.toml --out z.db --quiet
match "empty_axis\.toml:6: problem\.params\.d: is an empty list" "expected at least one value"

write empty_algo_axis.toml "{ d = 3 }" "params = { step0 = [] }"
run_expect 2 "$TESSERA" bench empty_algo_axis.toml --out z.db --quiet
match "empty_algo_axis\.toml:10: algorithm\.params\.step0: is an empty list"

write no_seeds.toml "{ d = 3 }" "" "seeds = []"
run_expect 2 "$TESSERA" bench no_seeds.toml --out z.db --quiet
match "no_seeds\.toml:2: seeds"

write zero_reps.toml "{ d = 3 }" "" "repetitions = 0"
run_expect 2 "$TESSERA" bench zero_reps.toml --out z.db --quiet
match "zero_reps\.toml:2: repetitions"

write no_problems_for.toml "{ d = 3 }" 'problems = []'
run_expect 2 "$TESSERA" bench no_problems_for.toml --out z.db --quiet
match "no_problems_for\.toml:10: algorithm\.problems"

[[ ! -e z.db ]] || fail "a store was created for an experiment with no runs"
echo "zero_grid: ok"
