"""Stand-in base images and our two images, built on the private engine and pushed to the local
registry (tests/support/docker.py).

    python -m tests.support.images standins   build + push the stand-ins; print one line each
    python -m tests.support.images build      the stand-ins, then our images; print
                                              `image backend <ref>@sha256:…` and `image frontend …`

Docker Hub cannot be reached here, so the official bases our Dockerfiles name (pinned by tag and
digest) are replaced, through the Dockerfiles' own base-image build args only, by stand-ins built
from Debian packages: tools/images/<name>/Dockerfile, each saying what it stands for and how it
differs. Their common base is `debootstrap --variant=minbase` of Debian $STANDIN_SUITE, imported as
an image; the rootfs tarball is cached in the versioned tools folder, the images in the engine's
data root, so a warm run rebuilds nothing. Every reference handed to a build is `<ref>@sha256:…`,
as in production.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.support.docker import REGISTRY, Engine, docker, docker_env
from tests.support.processes import REPO
from tests.support.tools import TOOLS_DIR, tool_path, versions

IMAGES_DIR = REPO / "tools" / "images"
CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
# Stand-in name → its tag (what it stands for, and that it is a stand-in).
STANDINS = {
    "python": "3.11-standin",
    "node": "20-standin",
    "nginx-unprivileged": "1.22-standin",
    "redis": "7.0-standin",
    "ferretdb": f"{versions()['FERRETDB_VERSION']}-standin",
}
# Our Dockerfiles' base-image build args → the stand-in that replaces that base.
BASE_ARGS = {
    "Dockerfile.backend": {"PYTHON": "python"},
    "Dockerfile.frontend": {"NODE": "node", "NGINX": "nginx-unprivileged"},
}
OURS = {"backend": "Dockerfile.backend", "frontend": "Dockerfile.frontend"}


def suite() -> str:
    return versions()["STANDIN_SUITE"]


def base_tag() -> str:
    return f"flamingo-standin/debian:{suite()}"


def rootfs_tar() -> Path:
    return Path(os.environ.get("STANDIN_ROOTFS") or TOOLS_DIR / f"standin-{suite()}" / "rootfs.tar")


def debian_mirror() -> str:
    """The Debian mirror this machine's apt uses (debootstrap takes it from here)."""
    sources = Path("/etc/apt/sources.list.d/debian.sources")
    if sources.exists():
        for line in sources.read_text().splitlines():
            if line.startswith("URIs:"):
                return line.split()[1]
    return "http://deb.debian.org/debian"


