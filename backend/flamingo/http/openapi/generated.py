"""The document's schemas generated from the API's pydantic models (their JSON Schema).

Request models are described as pydantic validates them (``mode="validation"``), answers as
pydantic serializes them (``mode="serialization"``, every field it always writes required). A
model's component is named by its ``title`` (``ConfigDict(title="Link")`` on ``LinkOut``), else
its class name; a named type (``TypeAliasType``, e.g. ``Timestamp``) by its own name. Two models
claiming one name with different schemas is a bug and fails loudly, as in the YAML parts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, models_json_schema

Document = dict[str, Any]
Mode = Literal["validation", "serialization"]
PREFIX = "#/components/schemas/"


class SchemaConflict(Exception):  # noqa: N818 - the name says what conflicts
    pass


@dataclass(frozen=True)
class Contract:
    """What one part of the API publishes: the bodies it reads and the answers it writes."""

    requests: tuple[type[BaseModel], ...] = ()
    responses: tuple[type[BaseModel], ...] = ()


class _Generator(GenerateJsonSchema):
    def field_title_should_be_set(self, schema: Any) -> bool:
        return False  # a property's name says it; pydantic's "Target" titles are noise


def _renamed(node: Any, names: Mapping[str, str]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        renamed = {key: _renamed(value, names) for key, value in node.items()}
        if isinstance(ref, str) and ref.startswith(PREFIX) and ref[len(PREFIX) :] in names:
            renamed["$ref"] = PREFIX + names[ref[len(PREFIX) :]]
        return renamed
    if isinstance(node, list):
        return [_renamed(value, names) for value in node]
    return node


def _in_mode(models: Iterable[type[BaseModel]], mode: Mode) -> Document:
    pairs = [(model, mode) for model in dict.fromkeys(models)]
    if not pairs:
        return {}
    _, top = models_json_schema(pairs, ref_template=PREFIX + "{model}", schema_generator=_Generator)
    defs: Document = top.get("$defs", {})
    names = {key: str(schema.get("title") or key) for key, schema in defs.items()}
    claimed: dict[str, str] = {}
    for key, name in names.items():
        if name in claimed:
            raise SchemaConflict(f"{claimed[name]} and {key} are both named {name} ({mode})")
        claimed[name] = key
    return {names[key]: _renamed(schema, names) for key, schema in defs.items()}


def components(contracts: Iterable[Contract]) -> Document:
    """``components.schemas`` of every request and answer model of ``contracts``."""
    contracts = list(contracts)
    requests = _in_mode((m for c in contracts for m in c.requests), "validation")
    responses = _in_mode((m for c in contracts for m in c.responses), "serialization")
    merged = dict(requests)
    for name, schema in responses.items():
        if name in merged and merged[name] != schema:
            raise SchemaConflict(
                f"{name} reads and answers differently: give the answer model its own title"
            )
        merged[name] = schema
    return merged
