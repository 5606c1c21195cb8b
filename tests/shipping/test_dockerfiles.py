"""Both Dockerfiles lint clean; the backend image has the shape production relies on."""

from __future__ import annotations

import re

import pytest

from tests.shipping.support import (
    DOCKERFILES,
    dockerfile,
    final_stage,
    hadolint,
    instruction,
    run,
    start_command,
)
from tests.support.processes import REPO


@pytest.mark.parametrize("name", DOCKERFILES)
def test_hadolint_is_clean(name: str) -> None:
    path = REPO / name
    assert path.is_file(), f"{name} is missing (docker-compose.yml builds it)"
    result = run([hadolint(), "--no-color", str(path)], cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", DOCKERFILES)
def test_every_hadolint_ignore_says_why(name: str) -> None:
    lines = (REPO / name).read_text().splitlines()
    for number, line in enumerate(lines):
        if re.match(r"\s*#\s*hadolint\s+(global\s+)?ignore=", line):
            before = lines[number - 1].strip() if number else ""
            reason = line.split("ignore=", 1)[1].split(maxsplit=1)[1:]
            assert (before.startswith("#") and "hadolint" not in before) or reason, (
                f"{name}:{number + 1}: a hadolint ignore needs a comment giving the reason"
            )


def test_backend_image_is_multi_stage_and_pinned() -> None:
    parser = dockerfile("Dockerfile.backend")
    assert parser.is_multistage
    for image in parser.parent_images:
        assert re.fullmatch(r"[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}", image), (
            f"base image not pinned by tag and digest: {image}"
        )
    runtime = final_stage(parser)
    # The runtime stage copies the built venv and nothing from the source tree.
    copies = instruction(runtime, "COPY")
    assert copies and all(c.startswith("--from=") for c in copies), copies
    assert not instruction(runtime, "ADD")


def test_backend_image_runs_as_a_fixed_non_root_user() -> None:
    runtime = final_stage(dockerfile("Dockerfile.backend"))
    user = instruction(runtime, "USER")[-1]
    uid, _, gid = user.partition(":")
    assert uid.isdigit() and int(uid) >= 10000, f"USER must be a fixed numeric UID: {user}"
    assert not gid or (gid.isdigit() and int(gid) != 0)


def test_backend_image_environment_and_labels() -> None:
    args = {"APP_VERSION": "4.5.6", "GIT_COMMIT": "f" * 40, "BUILD_TIME": "2026-01-02T03:04:05Z"}
    parser = dockerfile("Dockerfile.backend", build_args=args)
    env = parser.envs
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"
    assert env["PYTHONUNBUFFERED"] == "1"
    # Build args become the settings /api/v1/version reports.
    for name, value in args.items():
        assert env[name] == value
    labels = parser.labels
    assert labels["org.opencontainers.image.revision"] == args["GIT_COMMIT"]
    assert labels["org.opencontainers.image.version"] == args["APP_VERSION"]
    assert labels["org.opencontainers.image.source"].startswith("https://")
    assert instruction(final_stage(parser), "EXPOSE") == [env["PORT"]]


def test_backend_start_command_is_the_make_run_gunicorn_command() -> None:
    argv = start_command(dockerfile("Dockerfile.backend"))
    makefile = (REPO / "Makefile").read_text()
    make_run = re.search(r"^GUNICORN\s*:=\s*\$\(VENV\)/bin/(.+)$", makefile, re.M)
    assert make_run, "Makefile GUNICORN variable not found"
    assert argv == make_run.group(1).split()


def test_dockerignore_keeps_tests_node_modules_and_git_out() -> None:
    patterns = {
        line.strip()
        for line in (REPO / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for needed in (".git", "tests", "**/node_modules", ".venv", "**/.env"):
        assert needed in patterns, f".dockerignore lacks {needed}"
    # Everything the backend image copies must stay in the context.
    for source in ("backend/requirements.lock", "backend/pyproject.toml", "backend/flamingo"):
        top = source.split("/")[0]
        assert top not in patterns and source not in patterns


@pytest.mark.parametrize("name", DOCKERFILES)
def test_a_new_release_of_one_commit_reuses_every_filesystem_layer(name: str) -> None:
    """The release's build args (what /api/v1/version and the labels report) are declared after
    the last instruction that makes a filesystem layer: an ARG changes the cache key of every later
    RUN, so declared earlier, a new APP_VERSION rebuilds and re-pushes the layers below it (the
    venv, the SPA) and every node pulls them again. tests/containers checks the built layers."""
    stage = final_stage(dockerfile(name))
    kinds = [ins["instruction"] for ins in stage]
    last_layer = max(i for i, kind in enumerate(kinds) if kind in {"RUN", "COPY", "ADD"})
    for arg in ("APP_VERSION", "GIT_COMMIT", "BUILD_TIME"):
        declared = [
            i for i, ins in enumerate(stage)
            if ins["instruction"] == "ARG" and ins["value"].split("=", 1)[0] == arg
        ]  # fmt: skip
        assert declared, f"{name}: the final stage declares no ARG {arg}"
        assert min(declared) > last_layer, (
            f"{name}: ARG {arg} comes before the stage's last RUN/COPY: a new release rebuilds it"
        )
