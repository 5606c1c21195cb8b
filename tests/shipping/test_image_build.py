"""The backend image's builder stage: what it copies exists and reaches the build context; replayed
natively (tests/shipping/image.py), the venv it builds holds exactly the runtime lock and a package
with every file the app reads, and every module imports from it; the lock it installs with
--require-hashes --no-deps pins every runtime dependency."""

from __future__ import annotations

import fnmatch
import os
import re
import tempfile
import tomllib
from pathlib import Path

import pytest

from tests.shipping.support import DOCKERFILES, dockerfile, instruction, run
from tests.support.processes import REPO


def builder_copies() -> list[tuple[str, str]]:
    parser = dockerfile("Dockerfile.backend")
    structure = parser.structure
    starts = [i for i, ins in enumerate(structure) if ins["instruction"] == "FROM"]
    builder = structure[starts[0] : starts[1]]
    copies = []
    for value in instruction(builder, "COPY"):
        *sources, dest = value.split()
        copies += [(source, dest) for source in sources if not source.startswith("--")]
    return copies


def ignored(path: str) -> bool:
    patterns = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    verdict = False
    for line in patterns:
        negate = line.startswith("!")
        pattern = line.lstrip("!")
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(
            fnmatch.fnmatch(p, pattern) or fnmatch.fnmatch(p, pattern.removeprefix("**/"))
            for p in prefixes
        ):
            verdict = not negate
    return verdict


@pytest.mark.parametrize("name", DOCKERFILES)
def test_copied_sources_exist_and_are_in_the_build_context(name: str) -> None:
    copies = [
        source
        for value in instruction(dockerfile(name).structure, "COPY")
        if "--from=" not in value  # from another stage, not from the build context
        for source in value.split()[:-1]
        if not source.startswith("--")
    ]
    assert copies
    for source in copies:
        assert (REPO / source).exists(), f"{name}: COPY {source}: no such file"
        assert not ignored(source), f"{name}: COPY {source}: excluded by .dockerignore"
    assert builder_copies(), "Dockerfile.backend's builder copies nothing"


def site_packages(image_bin: Path) -> Path:
    (found,) = image_bin.parent.glob("lib/python3*/site-packages")
    return found


@pytest.mark.timeout(600)
def test_installed_package_carries_every_file_the_app_reads(image_bin: Path) -> None:
    installed = site_packages(image_bin) / "flamingo"
    package = REPO / "backend" / "flamingo"

    def files(root: Path) -> set[str]:
        return {
            p.relative_to(root).as_posix()
            for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
        }

    assert files(package) - files(installed) == set(), "files the image lacks (package-data?)"


@pytest.mark.timeout(600)
def test_every_module_imports_with_only_the_runtime_dependencies(image_bin: Path) -> None:
    # The image has no dev packages: a module importing one would fail only in production.
    script = (
        "import importlib, pkgutil, flamingo\n"
        "for m in pkgutil.walk_packages(flamingo.__path__, 'flamingo.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('imported', m.name)\n"
    )
    # Store URLs as in every deployment: the image has no embedded stores (flamingo[embedded]), so
    # importing flamingo.wsgi without them stops with a configuration error (tests/containers).
    env = {
        "PATH": os.environ["PATH"],
        "MONGO_URI": "mongodb://127.0.0.1:9/",
        "REDIS_URL": "redis://127.0.0.1:9/0",
    }
    result = run([str(image_bin / "python"), "-c", script], cwd=tempfile.mkdtemp(), env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.timeout(600)
def test_image_venv_holds_exactly_the_runtime_lock(image_bin: Path) -> None:
    frozen = run([str(image_bin / "python"), "-m", "pip", "list", "--format=freeze"]).stdout
    installed = {_name(line): line.split("==")[1] for line in frozen.split()}
    lock = (REPO / "backend" / "requirements.lock").read_text()
    pinned = {
        _name(m.group(1)): m.group(2)
        for m in re.finditer(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)", lock, re.M)
    }
    # pip and setuptools come with every venv; flamingo is the package itself.
    extra = {"pip", "setuptools", "flamingo"}
    assert {k: v for k, v in installed.items() if k not in extra} == pinned


def _name(requirement: str) -> str:
    name = re.split(r"[\[=<>~!; ]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def test_runtime_lock_pins_every_dependency_with_hashes() -> None:
    project = tomllib.loads((REPO / "backend" / "pyproject.toml").read_text())["project"]
    lock = (REPO / "backend" / "requirements.lock").read_text()
    pinned = {
        _name(m.group(1)): m.group(2)
        for m in re.finditer(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)", lock, re.M)
    }
    for requirement in project["dependencies"]:
        name = _name(requirement)
        assert name in pinned, f"{name} is not in backend/requirements.lock (run make lock)"
        version = requirement.split("==", 1)[1].split(";")[0].strip()
        assert pinned[name] == version, f"{name}: pyproject {version}, lock {pinned[name]}"
    # --require-hashes refuses any entry without one.
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n", 1)[1])
    for entry in entries:
        if re.match(r"[A-Za-z0-9]", entry):
            assert "--hash=sha256:" in entry, f"no hash: {entry.splitlines()[0]}"
