#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""summary.json's JSON Schema: written from runs, checked against every run.

  summary_schema.py write SCHEMA.json SUMMARY.json...   the schema of the given summaries
  summary_schema.py check SCHEMA.json SUMMARY.json...   each summary valid against the schema

`write` takes the union of what the summaries hold (keys, types, array items) and closes every
object (additionalProperties: false), so a key a later version adds or drops fails `check` until
the schema is written again on purpose (make summary-schema) and schema_version considered. The
numbers that may be null ("never", "does not apply") are listed in NULLABLE; a key seen null in
one run and a number in another is nullable too. Titles and units of the site quantities come from
the outcome-quantity table (src/sim/outcome_meta.c), read from the C source so that the schema
needs no built library. `check` needs Debian's python3-jsonschema.
"""
import json
import re
import sys
from pathlib import Path

SCHEMA_VERSION_KEY = "schema_version"
# numbers that are null when the thing never happened or does not apply
NULLABLE = {"time_grade_s", "pain_delay_s", "load_0_to_10", "recovery_flow_30s_rel",
            "recovery_flow_10min_rel", "cramp_threshold_Hz"}
ROOT = Path(__file__).resolve().parent.parent


def quantity_titles():
    """(group path, key) -> "title (unit)" from the outcome-quantity table's rows."""
    text = (ROOT / "src/sim/outcome_meta.c").read_text()
    out = {}
    row = r'\{\s*[A-Z]+,\s*"([^"]*)",\s*"([^"]+)",\s*"((?:[^"\\]|\\.)*)",\s*"[^"]*",\s*"([^"]*)"'
    for m in re.finditer(row, text):
        group, key, title, unit = m.groups()
        out[(group, key)] = f"{title} ({unit})" if unit and unit != "1" else title
    return out


def kind(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def merge(schema, v, titles, key=None):
    """Widens schema (a dict being built) to accept v."""
    t = kind(v)
    types = schema.setdefault("_types", set())
    types.add(t)
    if t == "object":
        props = schema.setdefault("_props", {})
        seen = schema.setdefault("_seen", 0)
        schema["_seen"] = seen + 1
        for k, x in v.items():
            p = props.setdefault(k, {"_count": 0})
            p["_count"] += 1
            merge(p, x, titles, k)
    elif t == "array":
        items = schema.setdefault("_items", {})
        for x in v:
            merge(items, x, titles)


def finish(schema, titles, key=None, path=""):
    """The JSON Schema of a built dict; path: the containing object's path ("regions",
    "systemic/heart"; array items take their array's path)."""
    types = set(schema.get("_types", set()))
    if "integer" in types and "number" in types:
        types.discard("integer")
    if key in NULLABLE and types & {"number", "integer"}:
        types.add("null")
    out = {}
    if (path, key) in titles:
        out["description"] = titles[(path, key)]
    if not types:  # an array seen only empty: its items are not known
        return out
    out["type"] = sorted(types)[0] if len(types) == 1 else sorted(types)
    if "object" in types:
        props = schema.get("_props", {})
        here = f"{path}/{key}".strip("/") if key else path
        out["properties"] = {k: finish(p, titles, k, here) for k, p in sorted(props.items())}
        out["required"] = sorted(k for k, p in props.items() if p["_count"] == schema["_seen"])
        out["additionalProperties"] = False
    if "array" in types:
        items = dict(schema.get("_items", {}))
        out["items"] = finish(items, titles, None, f"{path}/{key}".strip("/") if key else path)
    return out


def write(schema_path, summaries):
    titles = quantity_titles()
    built = {}
    versions = set()
    for path in summaries:
        doc = json.loads(Path(path).read_text())
        versions.add(doc.get(SCHEMA_VERSION_KEY))
        merge(built, doc, titles)
    if len(versions) != 1:
        sys.exit(f"summary_schema: the summaries have different {SCHEMA_VERSION_KEY}: {versions}")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://knead.invalid/schema/summary.schema.json",
        "title": "knead summary.json",
        "description": "What knead simulate writes as summary.json (docs/cli.md). Written by "
        "scripts/summary_schema.py from the bundled examples' runs (make summary-schema); every "
        "object is closed, so a key added or removed is a deliberate schema change.",
    }
    schema.update(finish(built, titles))
    schema["properties"][SCHEMA_VERSION_KEY] = {"const": versions.pop(),
                                                "description": "Version of this layout: the major "
                                                "part changes when a key is removed or changes "
                                                "meaning, the minor part when keys are added"}
    Path(schema_path).write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")


def check(schema_path, summaries):
    try:
        import jsonschema
    except ImportError:
        sys.exit("summary_schema: python3-jsonschema is missing (make setup installs it)")
    schema = json.loads(Path(schema_path).read_text())
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in summaries:
        doc = json.loads(Path(path).read_text())
        for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
            where = "/".join(str(p) for p in err.path) or "(root)"
            print(f"{path}: {where}: {err.message}")
            bad += 1
    return 1 if bad else 0


def main(argv):
    if len(argv) < 4 or argv[1] not in ("write", "check"):
        sys.exit(__doc__)
    if argv[1] == "write":
        write(argv[2], argv[3:])
        return 0
    return check(argv[2], argv[3:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
