"""Structure checks of ``backend/flamingo`` run by ``make lint``.

1. No import cycle between modules, counting imports inside functions too (a cycle hidden in a
   function-level import still means two modules cannot be understood apart).
2. Packages import one way: each domain package may import only the packages listed for it in
   ``ALLOWED`` (the layering of docs/architecture.md); the top-level modules (app, cli, wsgi,
   gunicorn_config) wire everything and may import anything.
3. No module over ``MAX_LINES`` lines.
4. One way to reach a service or the current app: ``core.context`` (``service(LinkService)``,
   ``app()``). No module but ``core/context.py`` unwraps Flask's ``current_app`` proxy
   (``_get_current_object``, which needs a ``type: ignore``) or asks a service class for an
   instance of ``current_app`` (``X.of(current_app…)``).
5. Settings by concern: code reads a setting from its section (``settings.links.code_length``),
   never through the flat properties ``Settings`` keeps for the modules other issue-20 work is
   rewriting (``FLAT_SETTINGS_EXEMPT``); a new reader of ``settings.public_base_url`` is found.
6. No reads of another object's private attributes (``op._filter``): a library's internals change
   without notice. ``self._x`` / ``cls._x`` are ours; ``PRIVATE_ALLOWED`` lists the few
   underscore names that are a library's documented way (``os._exit``) or have no public
   equivalent, each with its reason.
7. The modules of ``MODELLED`` take and return models (issue 20): no untyped document
   (``dict[str, Any]`` or a ``Document`` alias) — those stay at the driver boundary, in the
   repositories and the model modules — and no answer built by hand (``jsonify``): views render
   a model (``flamingo.http.render.answer``), whose schema is the OpenAPI document's.

Exit 1 with one line per finding.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "backend" / "flamingo"
MAX_LINES = 400
# package -> the flamingo packages it may import (besides itself)
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "http": {"core"},
    # The audit log sits below every domain, so that each of them can record entries.
    "audit": {"core", "http"},
    "accounts": {"core", "http", "audit"},
    # Workspaces decide membership and role; links (and so stats) ask them.
    "workspaces": {"core", "http", "accounts", "audit"},
    "links": {"core", "http", "accounts", "audit", "workspaces"},
    "stats": {"core", "http", "accounts", "audit", "links", "workspaces"},
    "clicks": {"core", "links", "stats"},
    "redirect": {"core", "http", "links", "clicks"},
}
# Modules that may unwrap ``current_app`` themselves (rule 4): the one accessor.
APP_ACCESS_EXEMPT = ("flamingo.core.context",)
_APP_ACCESS = ("_get_current_object", ".of(current_app")
# Rule 5: the flat properties of ``Settings`` (core/config.py) and the modules still using them.
FLAT_SETTINGS = frozenset({
    "public_base_url", "code_length", "link_cache_size", "link_cache_ttl_seconds",
    "link_negative_ttl_seconds", "permanent_redirect_max_age", "geo_header",
    "password_hash_time_cost", "password_hash_memory_kib", "password_hash_parallelism",
})  # fmt: skip
FLAT_SETTINGS_EXEMPT = (
    "flamingo.core.config",
    "flamingo.links.models",
    "flamingo.links.service",
)


# Rule 6: (module, attribute) pairs that may be read although they start with an underscore.
PRIVATE_ALLOWED = frozenset({
    ("flamingo.core.startup", "_exit"),  # os._exit: the documented exit without cleanup
    # Flask-Limiter has no public "count this request now"; it is the hook it installs itself,
    # pinned in the lock and covered by tests/unit/test_ratelimit*.py.
    ("flamingo.http.ratelimit", "_check_request_limit"),
})  # fmt: skip


def private_reads(module: str, tree: ast.AST) -> list[tuple[int, str]]:
    """``x._name`` where ``x`` is not ``self`` / ``cls`` (rule 6), with the expression read."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        name = node.attr
        if not name.startswith("_") or (name.startswith("__") and name.endswith("__")):
            continue
        if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            continue
        if (module, name) in PRIVATE_ALLOWED or name == "_get_current_object":
            continue  # werkzeug documents _get_current_object; rule 4 says who may call it
        found.append((node.lineno, f"{ast.unparse(node.value)}.{name}"))
    return found


