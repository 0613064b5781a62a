#!/usr/bin/env bash
# Compares two ecslint binaries by the instructions they execute on the same inputs.
#
#   scripts/compare-instructions.sh BASE_BINARY NEW_BINARY DIR...
#
# Wall-clock time on a shared 2-core VM moves by 15 % or more between runs, and more while
# anything else runs (a fuzzer, a build); the instruction count of one run under valgrind's
# callgrind is the same on every run, so a change of a few per cent shows. It is a proxy:
# cache misses and allocation cost are not in it, so confirm a large change with `cargo bench`
# on a quiet machine. Each binary lints each DIR once on one thread (`--jobs 1`), rendering
# SARIF as CI does. The benchmark's corpora are generated with
# `ECSLINT_BENCH_DIR=/tmp/bench cargo bench --bench throughput`. Needs valgrind.
set -euo pipefail

if [ $# -lt 3 ]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
base="$1" new="$2"
shift 2

# Millions of instructions of one run of $1 over $2.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" check --jobs 1 \
        --format sarif --fail-level none "$2" 2>&1 >/dev/null |
        awk '/Collected/ { printf "%d", $4 / 1e6 }'
}

printf '%-28s %12s %12s %7s\n' corpus "base (M)" "new (M)" ratio
for dir in "$@"; do
    a=$(instructions "$base" "$dir")
    b=$(instructions "$new" "$dir")
    printf '%-28s %12s %12s %7s\n' "$(basename "$dir")" "$a" "$b" \
        "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')"
done
