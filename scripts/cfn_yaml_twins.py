#!/usr/bin/env python3
"""Writes the YAML twin of every CloudFormation JSON rule fixture that has none.

For each `testdata/rules/<RULE>/{fail,pass}/cfn-<name>.json` without a `cfn-<name>.yaml`
beside it, this writes one: block style as CloudFormation users write YAML, with the short
intrinsic forms (`!Ref`, `!GetAtt a.b`, `!Sub`, `!If`, ...), so every rule is checked
through the YAML reader and its tags too. Hand-written YAML fixtures are never overwritten.
`tests/form_parity.rs` checks that each YAML twin reports the rules its JSON does.

Run from the repository root after adding CloudFormation JSON fixtures:

    python3 scripts/cfn_yaml_twins.py
"""

import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
RULES = ROOT / "testdata" / "rules"

# Intrinsics written in their short form; the rest keep the `Fn::X:` mapping form.
SHORT = {"Fn::Sub", "Fn::If", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::FindInMap",
         "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Fn::ImportValue", "Fn::Base64",
         "Fn::GetAZs", "Fn::Cidr", "Condition"}
PLAIN = re.compile(r"^[A-Za-z_/$][A-Za-z0-9_./:@${}-]*$")
RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    # `: ` and a final `:` would start a mapping; `${` is written quoted, as `!Sub` strings are.
    if (PLAIN.match(value) and value.lower() not in RESERVED and "${" not in value
            and not value.endswith(":") and ": " not in value):
        return value
    return json.dumps(value)


def intrinsic(value):
    """The short form of a one-key intrinsic mapping, or None."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    (key, argument), = value.items()
    # One node takes one tag: `!Base64 !Sub "…"` is not YAML, `Fn::Base64: !Sub "…"` is.
    if intrinsic(argument):
        return None
    if key == "Ref" and isinstance(argument, str):
        return "!Ref", argument
    if key == "Fn::GetAtt" and isinstance(argument, list) and all(isinstance(a, str) for a in argument):
        return "!GetAtt", ".".join(argument)
    if key in SHORT:
        return "!" + key.removeprefix("Fn::"), argument
    return None


def inline(value):
    """A value that fits after `key: ` on one line, or None."""
    short = intrinsic(value)
    if short:
        tag, argument = short
        if isinstance(argument, str):
            return f"{tag} {scalar(argument)}"
        text = inline(argument)
        return f"{tag} {text}" if text is not None else None
    if isinstance(value, dict):
        return "{}" if not value else None
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [inline(v) for v in value]
        if all(i is not None and not isinstance(v, (dict, list)) for i, v in zip(items, value)):
            return "[" + ", ".join(items) + "]"
        return None
    return scalar(value)


def block(value, indent):
    """Lines for a value that does not fit on its key's line."""
    pad = " " * indent
    lines = []
    short = intrinsic(value)
    if short:
        # A tag with a nested argument: the tag on the key's line, the argument below.
        raise AssertionError("handled by emit")
    if isinstance(value, dict):
        for key, item in value.items():
            lines += emit(f"{pad}{scalar(key)}:", item, indent)
    else:
        for item in value:
            text = inline(item)
            if text is not None:
                lines.append(f"{pad}- {text}")
                continue
            sub = emit_item(item, indent + 2)
            lines.append(f"{pad}- {sub[0].lstrip()}")
            lines += sub[1:]
    return lines


def emit(head, value, indent):
    text = inline(value)
    if text is not None:
        return [f"{head} {text}"]
    short = intrinsic(value)
    if short:
        tag, argument = short
        return [f"{head} {tag}"] + block(argument, indent + 2)
    return [head] + block(value, indent + 2)


def emit_item(item, indent):
    """Lines for a sequence item written after `- `, the first line unindented."""
    short = intrinsic(item)
    if short:
        tag, argument = short
        return [" " * indent + tag] + block(argument, indent + 2)
    return block(item, indent)


def to_yaml(template):
    return "\n".join(block(template, 0)) + "\n"


def main():
    written = 0
    for fixture in sorted(RULES.glob("*/*/cfn-*.json")):
        twin = fixture.with_suffix(".yaml")
        if twin.exists():
            continue
        twin.write_text(to_yaml(json.loads(fixture.read_text())))
        written += 1
    print(f"wrote {written} YAML twins")


if __name__ == "__main__":
    sys.exit(main())
