#!/usr/bin/env python3
"""Extracts CloudFormation's resource provider schemas for the resources ecslint models from
the cfn-lint wheel, which ships AWS's published schemas, into schemas/cloudformation/.

    python3 scripts/extract_cfn_schemas.py            # downloads the cfn-lint wheel with pip
    python3 scripts/extract_cfn_schemas.py WHEEL.whl  # or reads this one

Each schema keeps what validation needs (types, enums, patterns, ranges, required and
additional properties, definitions) and drops descriptions and handler metadata. Because
CloudFormation converts scalars ("256" is a number, 80 is a string, "true" a boolean), each
scalar type also accepts the other scalars: the shapes, names, enums and patterns are what is
checked. The header of each file records the cfn-lint version and the schema's date.
"""

import json
import pathlib
import subprocess
import sys
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "schemas" / "cloudformation"

TYPES = [
    "AWS::ECS::TaskDefinition",
    "AWS::ECS::Service",
    "AWS::ECS::Cluster",
    "AWS::ECS::CapacityProvider",
    "AWS::ECS::ClusterCapacityProviderAssociations",
    "AWS::ECR::Repository",
    "AWS::ElasticLoadBalancingV2::TargetGroup",
    "AWS::ElasticLoadBalancingV2::Listener",
    "AWS::ElasticLoadBalancingV2::ListenerRule",
    "AWS::IAM::Role",
    "AWS::IAM::Policy",
    "AWS::IAM::ManagedPolicy",
    "AWS::IAM::InstanceProfile",
    "AWS::EC2::LaunchTemplate",
    "AWS::AutoScaling::AutoScalingGroup",
    "AWS::ApplicationAutoScaling::ScalableTarget",
    "AWS::ApplicationAutoScaling::ScalingPolicy",
    "AWS::EKS::FargateProfile",
]

KEEP = {
    "type", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems",
    "maxItems", "required", "additionalProperties", "properties", "items", "oneOf", "anyOf",
    "allOf", "$ref", "uniqueItems", "patternProperties", "definitions", "const",
}
SCALARS = ["string", "number", "integer", "boolean"]


def clean(node):
    if isinstance(node, list):
        return [clean(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key not in KEEP:
            continue
        if key in ("properties", "definitions", "patternProperties"):
            out[key] = {name: clean(schema) for name, schema in value.items()}
        elif key == "type":
            types = value if isinstance(value, list) else [value]
            if any(t in SCALARS for t in types):
                types = sorted(set(types) | set(SCALARS), key=(["string", "number", "integer", "boolean", "object", "array", "null"]).index)
            out[key] = types if len(types) > 1 else types[0]
        else:
            out[key] = clean(value)
    return out


def wheel_path(argv):
    if len(argv) > 1:
        return pathlib.Path(argv[1])
    tmp = pathlib.Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp), "cfn-lint"], check=True)
    return next(tmp.glob("cfn_lint-*.whl"))


def main():
    wheel = wheel_path(sys.argv)
    version = wheel.name.split("-")[1]
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with zipfile.ZipFile(wheel) as archive:
        index = json.loads(archive.read("cfnlint/data/schemas/providers/us-east-1.json"))
        for type_name in TYPES:
            member = f"cfnlint/data/schemas/resources/{index[type_name]}.json"
            info = archive.getinfo(member)
            schema = json.loads(archive.read(member))
            dated = "%04d-%02d-%02d" % info.date_time[:3]
            out = {
                "$schema": "http://json-schema.org/draft-07/schema#",
                "$comment": f"{type_name} Properties, from the CloudFormation resource provider schema in cfn-lint {version} (us-east-1, {dated}); extracted by scripts/extract_cfn_schemas.py. Do not edit by hand.",
                "type": "object",
            }
            out.update(clean({k: v for k, v in schema.items() if k in ("properties", "definitions", "required", "additionalProperties", "oneOf", "anyOf", "allOf")}))
            name = type_name.replace("AWS::", "").replace("::", "-").lower() + ".json"
            (OUT / name).write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
            written.append((type_name, name))
            print(f"{name}: {type_name}")
    table = [
        "//! CloudFormation resource provider schemas for the resource types ecslint models, by type.",
        "//! Written by `scripts/extract_cfn_schemas.py` from the cfn-lint wheel; each file says which",
        "//! version and date. Regenerate both with the script.",
        "",
        "pub const TYPES: &[(&str, &str)] = &[",
    ]
    for type_name, name in sorted(written, key=lambda w: w[1]):
        table.append(f'    ("{type_name}", include_str!("../../schemas/cloudformation/{name}")),')
    table.append("];")
    (ROOT / "src" / "schema" / "cloudformation.rs").write_text("\n".join(table) + "\n")


if __name__ == "__main__":
    main()
