"""The structure check of ``make lint`` finds what it is there to find."""

from __future__ import annotations

import ast
import importlib.util
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
