"""The structure check of ``make lint`` finds what it is there to find."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_structure.py"


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_structure", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_cycle_is_found_however_long() -> None:
    check = _checker()
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert check.find_cycles(graph) == [["a", "b", "c"]]


def test_a_graph_without_cycles_passes() -> None:
    check = _checker()
    assert check.find_cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_backend_passes_today() -> None:
    assert _checker().main() == 0


def test_the_layering_table_itself_has_no_cycle() -> None:
    check = _checker()
    assert check.find_cycles(check.ALLOWED) == []


def test_unwrapping_current_app_outside_the_accessor_is_found() -> None:
    check = _checker()
    text = "x = 1\napp = current_app._get_current_object()  # type: ignore[attr-defined]\n"
    assert check.app_access_findings("flamingo.links.views", text) == [(2, "_get_current_object")]
    assert check.app_access_findings("flamingo.stats.views", "LinkService.of(current_app)") == [
        (1, ".of(current_app")
    ]


def test_the_accessor_itself_may_unwrap_current_app() -> None:
    check = _checker()
    text = "return current_app._get_current_object()\n"
    assert check.app_access_findings("flamingo.core.context", text) == []
    assert check.app_access_findings("flamingo.links.views", "context.service(X)\n") == []


def test_a_setting_read_around_its_section_is_found() -> None:
    check = _checker()
    tree = ast.parse(
        "a = settings.public_base_url\n"
        "b = context.settings_of(app).geo_header\n"
        "c = self.settings.code_length\n"
        "d = context.settings().server.public_base_url\n"
    )
    assert check.flat_settings_findings("flamingo.accounts.views", tree) == [
        (1, "public_base_url"),
        (2, "geo_header"),
        (3, "code_length"),
    ]


def test_the_modules_under_rework_may_still_read_flat_settings() -> None:
    check = _checker()
    tree = ast.parse("base = settings.public_base_url\n")
    assert check.flat_settings_findings("flamingo.links.models", tree) == []


def test_reading_a_librarys_private_attribute_is_found() -> None:
    check = _checker()
    tree = ast.parse("def f(op):\n    return collection.update_one(op._filter, op._doc)\n")
    found = check.private_reads("flamingo.stats.repository", tree)
    assert [used for _, used in found] == ["op._filter", "op._doc"]


def test_own_private_attributes_dunders_and_the_listed_exceptions_pass() -> None:
    check = _checker()
    code = "class A:\n    def f(self):\n        return self._x, type(self).__name__, cls._y\n"
    assert check.private_reads("flamingo.links.cache", ast.parse(code)) == []
    assert check.private_reads("flamingo.core.startup", ast.parse("os._exit(78)")) == []
    assert check.private_reads("flamingo.links.cache", ast.parse("os._exit(78)")) != []


def test_a_modelled_module_may_not_build_documents_or_answers_by_hand() -> None:
    check = _checker()
    source = (
        "from flamingo.links.repository import Document\n"
        "def view(doc: dict[str, Any]) -> Response:\n"
        "    return jsonify(doc)\n"
    )
    found = [what.split(" ")[0] for what, _ in check.unmodelled(ast.parse(source))]
    assert sorted(found) == ["a", "dict[str,", "jsonify"]
    clean = "def view(link: Link) -> Response:\n    return answer(svc.out(link))\n"
    assert list(check.unmodelled(ast.parse(clean))) == []
    assert "flamingo.links.views" in check.MODELLED


def _layout_block() -> dict[str, set[str]]:
    """The words of docs/architecture.md's package tree, per package line (continuations too)."""
    doc = (SCRIPT.parents[1] / "docs" / "architecture.md").read_text()
    tree = doc.split("## Package layout", 1)[1].split("```", 2)[1]
    words: dict[str, set[str]] = {}
    current = ""
    for line in tree.splitlines():
        head = line[:20].strip()
        if head.endswith("/") and not line.startswith(" " * 4):
            current = head.rstrip("/")
        words.setdefault(current, set()).update(re.findall(r"[a-z_]+", line))
    return words


def test_the_package_tree_names_every_module() -> None:
    """docs/architecture.md's layout names each module under its package (issue 20, item 6)."""
    root = SCRIPT.parents[1] / "backend" / "flamingo"
    words = _layout_block()
    missing = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if path.name == "__init__.py" or "__pycache__" in rel.parts:
            continue
        package = rel.parts[0] if len(rel.parts) > 1 else "flamingo"
        if path.stem not in words.get(package, set()):
            missing.append(str(rel))
    assert missing == []
