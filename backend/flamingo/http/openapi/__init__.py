"""The OpenAPI 3.1 document: ``base.yaml`` plus every other ``*.yaml`` in this folder.

Each feature keeps its part next to the others (``links.yaml``, ``accounts.yaml``,
``stats.yaml``…); their ``paths``, ``tags`` and ``components`` are merged into the base. Two parts
defining the same path method or component is a bug, and fails loudly here (and in the tests).
"""

from __future__ import annotations

import copy
import functools
from importlib import resources
from typing import Any

import yaml

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
    _merge_components(document.setdefault("components", {}), part.get("components", {}), source)
    _merge_tags(document.setdefault("tags", []), part.get("tags", []))


@functools.cache
def _document() -> Document:
    document = _load(BASE)
    for name in _part_names():
        merge_part(document, _load(name), name)
    return document


def document(version: str | None = None) -> Document:
    """The merged document (a copy; safe to change), with ``info.version`` set if given."""
    merged = copy.deepcopy(_document())
    if version:
        merged["info"]["version"] = version
    return merged
