"""`make images` for real: both images built by our Dockerfiles on the stand-in bases, pushed to
the local registry by digest, then run the way the chart runs them."""

from __future__ import annotations

import json
import subprocess
import urllib.request

import pytest

from tests.containers.conftest import APP_VERSION
from tests.containers.images import (
    HARDENED,
    NO_STORES,
    container,
    get_json,
    health,
    inspect,
    run,
    wait_for,
)
from tests.support.docker import docker
from tests.support.images import build_standins
from tests.support.processes import REPO

# Builds and compose runs on 2 shared cores: generous bounds (the waits inside are bounded too).
pytestmark = pytest.mark.timeout(900)


COMPILERS = ("gcc", "cc", "c++", "g++", "clang", "make", "ld")
TEST_DOUBLES = ("mongomock", "fakeredis")


def git_head() -> str:
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_make_images_prints_exactly_one_pinned_line_per_image(
    image_lines: list[str], images: dict[str, str]
) -> None:
    assert len(image_lines) == 2 and sorted(images) == ["backend", "frontend"], image_lines
    for name, ref in images.items():
        host, _, rest = ref.partition("/")
        repository, digest = rest.split("@")
        assert repository == f"flamingo/{name}:{APP_VERSION}"
        # The registry serves that manifest by digest: what a cluster pulls.
        request = urllib.request.Request(
            f"http://{host}/v2/flamingo/{name}/manifests/{digest}",
            headers={"Accept": "application/vnd.docker.distribution.manifest.v2+json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - loopback
            assert answer.headers["Docker-Content-Digest"] == digest


@pytest.mark.parametrize(
    ("name", "bases"), [("backend", ("python",)), ("frontend", ("nginx-unprivileged",))]
)
def test_runtime_stage_is_built_on_the_stand_in_it_was_given(
    images: dict[str, str], name: str, bases: tuple[str, ...]
) -> None:
    """The base-image args reached FROM: the stand-in's layers are the bottom of our image."""
    (standin,) = build_standins(bases).values()
    ours = inspect(images[name])["RootFS"]["Layers"]
    theirs = inspect(standin.ref)["RootFS"]["Layers"]
    assert ours[: len(theirs)] == theirs and len(ours) > len(theirs)


@pytest.mark.parametrize(("name", "uid"), [("backend", "10001"), ("frontend", "101")])
def test_runs_as_a_fixed_non_root_user(images: dict[str, str], name: str, uid: str) -> None:
    user = inspect(images[name])["Config"]["User"]
    assert user.split(":")[0] == uid
    code, out = run(images[name], "id", "-u", options=("--entrypoint", ""))
    assert code == 0 and out.strip() == uid, out


@pytest.mark.parametrize("name", ["backend", "frontend"])
def test_oci_labels_name_the_version_commit_and_source(images: dict[str, str], name: str) -> None:
    labels = inspect(images[name])["Config"]["Labels"]
    assert labels["org.opencontainers.image.title"] == f"flamingo-{name}"
    assert labels["org.opencontainers.image.version"] == APP_VERSION
    assert labels["org.opencontainers.image.revision"] == git_head()
    assert labels["org.opencontainers.image.source"].startswith("https://")
    assert labels["org.opencontainers.image.created"] not in ("", "unknown")


@pytest.mark.parametrize("name", ["backend", "frontend"])
def test_no_compilers_in_the_runtime_image(images: dict[str, str], name: str) -> None:
    script = "for c in " + " ".join(COMPILERS) + '; do command -v "$c"; done; true'
    code, out = run(images[name], "sh", "-c", script, options=("--entrypoint", ""))
    assert code == 0 and out.strip() == "", f"compilers in {name}: {out}"


def test_no_test_doubles_in_the_backend_image(images: dict[str, str]) -> None:
    probe = (
        "import importlib.util, json; "
        f"print(json.dumps([n for n in {list(TEST_DOUBLES)!r} if importlib.util.find_spec(n)]))"
    )
    code, out = run(images["backend"], "python", "-c", probe)
    assert code == 0 and json.loads(out) == [], out
    # ...so an unset store URL is the one configuration line (exit 78), not an in-memory store.
    code, out = run(images["backend"], options=("-e", "FLAMINGO_ENV=development", *HARDENED))
    assert code == 78, out
    assert out.strip().splitlines()[-1].startswith("configuration error: MONGO_URI: unset"), out


def test_backend_serves_its_version_with_a_read_only_root_and_passes_its_healthcheck(
    images: dict[str, str],
) -> None:
    env = ("-e", "FLAMINGO_ENV=development", *NO_STORES)
    with container(images["backend"], *HARDENED, *env) as (cid, base):
        version = wait_for(lambda: get_json(f"{base}/api/v1/version"), "the backend answering")
        assert version["version"] == APP_VERSION
        assert version["commit"] == git_head()
        # Only /tmp is writable.
        code, out = run_in(cid, "sh", "-c", "touch /tmp/ok && ! touch /opt/venv/x 2>/dev/null")
        assert code == 0, out
        assert wait_for(lambda: health(cid) == "healthy", "the backend's HEALTHCHECK")


def test_frontend_healthcheck_fails_while_it_cannot_reach_the_backend(
    images: dict[str, str],
) -> None:
    # No backend at all: Nginx itself is up (its own probe answers) but the image's HEALTHCHECK,
    # which goes through the proxy, must not call it healthy.
    options = (*HARDENED, "--health-interval", "1s", "--health-retries", "2")
    with container(images["frontend"], *options, port=8080) as (cid, base):
        assert wait_for(lambda: get_text(f"{base}/nginx-healthz") == "ok\n", "nginx")
        assert get_text(f"{base}/app/").startswith("<!doctype html>")
        assert wait_for(lambda: health(cid) == "unhealthy", "the HEALTHCHECK verdict")


def run_in(cid: str, *argv: str) -> tuple[int, str]:
    result = docker("exec", cid, *argv, check=False)
    return result.returncode, result.stdout + result.stderr


def get_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - loopback
        return str(answer.read().decode())


def test_a_new_version_of_the_same_commit_adds_no_layer(images: dict[str, str]) -> None:
    """`make images` with another APP_VERSION (what a blue-green release of one commit does on
    the local cluster): the same filesystem layers, only the image config differs, so the registry
    stores and every node pulls no new blob."""
    result = subprocess.run(
        ["make", "-s", "images", "APP_VERSION=9.8.8-next"],
        cwd=REPO, capture_output=True, text=True, check=False, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    again = dict(line.split()[1:] for line in result.stdout.splitlines())
    assert sorted(again) == ["backend", "frontend"], result.stdout
    for name, ref in images.items():
        before, after = inspect(ref), inspect(again[name])
        assert after["Config"]["Labels"]["org.opencontainers.image.version"] == "9.8.8-next"
        assert after["Id"] != before["Id"]
        assert after["RootFS"]["Layers"] == before["RootFS"]["Layers"], name
