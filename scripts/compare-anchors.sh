#!/usr/bin/env bash
# ecslint against the tools its users know, on the same CloudFormation templates (not in CI).
#
#   scripts/compare-anchors.sh [DIR...]
#
# Installs, once, into a cache folder (ECSLINT_ANCHORS_CACHE, default ~/.cache/ecslint-anchors):
# cfn-lint and checkov in a Python venv, cfn-guard with `cargo install --locked`, and the AWS
# Guard Rules Registry, whose ECS, ECR, ELB, ELBv2 and IAM rules (35 .guard files) are what
# cfn-guard runs. Then it runs ecslint (release build, SARIF as CI writes it) and each tool on
# the generated benchmark templates (the throughput benchmark's CloudFormation corpora) and on
# every DIR given, interleaved, RUNS times (default 3), and prints the median wall time, the
# peak memory and each tool's time as a multiple of ecslint's, as a Markdown table. As timeit
# and hyperfine do, a tool that finishes in under a second is run again, back to back, until a
# second has passed, and counts with its median run: a lone run of a fast tool right after a
# slow one measures the machine waking its idle core, not the tool (up to 1.8× on the 2-core VM).
#
# Needs network access the first time (PyPI, crates.io, GitHub). TOOLS="cfn-guard cfn-lint"
# limits the tools; BENCH=0 leaves out the generated corpora (cfn-lint and checkov take many
# minutes on their 3,000 templates); GUARD_REGISTRY=path uses a checkout of the registry
# already on disk.
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${ECSLINT_ANCHORS_CACHE:-$HOME/.cache/ecslint-anchors}"
runs="${RUNS:-3}"
tools="${TOOLS:-cfn-guard cfn-lint checkov}"
cfn_lint_version=1.58.0
checkov_version=3.3.30
guard_version=3.2.1
registry_commit=7f7340c26ae5d5e8874651dbffeb12e0e9f505b6
mkdir -p "$cache"

cargo build --release --quiet
ecslint="$PWD/target/release/ecslint"

if [ ! -x "$cache/venv/bin/cfn-lint" ] || [ ! -x "$cache/venv/bin/checkov" ]; then
    python3 -m venv "$cache/venv"
    "$cache/venv/bin/pip" install --quiet "cfn-lint==$cfn_lint_version" "checkov==$checkov_version"
fi
if [ ! -x "$cache/cfn-guard/bin/cfn-guard" ]; then
    cargo install --locked --quiet --root "$cache/cfn-guard" cfn-guard --version "$guard_version"
fi
registry="${GUARD_REGISTRY:-$cache/aws-guard-rules-registry}"
if [ ! -d "$registry/rules" ]; then
    git clone --quiet https://github.com/aws-cloudformation/aws-guard-rules-registry "$registry"
    git -C "$registry" checkout --quiet "$registry_commit"
fi
rules="$cache/guard-rules"
rm -rf "$rules" && mkdir -p "$rules"
for family in amazon_ecs aws_ecr elastic_load_balancing elastic_load_balancing_v2 iam; do
    cp "$registry/rules/aws/$family/"*.guard "$rules/"
done

# The throughput benchmark writes its corpora when given a folder (and times itself meanwhile).
corpora=("$@")
if [ "${BENCH:-1}" != 0 ]; then
    bench="$cache/bench"
    if [ ! -d "$bench/cfn-json" ]; then
        ECSLINT_BENCH_DIR="$bench" cargo bench --quiet --bench throughput > /dev/null
    fi
    corpora=("$bench/cfn-json" "$bench/cfn-yaml" "$bench/cfn-iam" "$@")
fi
[ ${#corpora[@]} -gt 0 ] || { echo "no corpus: give a directory, or leave BENCH unset" >&2; exit 2; }

"$cache/venv/bin/python" - "$runs" "$ecslint" "$cache" "$rules" "$tools" "${corpora[@]}" <<'EOF'
"""Interleaved runs of each tool on each corpus; median wall time and peak memory."""
import os, platform, statistics, subprocess, sys, time, datetime

runs, ecslint, cache, rules, tools = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5].split()
corpora = sys.argv[6:]
TEMPLATE = (".json", ".yaml", ".yml", ".template")

def templates(root):
    return sorted(
        os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(TEMPLATE)
    )

def command(tool, root):
    venv = os.path.join(cache, "venv", "bin")
    return {
        "ecslint": [ecslint, "check", root, "--format", "sarif"],
        "cfn-guard": [os.path.join(cache, "cfn-guard", "bin", "cfn-guard"), "validate",
                      "--data", root, "--rules", rules, "--show-summary", "none"],
        "cfn-lint": [os.path.join(venv, "cfn-lint"), "--format", "parseable", "--"] + templates(root),
        "checkov": [os.path.join(venv, "checkov"), "--directory", root, "--framework",
                    "cloudformation", "--quiet", "--compact", "--skip-download"],
    }[tool]

def once(argv):
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024  # Linux: KiB

def measure(argv):
    """One run, or back-to-back runs for a second when each is shorter: the median wall time
    and the peak memory."""
    walls, peak = [], 0.0
    while not walls or sum(walls) < 1.0:
        wall, memory = once(argv)
        walls.append(wall)
        peak = max(peak, memory)
    return statistics.median(walls), peak

print(f"{datetime.date.today()}, {platform.machine()}, {os.cpu_count()} cores, median of {runs} runs\n")
print("| corpus | files | tool | wall time | peak memory | × ecslint |")
print("|---|---|---|---|---|---|")
for root in corpora:
    everyone = ["ecslint"] + tools
    times = {t: [] for t in everyone}
    memory = {t: 0.0 for t in everyone}
    for _ in range(runs):
        for tool in everyone:
            wall, peak = measure(command(tool, root))
            times[tool].append(wall)
            memory[tool] = max(memory[tool], peak)
    base = statistics.median(times["ecslint"])
    name = os.path.basename(os.path.normpath(root))
    for tool in everyone:
        wall = statistics.median(times[tool])
        print(f"| {name} | {len(templates(root))} | {tool} | {wall:.3f} s | {memory[tool]:.0f} MB | {wall / base:.0f}× |")
EOF
