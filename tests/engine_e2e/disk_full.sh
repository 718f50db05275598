#!/usr/bin/env bash
# The disk fills up in the middle of a bench: on a 4 MB tmpfs when this test may mount one (root),
# and with a 4 MB file-size limit (ulimit -f, SIGXFSZ ignored so that write() fails with EFBIG)
# always. The bench must stop with a clear error (exit 1, naming the store and the cause, no
# crash), and the store must stay readable with every earlier run whole; copied to a disk with
# room, the same command finishes the rest.
source "$(dirname "$0")/lib.sh"

fs=$E2E_WORK/fs
cleanup() { if mountpoint -q "$fs" 2>/dev/null; then umount "$fs" || umount -l "$fs" || true; fi; }
trap cleanup EXIT

bench_cmd=("$TESSERA" bench "$DATA/heavy.toml" --backend processes -j 1 --quiet --no-report
           --plugin-path "$E2E_FAULTY")

# after_failure DB: the store reads whole, then resumes elsewhere to 30 runs.
after_failure() {
    local db=$1 name=$2
    echo "$name: the bench said: $OUT"
    match "results store '.*$(basename "$db")'" "disk is full|disk I/O error|[Ff]ile too large|No space left"
    no_match "Segmentation|Aborted|core dumped"
    check whole "$db"
    local n
    n=$(store_count "$db")
    echo "$name: $n runs stored before the disk was full"
    (( n >= 1 && n < 30 )) || fail "$name: expected between 1 and 29 runs stored, got $n"
    mkdir -p "roomy-$name"
    cp "$db"* "roomy-$name/"
    rm -f "roomy-$name/"*.lock
    run_expect 0 "${bench_cmd[@]}" --out "roomy-$name/$(basename "$db")"
    check whole "roomy-$name/$(basename "$db")" 30
}

# 1. A tmpfs that fills (root only).
mkdir -p "$fs"
if is_root && mount -t tmpfs -o size=4m tmpfs "$fs" 2>/dev/null; then
    run_expect 1 "${bench_cmd[@]}" --out "$fs/full.db"
    after_failure "$fs/full.db" tmpfs
    cleanup
else
    echo "cannot mount a tmpfs here: the tmpfs case is skipped"
fi

# 2. A file-size limit: every file of the bench may grow to 4 MB only.
limited() { trap '' XFSZ; ulimit -f 4096; exec "$@"; }
run_expect 1 limited "${bench_cmd[@]}" --out limit.db
after_failure limit.db ulimit
echo "disk_full: ok"
