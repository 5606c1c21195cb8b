"""Validating custom resources against a CRD's structural schema, offline.

jsonschema checks types, enums, required fields, patterns and bounds; on top of that, fields the
schema does not declare are errors (what `kubectl apply --validate=strict` does), and the CRD's
CEL rules that only combine has(self.<field>) with && || ! are evaluated. Any other CEL rule is
reported as not evaluated, so a test can show how much the offline check covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

Obj = dict[str, Any]

_HAS = re.compile(r"has\(self\.([A-Za-z_][A-Za-z0-9_]*)\)")
# The ObjectMeta fields a manifest may set (the rest are written by the API server).
_OBJECT_META = {
    "name",
    "namespace",
    "labels",
    "annotations",
    "finalizers",
    "generateName",
    "ownerReferences",
}
_PURE_HAS_RULE = re.compile(r"^(?:\s|has\(self\.[A-Za-z_][A-Za-z0-9_]*\)|&&|\|\||!|\(|\))+$")


@dataclass
class Result:
    errors: list[str] = field(default_factory=list)
    cel_evaluated: int = 0
    cel_not_evaluated: list[str] = field(default_factory=list)


def load_crds(directory: Path) -> dict[tuple[str, str, str], Obj]:
    """(group, version, kind) -> openAPIV3Schema of every served version in the directory."""
    schemas: dict[tuple[str, str, str], Obj] = {}
    for path in sorted(directory.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if not doc or doc.get("kind") != "CustomResourceDefinition":
                continue
            spec = doc["spec"]
            for version in spec["versions"]:
                if version.get("served"):
                    key = (spec["group"], version["name"], spec["names"]["kind"])
                    schemas[key] = version["schema"]["openAPIV3Schema"]
    return schemas


def _eval_has_rule(rule: str, value: Obj) -> bool:
    expression = _HAS.sub(lambda m: repr(m.group(1) in value), rule)
    expression = expression.replace("&&", " and ").replace("||", " or ")
    expression = re.sub(r"!(?!=)", " not ", expression)
    # Only True/False/and/or/not/parentheses remain (checked by _PURE_HAS_RULE before).
    return bool(eval(expression, {"__builtins__": {}}, {}))  # noqa: S307


def _walk(value: Any, schema: Obj, path: str, result: Result) -> None:
    for rule in schema.get("x-kubernetes-validations", []):
        text = rule["rule"]
        if "oldSelf" in text or not _PURE_HAS_RULE.match(text) or not isinstance(value, dict):
            result.cel_not_evaluated.append(f"{path}: {text}")
            continue
        result.cel_evaluated += 1
        if not _eval_has_rule(text, value):
            result.errors.append(f"{path}: {rule.get('message', text)}")
    if isinstance(value, dict) and schema.get("type") == "object":
        if schema.get("x-kubernetes-preserve-unknown-fields"):
            return
        properties: Obj = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            if path == "" and key == "metadata":
                continue  # ObjectMeta: the API server's own schema, checked in validate()
            if key in properties:
                _walk(item, properties[key], f"{path}.{key}", result)
            elif isinstance(extra, dict):
                _walk(item, extra, f"{path}.{key}", result)
            elif path != "" or key not in {"apiVersion", "kind", "metadata"}:
                result.errors.append(f"{path}.{key}: field not declared in the schema")
    elif isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            _walk(item, schema["items"], f"{path}[{index}]", result)


def validate(obj: Obj, schemas: dict[tuple[str, str, str], Obj]) -> Result:
    group, _, version = obj["apiVersion"].rpartition("/")
    key = (group, version, obj["kind"])
    result = Result()
    if key not in schemas:
        result.errors.append(f"no CRD serves {obj['apiVersion']} {obj['kind']}")
        return result
    schema = schemas[key]
    validator = jsonschema.Draft7Validator(schema)
    for error in validator.iter_errors(obj):
        where = ".".join(str(p) for p in error.absolute_path)
        result.errors.append(f".{where}: {error.message}")
    _walk(obj, schema, "", result)
    metadata = obj.get("metadata", {})
    unknown = set(metadata) - _OBJECT_META
    if unknown:
        result.errors.append(f".metadata: fields not in ObjectMeta: {sorted(unknown)}")
    name = metadata.get("name", "")
    if not re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", name):
        result.errors.append(f".metadata.name: {name!r} is not a DNS subdomain name")
    return result
