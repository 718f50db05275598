#!/usr/bin/env bash
# A failed run stays failed when the bench is run again (not rerun), and is replaced (one run
# per key, now ok) with --retry-failed; finished runs are never rerun.
source "$(dirname "$0")/lib.sh"

b=("$TESSERA" bench "$DATA/retry.toml" --out retry.db --no-report --plugin-path "$E2E_FAULTY" -j 2)

TESSERA_FAULTY_FAIL=1 run_expect 0 "${b[@]}" --quiet
match "1 of 2 runs failed"
check status retry.db "faulty[mode=ok]" ok '^$' "faulty[mode=envfail]" error 'TESSERA_FAULTY_FAIL=1 is set'

# Again, without the failure cause and without --retry-failed: nothing runs, the failure stays.
run_expect 0 "${b[@]}"
match "2 runs; 2 already stored \(1 failed: --retry-failed reruns them\); 0 to run"
check whole retry.db 2
check status retry.db "faulty[mode=envfail]" error 'TESSERA_FAULTY_FAIL=1 is set'

# --retry-failed: only the failed run runs, and replaces the stored one.
run_expect 0 "${b[@]}" --retry-failed
match "2 runs; 1 already stored; 1 to run"
check whole retry.db 2
check status retry.db "faulty[mode=ok]" ok '^$' "faulty[mode=envfail]" ok '^$'

# Once more with --retry-failed: nothing failed, nothing runs.
run_expect 0 "${b[@]}" --retry-failed
match "2 already stored; 0 to run"
check whole retry.db 2
echo "retry_failed: ok"
