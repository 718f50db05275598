#!/usr/bin/env bash
# `tessera reproduce ID` runs ./configs/papers/ID.toml (looked up under the working folder first)
# and exits 1 when a claim does not hold, naming it in the verdict table; 0 when all hold.
source "$(dirname "$0")/lib.sh"

mkdir -p mixed/configs/papers truth/configs/papers
cp "$DATA/paper_mixed.toml" mixed/configs/papers/e2e_mixed.toml
cp "$DATA/paper_true.toml" truth/configs/papers/e2e_true.toml

cd mixed
run_expect 1 "$TESSERA" reproduce e2e_mixed --backend threads -j 2 --quiet
match "held +E2E TRUE CLAIM: L-BFGS beats gradient descent" \
      "did not hold +E2E FALSE CLAIM: gradient descent beats L-BFGS" \
      "quadratic: gd [0-9.e+-]+ vs lbfgs [0-9.e+-]+ \(does not hold\)" \
      "1 of 2 claims held"
[[ -f results/papers/e2e_mixed.db ]] || fail "no store at results/papers/e2e_mixed.db"
# Again: the runs are stored, so nothing runs; the verdict is the same.
run_expect 1 "$TESSERA" reproduce e2e_mixed --backend threads -j 2
match "4 runs; 4 already stored; 0 to run" "1 of 2 claims held"

cd ../truth
run_expect 0 "$TESSERA" reproduce e2e_true --backend processes -j 2 --quiet
match "held +E2E TRUE CLAIM" "held +E2E SECOND TRUE CLAIM" "2 of 2 claims held"
no_match "did not hold"

run_expect 2 "$TESSERA" reproduce e2e_no_such_paper
match "no experiment for paper 'e2e_no_such_paper'" "configs/papers/e2e_no_such_paper\.toml"
echo "reproduce: ok"