# Services, views and helpers whose data are models (the packages converted so far).
MODELLED = frozenset(
    {
        "flamingo.links.service",
        "flamingo.links.views",
        "flamingo.links.fields",
        "flamingo.links.models",
        "flamingo.links.domain_service",
        "flamingo.links.domain_views",
        "flamingo.links.admin_views",
        "flamingo.accounts.audit_views",
        "flamingo.accounts.views",
        "flamingo.redirect.unlock",
        "flamingo.accounts.token_views",
        "flamingo.accounts.admin_views",
        "flamingo.workspaces.views",
        "flamingo.workspaces.service",
        "flamingo.workspaces.invitations",
        "flamingo.accounts.oidc_views",
        "flamingo.stats.service",
        "flamingo.stats.views",
        "flamingo.stats.visit_views",
        "flamingo.stats.eventservice",
        "flamingo.stats.eventreports",
        "flamingo.stats.reports",
    }
)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST, known: set[str]) -> Iterator[tuple[str, int]]:
    """Every flamingo module imported anywhere in ``tree`` (with its line)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("flamingo"):
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("flamingo"):
                continue
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                yield (candidate if candidate in known else node.module), node.lineno


def package(module: str) -> str | None:
    """The domain package of ``flamingo.<package>[.module]``; None for the top-level wiring."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def app_access_findings(module: str, text: str) -> list[tuple[int, str]]:
    """Lines of ``module`` that reach the current app or a service other than through
    ``core.context`` (rule 4), with what they used."""
    if module.startswith(APP_ACCESS_EXEMPT):
        return []
    return [
        (number, needle)
        for number, line in enumerate(text.splitlines(), start=1)
        for needle in _APP_ACCESS
        if needle in line
    ]


def _is_whole_settings(node: ast.expr) -> bool:
    """``settings``, ``self.settings``, ``settings()``, ``context.settings_of(app)``…"""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Name):
        return node.id in {"settings", "settings_of", "_settings"}
    return isinstance(node, ast.Attribute) and node.attr in {"settings", "settings_of"}


def flat_settings_findings(module: str, tree: ast.AST) -> list[tuple[int, str]]:
    """Lines of ``module`` that read a setting through a flat property of ``Settings`` instead
    of its section (rule 5)."""
    if module.startswith(FLAT_SETTINGS_EXEMPT):
        return []
    return [
        (node.lineno, node.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in FLAT_SETTINGS
        and _is_whole_settings(node.value)
    ]


def _is_any_dict(node: ast.AST) -> bool:
    if not (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)):
        return False
    if node.value.id not in ("dict", "Dict") or not isinstance(node.slice, ast.Tuple):
        return False
    return any(isinstance(e, ast.Name) and e.id == "Any" for e in node.slice.elts[1:])


def unmodelled(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """What a modelled module may not have: untyped documents and hand-built answers."""
    for node in ast.walk(tree):
        if _is_any_dict(node):
            yield "dict[str, Any] (use a model)", getattr(node, "lineno", 0)
        elif isinstance(node, ast.Name) and node.id == "Document":
            yield "a Document (documents stay in the repository)", node.lineno
        elif isinstance(node, ast.alias) and node.name == "Document":
            yield "a Document (documents stay in the repository)", getattr(node, "lineno", 0)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "jsonify"
        ):
            yield "jsonify (render a model: http.render.answer)", node.lineno


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def main() -> int:
    files = {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}
    known = set(files)
    graph: dict[str, set[str]] = {name: set() for name in files}
    problems: list[str] = []
    for name, path in files.items():
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n") + 1
        if lines > MAX_LINES:
            problems.append(f"{path}: {lines} lines (at most {MAX_LINES})")
        problems += [
            f"{path}:{line}: {used}: reach the app and services through flamingo.core.context"
            for line, used in app_access_findings(name, text)
        ]
        tree = ast.parse(text)
        problems += [
            f"{path}:{line}: settings.{name}: read it from its section (settings.<section>.{name})"
            for line, name in flat_settings_findings(name, tree)
        ]
        problems += [
            f"{path}:{line}: {used}: another object's private attribute (use its public API)"
            for line, used in private_reads(name, tree)
        ]
        if name in MODELLED:
            problems += [f"{path}:{line}: {what}" for what, line in unmodelled(tree)]
        for target, line in imported(tree, known):
            if target in (name, "flamingo"):
                continue
            graph[name].add(target)
            source_pkg, target_pkg = package(name), package(target)
            if source_pkg is None or target_pkg is None or source_pkg == target_pkg:
                continue
            if target_pkg not in ALLOWED[source_pkg]:
                problems.append(
                    f"{path}:{line}: {source_pkg} may not import {target_pkg} ({target})"
                )
    problems += [f"import cycle: {' -> '.join(cycle)}" for cycle in find_cycles(graph)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
