"""The release step, run for real: semantic-release with tools/release's locked plugins and config
on a fresh repository (a bare "remote" it pushes to, like the delivery job does), from the very
first run on."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.processes import REPO
from tests.support.tools import missing

RELEASE = REPO / "tools" / "release"
SEMANTIC_RELEASE = RELEASE / "node_modules" / ".bin" / "semantic-release"
IDENTITY = {
    "GIT_AUTHOR_NAME": "dev",
    "GIT_AUTHOR_EMAIL": "dev@example.com",
    "GIT_COMMITTER_NAME": "dev",
    "GIT_COMMITTER_EMAIL": "dev@example.com",
}


def versions(chart_yaml: str) -> tuple[str, str]:
    version = re.search(r"^version:\s*(\S+)", chart_yaml, re.M)
    app_version = re.search(r"^appVersion:\s*\"?([^\"\s]+)", chart_yaml, re.M)
    assert version and app_version
    return version.group(1), app_version.group(1)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **IDENTITY}
    result = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


class Repo:
    """A new repository with this project's Chart.yaml and release tooling, and its remote."""

    def __init__(self, root: Path) -> None:
        self.remote = root / "remote.git"
        self.work = root / "work"
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(self.remote)], check=True)
        subprocess.run(["git", "init", "-q", "-b", "main", str(self.work)], check=True)
        git(self.work, "remote", "add", "origin", self.remote.resolve().as_uri())
        chart = self.work / "charts" / "flamingo"
        chart.mkdir(parents=True)
        shutil.copy(REPO / "charts" / "flamingo" / "Chart.yaml", chart / "Chart.yaml")
        tools = self.work / "tools" / "release"
        tools.mkdir(parents=True)
        for path in RELEASE.iterdir():
            if path.is_file():
                shutil.copy(path, tools / path.name)
        (tools / "node_modules").symlink_to(RELEASE / "node_modules")
        (self.work / ".gitignore").write_text("node_modules/\n")

    def commit(self, message: str) -> None:
        marker = self.work / "history.txt"
        with marker.open("a") as out:
            out.write(message + "\n")
        git(self.work, "add", "-A")
        git(self.work, "commit", "-q", "-m", message)
        git(self.work, "push", "-q", "origin", "main")

    def release(self, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
        output = tmp_path / f"output-{len(list(tmp_path.glob('output-*')))}"
        output.touch()
        env = {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", str(tmp_path)),
            "GITHUB_OUTPUT": str(output),
            **IDENTITY,
        }
        # The same command as `make release`; --no-ci because this is not a CI run.
        result = subprocess.run(
            [
                str(SEMANTIC_RELEASE),
                "--no-ci",
                "--extends",
                "./tools/release/release.config.cjs",
            ],
            cwd=self.work,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        pairs = dict(line.split("=", 1) for line in output.read_text().splitlines() if line)
        return result, pairs

    def chart_versions(self) -> tuple[str, str]:
        return versions(git(self.remote, "show", "main:charts/flamingo/Chart.yaml"))

    def remote_tags(self) -> list[str]:
        return git(self.remote, "tag").split()


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    if shutil.which("node") is None:
        missing("node")
    if not SEMANTIC_RELEASE.exists():
        missing("tools/release/node_modules (make test-shipping runs npm ci)")
    return Repo(tmp_path)


def test_first_release_of_a_fresh_repository(repo: Repo, tmp_path: Path) -> None:
    repo.commit("feat: shorten links")
    result, outputs = repo.release(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert outputs == {"version": "1.0.0", "released": "true"}
    assert repo.remote_tags() == ["v1.0.0"]
    assert repo.chart_versions() == ("1.0.0", "1.0.0")
    # The tag is on the commit that carries the bumped chart.
    tagged = git(repo.remote, "log", "-1", "--format=%s", "v1.0.0")
    assert tagged.startswith("chore(release): 1.0.0 [skip ci]")

    # Nothing new: no release, still success.
    again, outputs = repo.release(tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert outputs == {} and repo.remote_tags() == ["v1.0.0"]

    # A fix is a patch release; a breaking change a major one.
    git(repo.work, "pull", "-q", "--rebase", "origin", "main")
    repo.commit("fix: keep the query string")
    patch, outputs = repo.release(tmp_path)
    assert patch.returncode == 0, patch.stdout + patch.stderr
    assert outputs["version"] == "1.0.1" and repo.chart_versions() == ("1.0.1", "1.0.1")
    git(repo.work, "pull", "-q", "--rebase", "origin", "main")
    repo.commit("feat!: links need an owner")
    major, outputs = repo.release(tmp_path)
    assert major.returncode == 0, major.stdout + major.stderr
    assert outputs["version"] == "2.0.0"
    assert sorted(repo.remote_tags()) == ["v1.0.0", "v1.0.1", "v2.0.0"]


def test_history_without_conventional_commits_is_no_release_not_a_failure(
    repo: Repo, tmp_path: Path
) -> None:
    repo.commit("Initial import")
    repo.commit("docs: explain the pipeline")
    result, outputs = repo.release(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert outputs == {} and repo.remote_tags() == []
    # The chart is untouched.
    assert repo.chart_versions() == versions((REPO / "charts/flamingo/Chart.yaml").read_text())
