#!/usr/bin/env bash
# --out names a file that is not a Tessera store: a text file, an SQLite database of another
# program, a store of a newer schema. Each is refused (exit 2) naming the file and the reason,
# and left unchanged.
source "$(dirname "$0")/lib.sh"

printf 'this is not a database\n%.0s' $(seq 100) >junk.db
sum=$(md5sum <junk.db)
run_expect 2 bench "$DATA/retry.toml" --out junk.db
match "'junk\.db' is not a Tessera results store: it is not an SQLite database"
[[ $(md5sum <junk.db) == "$sum" ]] || fail "junk.db was modified"

sql() {  # sql DB STATEMENTS: with the sqlite3 shell, else Python's sqlite3
    if command -v sqlite3 >/dev/null; then
        sqlite3 "$1" "$2"
    elif command -v python3 >/dev/null; then
        python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()' "$1" "$2"
    else
        return 99
    fi
}
if sql other.db "CREATE TABLE t (x); INSERT INTO t VALUES (1);"; then
    run_expect 2 bench "$DATA/retry.toml" --out other.db
    match "'other\.db' is not a Tessera results store: it is an SQLite database of another program"

    run_expect 0 bench "$DATA/retry.toml" --out newer.db
    sql newer.db "PRAGMA user_version = 99;"
    run_expect 2 bench "$DATA/retry.toml" --out newer.db
    match "results store 'newer\.db' has schema version 99, written by a newer Tessera"
    run_expect 2 "$TESSERA" export newer.db --json newer.json
    match "newer Tessera"
else
    echo "neither sqlite3 nor python3: SQLite files of other programs not tested"
fi

# A folder where the store should be.
mkdir folder.db
run_expect 2 bench "$DATA/retry.toml" --out folder.db
match "folder\.db"
echo "bad_store: ok"
