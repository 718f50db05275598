#!/usr/bin/env bash
# A faulty plugin (faulty_plugin.cpp) under the processes backend with a hard timeout and a
# memory limit: the bench completes (exit 0), every misbehaviour is recorded with its status and
# a message saying what happened (with the tail of the worker's stderr), and a run after them
# is ok (the pool replaced its dead workers).
source "$(dirname "$0")/lib.sh"

run_expect 0 bench "$DATA/faults.toml" --backend processes -j 2 --timeout 3 --memory-limit 512 --out faults.db
match "6 of 8 runs failed"
check whole faults.db 8
check status faults.db \
    "faulty[mode=ok]"       ok            '^$' \
    "faulty[mode=segfault]" crashed       'signal 11|SIGSEGV' \
    "faulty[mode=segfault]" crashed       'stderr tail:[[:space:]]+faulty\.algo: mode segfault starting' \
    "faulty[mode=abort]"    crashed       'signal 6|SIGABRT' \
    "faulty[mode=loop]"     timeout       'hard wall-clock limit of 3 s' \
    "faulty[mode=hog]"      out_of_memory 'out of memory' \
    "faulty[mode=throw]"    error         'faulty\.algo: deliberate exception in mode throw' \
    "faulty[mode=exit]"     crashed       'exited with status 3' \
    after                   ok            '^$'

# The same through `tessera export --json`, the way a user would look at it.
run_expect 0 "$TESSERA" export faults.db --json faults.json
OUT=$(cat faults.json)
match '"status": *"crashed"' '"status": *"timeout"' '"status": *"out_of_memory"' '"status": *"error"' \
      'signal 11' 'deliberate exception in mode throw'
echo "faults: ok"
