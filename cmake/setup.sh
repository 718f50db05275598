#!/usr/bin/env bash
# Tessera setup on Debian 12: installs what is missing, builds, then runs the quickstart or the
# whole test suite.
#
#   cmake/setup.sh quickstart     # install + build + run the quickstart benchmark
#   cmake/setup.sh test           # install + build + run every test (ctest)
#   cmake/setup.sh build          # install + build only
#
# Environment: BUILD_DIR (default: build), JOBS (default: number of CPUs).
# Not root and no sudo? The script prints the one apt-get command an administrator must run.
set -euo pipefail

mode=${1:-quickstart}
case "$mode" in quickstart|test|build) ;; *)
  echo "usage: cmake/setup.sh quickstart|test|build" >&2; exit 2;;
esac
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
jobs=${JOBS:-$(nproc)}

# Debian 12 packages the build and the tests need. libpagmo-dev (the benchmark's comparison) and
# valgrind (instruction counts) are optional: see tests/bench.
packages=(g++ cmake ninja-build ccache libboost-dev libboost-program-options-dev libeigen3-dev
          libfmt-dev libsqlite3-dev doctest-dev libtomlplusplus-dev gnuplot-nox
          libopenmpi-dev openmpi-bin)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "setup: these Debian packages are missing and this user cannot install them:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    echo "Ask an administrator to run that line, then run this script again." >&2
    exit 1
  fi
fi

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release
fi
start=$(date +%s)
cmake --build "$build" -j "$jobs"
echo "setup: built in $(( $(date +%s) - start )) s"

case "$mode" in
  quickstart)
    # The baseline optimizers on three problems over five seeds (configs/quickstart.toml). The
    # store keeps the runs: running it again resumes (nothing left to run) and reports.
    "$build/tessera" bench "$root/configs/quickstart.toml" --out "$build/quickstart.db" ;;
  test)
    ctest --test-dir "$build" --output-on-failure -j "$jobs" ;;
  build) ;;
esac
