# tests/engine_e2e/lib.sh — what the engine end-to-end test scripts share (sourced).
#
# Environment (set by CMakeLists.txt): TESSERA (the binary), E2E_CHECK (tessera_e2e_check),
# E2E_FAULTY (folder of the faulty plugin), E2E_WORK (this test's work folder, emptied here),
# E2E_MPIRUN (mpirun or ""), E2E_HAVE_MPI (1 when tessera was built with Open MPI).
#
#   run_expect STATUS CMD ARGS...  runs CMD, output (stdout + stderr) into $OUT; fails the test
#                                  unless it exits with STATUS (a signal never matches)
#   match RE... / no_match RE...   extended regexes (grep -E) over $OUT
#   bench ARGS...                  tessera bench ARGS --quiet --no-report --plugin-path <faulty>
#   check CMD ARGS...              tessera_e2e_check CMD ARGS (must exit 0)
#   fail MESSAGE                   ends the test (exit 1), printing MESSAGE and the last $OUT
#   skip MESSAGE                   ends the test as skipped (exit 77)
set -euo pipefail

: "${TESSERA:?TESSERA must name the tessera binary}"
: "${E2E_CHECK:?}" "${E2E_FAULTY:?}" "${E2E_WORK:?}"
TEST_NAME=$(basename "$0" .sh)
DATA=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/data

# What an interrupted earlier run may have left: a mounted tmpfs (disk_full), immutable or
# read-only files (readonly_out).
if [[ -d $E2E_WORK ]]; then
    while read -r _ mnt _; do
        case $mnt in "$E2E_WORK"/*) umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true ;; esac
    done </proc/mounts
    chattr -R -i "$E2E_WORK" 2>/dev/null || true
    chmod -R u+w "$E2E_WORK" 2>/dev/null || true
fi
rm -rf "$E2E_WORK"
mkdir -p "$E2E_WORK"
cd "$E2E_WORK"

OUT=""
STATUS=0
LAST_CMD=""

fail() {
    echo "FAILED [$TEST_NAME]: $*" >&2
    if [[ -n $LAST_CMD ]]; then
        echo "---- last command (exit $STATUS): $LAST_CMD" >&2
        printf '%s\n' "$OUT" >&2
        echo "----" >&2
    fi
    exit 1
}

skip() {
    echo "SKIPPED [$TEST_NAME]: $*"
    exit 77
}

run_expect() {
    local want=$1
    shift
    LAST_CMD="$*"
    set +e
    OUT=$("$@" 2>&1)
    STATUS=$?
    set -e
    if [[ $STATUS != "$want" ]]; then
        fail "expected exit status $want, got $STATUS"
    fi
    echo "ok (exit $STATUS): $*"
}

match() {
    local re
    for re in "$@"; do
        grep -qE -- "$re" <<<"$OUT" || fail "output does not match /$re/"
    done
}

no_match() {
    local re
    for re in "$@"; do
        if grep -qE -- "$re" <<<"$OUT"; then fail "output should not match /$re/"; fi
    done
}

bench() {
    "$TESSERA" bench "$@" --quiet --no-report --plugin-path "$E2E_FAULTY"
}

check() {
    run_expect 0 "$E2E_CHECK" "$@"
    printf '%s\n' "$OUT"
}

# The number of runs in a store (0 when it cannot be read yet).
store_count() {
    "$E2E_CHECK" count "$1" 2>/dev/null | tail -n 1 | grep -E '^[0-9]+$' || echo 0
}

is_root() { [[ $(id -u) == 0 ]]; }
