#!/usr/bin/env python3
"""Builds src/facts/instance_types.txt, the vCPUs and memory of every EC2 instance type.

The source is the DescribeInstanceTypes output that the moto package ships
(moto/ec2/resources/instance_types.json.gz), which moto records from EC2's own API. To
refresh the table:

    pip download --no-deps -d /tmp/moto moto
    unzip -o -q /tmp/moto/moto-*.whl 'moto/ec2/resources/instance_types.json.gz' -d /tmp/moto
    python3 scripts/build_instance_types.py /tmp/moto/moto/ec2/resources/instance_types.json.gz \
        --source "moto X.Y.Z (PyPI)" > src/facts/instance_types.txt

Only the standard library is used.
"""

import argparse
import datetime
import gzip
import json
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("types", help="moto's instance_types.json.gz")
    parser.add_argument("--source", required=True, help="where the file came from")
    parser.add_argument("--date", default=datetime.date.today().isoformat())
    args = parser.parse_args()

    with gzip.open(args.types, "rt", encoding="utf-8") as f:
        types = json.load(f)

    out = sys.stdout
    out.write("# The vCPUs and memory of every EC2 instance type.\n")
    out.write(f"# Source: {args.source}, moto/ec2/resources/instance_types.json.gz, which records EC2's\n")
    out.write("# DescribeInstanceTypes output (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypes.html).\n")
    out.write(f"# Built {args.date} by scripts/build_instance_types.py; do not edit by hand.\n")
    out.write("# Format: `type vcpus memory-mib`, sorted by type.\n")
    for name in sorted(types):
        info = types[name]
        vcpus = info["VCpuInfo"]["DefaultVCpus"]
        memory = info["MemoryInfo"]["SizeInMiB"]
        out.write(f"{name} {vcpus} {memory}\n")


if __name__ == "__main__":
    main()
