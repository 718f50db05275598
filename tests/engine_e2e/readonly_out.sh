#!/usr/bin/env bash
# Output paths that cannot be written: refused with a message naming the path (never a crash),
# before any run when the folder cannot be written. Tests run as root here, where chmod does not
# stop writes: root uses /proc and /sys, and chattr +i (immutable, which binds root too) when the
# file system allows it; other users chmod.
source "$(dirname "$0")/lib.sh"

cleanup() { chattr -i ro ro/s.db 2>/dev/null || true; chmod -R u+w . 2>/dev/null || true; }
trap cleanup EXIT

# A folder that cannot hold the store.
if is_root; then
    for out in /proc/tessera-e2e.db /sys/tessera-e2e.db /proc/no/such/dir/tessera-e2e.db; do
        run_expect 2 bench "$DATA/retry.toml" --out "$out"
        match "results store '$out'" "cannot (open|create|read)"
    done
else
    mkdir ro-dir && chmod 0555 ro-dir
    run_expect 2 bench "$DATA/retry.toml" --out ro-dir/s.db
    match "ro-dir/s\.db" "cannot (open|create|read)"
    [[ ! -e ro-dir/s.db ]] || fail "a store was created in a read-only folder"
fi

# A path through a regular file.
echo "not a folder" >file.txt
run_expect 2 bench "$DATA/retry.toml" --out file.txt/s.db
match "file\.txt/s\.db"

# An existing store that cannot be written (in a folder that can or cannot): refused with a
# clear error, and the store is left as it was.
mkdir ro
run_expect 0 bench "$DATA/retry.toml" --out ro/s.db -j 1
sed 's/"envfail"\]/"envfail", "throw"]/' "$DATA/retry.toml" >retry3.toml
protect() {  # protect PATH...: read-only even for root when possible
    if is_root; then chattr +i "$@" 2>/dev/null; else chmod a-w "$@"; fi
}
rm -f ro/s.db.lock
if protect ro/s.db ro; then
    # Folder and file read-only: the store cannot even be opened for writing.
    set +e
    bench retry3.toml --out ro/s.db -j 1 >out1.log 2>&1
    st=$?
    set -e
    OUT=$(cat out1.log) STATUS=$st LAST_CMD="bench retry3.toml --out ro/s.db (read-only folder and store)"
    echo "read-only folder and store: exit $st: $OUT"
    [[ $st == 1 || $st == 2 ]] || fail "expected exit 1 or 2"
    match "ro/s\.db" "read-?only|unable to open|cannot"
    if is_root; then chattr -i ro; else chmod u+w ro; fi
    # Only the file read-only.
    set +e
    bench retry3.toml --out ro/s.db -j 1 >out2.log 2>&1
    st=$?
    set -e
    OUT=$(cat out2.log) STATUS=$st LAST_CMD="bench retry3.toml --out ro/s.db (read-only store)"
    echo "read-only store: exit $st: $OUT"
    [[ $st == 1 || $st == 2 ]] || fail "expected exit 1 or 2"
    match "ro/s\.db" "read-?only|unable to open|cannot"
    no_match "Segmentation|Aborted|core dumped"
    cleanup
    check whole ro/s.db 2
else
    echo "cannot make a file read-only here (chattr): that case is skipped"
fi
echo "readonly_out: ok"
