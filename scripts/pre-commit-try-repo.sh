#!/usr/bin/env bash
# Runs this checkout's pre-commit hooks for real, as a user's repository would: the python
# hook (`pip install` of this package, which builds the wheel with maturin), against a
# scratch repository with a staged task definition that has a finding.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pre-commit
git -C "$work" init --quiet scratch
cp "$repo/testdata/examples/fargate-api-task.json" "$work/scratch/task.json"
git -C "$work/scratch" add task.json
cd "$work/scratch"
# try-repo takes the committed state (and what is staged): commit what you want to try.
# The hook fails on the finding; anything else (an install error) is a failure of this script.
output="$("$work/venv/bin/pre-commit" try-repo "$repo" ecslint --files task.json 2>&1)" && {
  echo "$output"
  echo "expected the hook to report the Fargate size" >&2
  exit 1
}
echo "$output"
if ! grep -q "FARGATE-001" <<< "$output"; then
  echo "the hook did not run ecslint" >&2
  exit 1
fi
echo "pre-commit try-repo: the hook ran and reported the finding"
