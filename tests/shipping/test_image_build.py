"""The backend image's builder stage, replayed natively where it can be: what it copies exists and
reaches the build context, the package it installs carries every file the app reads at run time,
and the lock it installs with --require-hashes --no-deps pins every runtime dependency."""

from __future__ import annotations

import fnmatch
import re
import shutil
import sys
import tomllib
import zipfile
from pathlib import Path

from tests.shipping.support import dockerfile, instruction, run
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


def test_builder_sources_exist_and_are_in_the_build_context() -> None:
    copies = builder_copies()
    assert copies
    for source, _ in copies:
        assert (REPO / source).exists(), f"COPY {source}: no such file"
        assert not ignored(source), f"COPY {source}: excluded by .dockerignore"


def test_installed_package_carries_every_file_the_app_reads(tmp_path: Path) -> None:
    # Lay out /src as the builder stage does (COPY ... ./), then build the wheel `pip install .`
    # would install.
    src = tmp_path / "src"
    src.mkdir()
    for source, dest in builder_copies():
        if source.endswith(".lock"):
            continue
        target = src / dest if not dest.endswith("/") and dest != "./" else src / Path(source).name
        if (REPO / source).is_dir():
            shutil.copytree(
                REPO / source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            shutil.copy(REPO / source, target)
    wheels = tmp_path / "wheels"
    result = run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "--wheel-dir",
            str(wheels),
            str(src),
        ]
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = wheels.glob("flamingo-*.whl")
    packaged = set(zipfile.ZipFile(wheel).namelist())
    package = REPO / "backend" / "flamingo"
    sources = {
        "flamingo/" + p.relative_to(package).as_posix()
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert sources - packaged == set(), "files the image would lack (package-data?)"


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
