#!/usr/bin/env bash
# Coverage-guided fuzzing of ecslint (fuzz/, cargo-fuzz on the nightly toolchain).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Seeds each target's corpus from testdata/ (file names choose the syntax for the pipeline
# and embedded targets through a leading selector byte), runs it with the token dictionary
# fuzz/ecslint.dict for the given time (default 600 s) on one core, and prints the
# executions and crashes of each. Crashes land in fuzz/artifacts/<target>/; reproduce one
# with `cargo +nightly fuzz run <target> <file>`. Needs `cargo install cargo-fuzz`.
# The targets run without a sanitizer (-s none): ecslint is safe Rust, and what they look for
# (panics, stack overflows, runaway memory, hangs) libFuzzer catches itself, several times faster.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json yaml embedded hcl pipeline)

seed() {
    local target="$1" dir="fuzz/corpus/$1"
    mkdir -p "$dir"
    local i=0
    while IFS= read -r -d '' file; do
        i=$((i + 1))
        case "$target" in
            json) case "$file" in *.json) cp "$file" "$dir/seed-$i" ;; esac ;;
            yaml) case "$file" in *.yaml | *.yml) cp "$file" "$dir/seed-$i" ;; esac ;;
            hcl) case "$file" in *.tf) cp "$file" "$dir/seed-$i" ;; esac ;;
            embedded)
                # Selector: even bytes read JSON, odd bytes YAML.
                case "$file" in
                    *.json) { printf '\x00'; cat "$file"; } > "$dir/seed-$i" ;;
                    *.yaml | *.yml) { printf '\x01'; cat "$file"; } > "$dir/seed-$i" ;;
                esac ;;
            pipeline)
                # Selector: the index of a file name in fuzz_targets/pipeline.rs NAMES.
                case "$file" in
                    *tfplan*.json) { printf '\x04'; cat "$file"; } > "$dir/seed-$i" ;;
                    *.json) { printf '\x00'; cat "$file"; } > "$dir/seed-$i" ;;
                    *.yaml | *.yml) { printf '\x01'; cat "$file"; } > "$dir/seed-$i" ;;
                esac ;;
        esac
    done < <(find testdata -type f -size -64k -print0)
}

cargo +nightly fuzz build -O -s none
for target in "${targets[@]}"; do
    seed "$target"
    mkdir -p "fuzz/artifacts/$target"
    log="fuzz/artifacts/$target.log"
    set +e
    cargo +nightly fuzz run -O -s none "$target" "fuzz/corpus/$target" -- \
        -dict=fuzz/ecslint.dict -max_total_time="$seconds" -max_len=65536 \
        -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="fuzz/artifacts/$target/" > "$log" 2>&1
    status=$?
    set -e
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    crashes=$(find "fuzz/artifacts/$target" -type f | wc -l)
    printf '%-10s %12s execs  %3d crash files  exit %d  (%s)\n' "$target" "$execs" "$crashes" "$status" "$log"
done
