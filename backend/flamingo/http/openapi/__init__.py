"""The OpenAPI 3.1 document: ``base.yaml`` plus every other ``*.yaml`` in this folder, plus the
schemas generated from the API's pydantic models.

Each feature keeps its part next to the others (``links.yaml``, ``accounts.yaml``,
``stats.yaml``…): what models cannot say (operations, parameters, examples, prose) and the schemas
not yet generated; their ``paths``, ``webhooks`` (the events we send), ``tags`` and
``components`` are merged into the base. The
request and answer models each package publishes (a :class:`Contract`, registered once by the app
factory's module, ``flamingo.app``) become ``components.schemas`` (:mod:`.generated`). Two parts
defining the same path method or component is a bug, and fails loudly here (and in the tests).
"""

from __future__ import annotations

import copy
import functools
from importlib import resources
from typing import Any

import yaml

from flamingo.http.openapi.generated import Contract, SchemaConflict, components

__all__ = ["Contract", "OpenApiConflict", "SchemaConflict", "document", "merge_part", "register"]
BASE = "base.yaml"
Document = dict[str, Any]


class OpenApiConflict(Exception):  # noqa: N818 - the name says what conflicts
    pass


def _load(name: str) -> Document:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    loaded = yaml.safe_load(text)
    if not isinstance(loaded, dict):
        raise OpenApiConflict(f"{name}: not a YAML mapping")
    return loaded


def _part_names() -> list[str]:
    folder = resources.files(__package__)
    return sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml") and entry.name != BASE
    )


def _merge_paths(into: Document, paths: Document, source: str) -> None:
    for path, operations in (paths or {}).items():
        target = into.setdefault(path, {})
        for method, operation in operations.items():
            if method in target:
                raise OpenApiConflict(f"{source}: {method.upper()} {path} is defined twice")
            target[method] = operation


def _merge_components(into: Document, components: Document, source: str) -> None:
    for section, entries in (components or {}).items():
        target = into.setdefault(section, {})
        for name, value in entries.items():
            if name in target:
                raise OpenApiConflict(f"{source}: components.{section}.{name} is defined twice")
            target[name] = value


def _merge_tags(into: list[Document], tags: list[Document]) -> None:
    known = {tag["name"] for tag in into}
    into.extend(tag for tag in tags or [] if tag["name"] not in known)


def merge_part(document: Document, part: Document, source: str) -> None:
    """Merge one part into ``document``; :class:`OpenApiConflict` naming what is defined twice."""
    _merge_paths(document.setdefault("paths", {}), part.get("paths", {}), source)
    if part.get("webhooks"):  # OpenAPI 3.1: the events we send (flamingo.webhooks)
        _merge_paths(document.setdefault("webhooks", {}), part["webhooks"], source)
    _merge_components(document.setdefault("components", {}), part.get("components", {}), source)
    _merge_tags(document.setdefault("tags", []), part.get("tags", []))


_CONTRACTS: list[Contract] = []


def register(*contracts: Contract) -> None:
    """Publish request and answer models in the document (the app factory's module does, once)."""
    _CONTRACTS.extend(c for c in contracts if c not in _CONTRACTS)
    _document.cache_clear()


def registered() -> tuple[Contract, ...]:
    return tuple(_CONTRACTS)


def _assemble(contracts: tuple[Contract, ...]) -> Document:
    document = _load(BASE)
    for name in _part_names():
        merge_part(document, _load(name), name)
    merge_part(document, {"components": {"schemas": components(contracts)}}, "models")
    return document


@functools.cache
def _document() -> Document:
    return _assemble(registered())


def document(version: str | None = None, contracts: tuple[Contract, ...] | None = None) -> Document:
    """The merged document (a copy; safe to change), with ``info.version`` set if given; built
    from ``contracts`` instead of the registered ones when given."""
    merged = copy.deepcopy(_document() if contracts is None else _assemble(contracts))
    if version:
        merged["info"]["version"] = version
    return merged