def debootstrap_rootfs() -> None:
    """The stand-ins' common root filesystem, as a tarball in the tools folder (`make tools`)."""
    tar = rootfs_tar()
    tar.parent.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="standin-rootfs-", dir=tar.parent))
    try:
        print(f"[images] debootstrap --variant=minbase {suite()} (once)", file=sys.stderr)
        subprocess.run(
            ["debootstrap", "--variant=minbase", suite(), str(root), debian_mirror()],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        # The same sources as this machine (security and updates too), so apt inside sees them.
        sources = Path("/etc/apt/sources.list.d/debian.sources")
        if sources.exists():
            shutil.copy(sources, root / "etc/apt/sources.list.d/debian.sources")
            (root / "etc/apt/sources.list").unlink(missing_ok=True)
        for cache in ("var/cache/apt/archives", "var/lib/apt/lists"):
            for item in (root / cache).glob("*"):
                if item.is_file():
                    item.unlink()
        subprocess.run(["tar", "-C", str(root), "-cf", f"{tar}.tmp", "."], check=True)
        Path(f"{tar}.tmp").rename(tar)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def ensure_base() -> str:
    """The imported minbase image (from the cached rootfs tarball, debootstrapped when missing)."""
    if docker("image", "inspect", base_tag(), check=False).returncode == 0:
        return base_tag()
    if not rootfs_tar().is_file():
        debootstrap_rootfs()
    docker(
        "import",
        "--change",
        "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "--change",
        'CMD ["bash"]',
        str(rootfs_tar()),
        base_tag(),
    )
    return base_tag()


def _context_extras(name: str, context: Path) -> None:
    """Files a stand-in copies from this machine: the CA bundle, Node, FerretDB."""
    shutil.copy(CA_BUNDLE, context / "ca-certificates.crt")
    if name == "node":
        node = shutil.which("node")
        assert node, "node is not on PATH"
        shutil.copy(Path(node).resolve(), context / "node")
        npm_cli = Path(shutil.which("npm") or "/usr/lib/node_modules/npm/bin/npm").resolve()
        shutil.copytree(npm_cli.parents[1], context / "npm", symlinks=True)
    if name == "ferretdb":
        binary = Path(
            os.environ.get("FERRETDB_STATIC")
            or tool_path("ferretdb-static", "FERRETDB_VERSION", "ferretdb")
        )
        assert binary.is_file(), f"{binary} is missing (run `make containers-tools`)"
        shutil.copy(binary, context / "ferretdb")


def digest_of(ref: str) -> str:
    """``<repository>@sha256:…`` of a pushed image (its repo digest in this registry)."""
    repository = ref.rsplit(":", 1)[0]
    found = docker("image", "inspect", "--format", "{{json .RepoDigests}}", ref).stdout
    for item in json.loads(found) or []:
        if item.startswith(repository + "@"):
            return str(item)
    raise RuntimeError(f"{ref} has no digest in {REGISTRY} (was it pushed?)")


def build_and_push(ref: str, dockerfile: Path, context: Path, args: dict[str, str]) -> str:
    """Builds with the classic builder (one layer cache for `make images` and compose), pushes,
    and returns ``ref@sha256:…`` (the tag kept beside the digest, as in production)."""
    # --force-rm: a failed step leaves no stopped container behind.
    argv = ["build", "--quiet", "--force-rm", "-f", str(dockerfile), "-t", ref]
    for key, value in args.items():
        argv += ["--build-arg", f"{key}={value}"]
    result = subprocess.run(
        ["docker", *argv, str(context)],
        env=docker_env(DOCKER_BUILDKIT="0"),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"building {ref} failed:\n{result.stdout[-6000:]}{result.stderr[-6000:]}"
        )
    docker("push", ref)
    return f"{ref}@{digest_of(ref).split('@', 1)[1]}"


@dataclass(frozen=True)
class Standin:
    name: str
    ref: str  # host:port/flamingo-standin/<name>:<tag>@sha256:…

    @property
    def image(self) -> str:
        return self.ref.split("@", 1)[0]

    @property
    def digest(self) -> str:
        return self.ref.split("@", 1)[1]


def build_standin(name: str) -> Standin:
    base = ensure_base()
    with tempfile.TemporaryDirectory(prefix=f"standin-{name}-") as tmp:
        context = Path(tmp)
        shutil.copytree(IMAGES_DIR / name, context, dirs_exist_ok=True)
        _context_extras(name, context)
        ref = f"{REGISTRY}/flamingo-standin/{name}:{STANDINS[name]}"
        pinned = build_and_push(ref, context / "Dockerfile", context, {"BASE": base})
    return Standin(name, pinned)


def build_standins(names: tuple[str, ...] = tuple(STANDINS)) -> dict[str, Standin]:
    return {name: build_standin(name) for name in names}


def needed_by_ours() -> tuple[str, ...]:
    return tuple(name for args in BASE_ARGS.values() for name in args.values())


def base_build_args(dockerfile: str, standins: dict[str, Standin]) -> dict[str, str]:
    """The only build args that change: <X>_IMAGE and <X>_DIGEST, to the stand-in's."""
    args = {}
    for prefix, name in BASE_ARGS[dockerfile].items():
        args[f"{prefix}_IMAGE"] = standins[name].image
        args[f"{prefix}_DIGEST"] = standins[name].digest
    return args


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()


def build_ours(
    standins: dict[str, Standin], app_version: str, names: tuple[str, ...] = ("backend", "frontend")
) -> dict[str, str]:
    """Builds our images with our Dockerfiles, pushes them; returns name → ``ref@sha256:…``."""
    # The commit time as BUILD_TIME: a rebuild of the same commit reuses every cached layer.
    build_time = git("log", "-1", "--format=%cI")
    refs = {}
    for name in names:
        dockerfile = OURS[name]
        args = {
            **base_build_args(dockerfile, standins),
            "APP_VERSION": app_version,
            "GIT_COMMIT": git("rev-parse", "HEAD"),
            "BUILD_TIME": build_time,
        }
        ref = f"{REGISTRY}/flamingo/{name}:{app_version}"
        refs[name] = build_and_push(ref, REPO / dockerfile, REPO, args)
    return refs


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.images")
    parser.add_argument("command", choices=["standins", "build"])
    parser.add_argument("--app-version", default=os.environ.get("APP_VERSION") or "0.0.0-local")
    args = parser.parse_args(argv)
    engine = Engine()
    lease = f"images-{os.getpid()}"
    engine.acquire(lease, holder=os.getpid())
    try:
        if args.command == "standins":
            standins = build_standins()
            for standin in standins.values():
                print(f"standin {standin.name} {standin.ref}")
            return 0
        standins = build_standins(needed_by_ours())
        for name, ref in build_ours(standins, args.app_version).items():
            print(f"image {name} {ref}")
    finally:
        engine.release(lease)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
