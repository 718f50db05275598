#!/usr/bin/env bash
# The MPI backend under mpirun with 2 and 3 ranks (and 1, which runs locally) stores the same
# content as the threads backend. Skipped without mpirun or without an MPI build of tessera.
# Extra mpirun options: E2E_MPIRUN_FLAGS (default: --allow-run-as-root --oversubscribe).
source "$(dirname "$0")/lib.sh"

[[ -n ${E2E_MPIRUN:-} ]] || skip "mpirun not found"
[[ ${E2E_HAVE_MPI:-0} == 1 ]] || skip "tessera was built without Open MPI"
read -r -a flags <<<"${E2E_MPIRUN_FLAGS:---allow-run-as-root --oversubscribe}"

run_expect 0 bench "$DATA/same.toml" --backend threads -j 2 --out threads.db
for np in 1 2 3; do
    run_expect 0 "$E2E_MPIRUN" "${flags[@]}" -np "$np" "$TESSERA" bench "$DATA/same.toml" --backend mpi \
        --out "mpi$np.db" --quiet --no-report --plugin-path "$E2E_FAULTY"
done
check whole mpi2.db 33
check same threads.db mpi1.db mpi2.db mpi3.db

# Resume works under MPI too: a second run of the same command runs nothing.
run_expect 0 "$E2E_MPIRUN" "${flags[@]}" -np 2 "$TESSERA" bench "$DATA/same.toml" --backend mpi --out mpi2.db \
    --no-report --plugin-path "$E2E_FAULTY"
match "33 runs; 33 already stored; 0 to run"
check whole mpi2.db 33
echo "mpi: ok"
