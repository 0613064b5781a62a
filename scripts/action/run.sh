#!/usr/bin/env bash
# The GitHub Action's run step: one ecslint run that prints annotations (errors first),
# writes SARIF for code scanning and appends a step summary. Inputs come as INPUT_*.
set -uo pipefail

sarif="${INPUT_SARIF_FILE:-ecslint.sarif}"
args=(check --format github --sarif-file "$sarif")
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  args+=(--step-summary "$GITHUB_STEP_SUMMARY")
fi
if [ -n "${INPUT_CONFIG:-}" ]; then
  args+=(--config "$INPUT_CONFIG")
fi
if [ -n "${INPUT_FAIL_LEVEL:-}" ]; then
  args+=(--fail-level "$INPUT_FAIL_LEVEL")
fi
# Extra arguments and paths are split on spaces, as a workflow author writes them.
read -r -a extra <<< "${INPUT_ARGS:-}"
read -r -a paths <<< "${INPUT_PATHS:-.}"

# (`${a[@]+"${a[@]}"}`: an empty array under `set -u` in the bash 3.2 of macOS runners.)
ecslint "${args[@]}" ${extra[@]+"${extra[@]}"} ${paths[@]+"${paths[@]}"}
status=$?
echo "sarif-file=$sarif" >> "${GITHUB_OUTPUT:-/dev/null}"
exit "$status"
