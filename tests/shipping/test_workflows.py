"""The Gitea Actions workflows: actionlint-clean, every third-party action pinned to a commit, every
`make` target they call real, every check of `make test` covered by CI, and every runner label,
secret and variable documented in docs/ci.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.shipping.support import (
    WORKFLOWS,
    actionlint,
    dockerfile,
    load_workflow,
    make_calls,
    make_prerequisites,
    make_targets,
    make_variable,
    run,
    steps,
    workflow_files,
)
from tests.support.processes import REPO
from tests.support.tools import versions

DOCS = REPO / "docs" / "ci.md"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def workflows() -> dict[str, dict[str, Any]]:
    return {path.name: load_workflow(path) for path in workflow_files()}


def test_workflows_exist() -> None:
    assert {"ci.yml", "delivery.yml"} <= set(workflows())


def test_actionlint_is_clean() -> None:
    files = [str(p.relative_to(REPO)) for p in workflow_files()]
    result = run([actionlint(), "-no-color", *files], cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_sha(path: Path) -> None:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        match = re.match(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", line)
        if not match:
            continue
        ref, rest = match.groups()
        if ref.startswith("./"):
            assert (REPO / ref).exists(), f"{path.name}:{number}: {ref} does not exist"
            continue
        assert PINNED.match(ref), f"{path.name}:{number}: {ref} is not pinned to a 40-hex SHA"
        assert re.search(r"#\s*v?\d+\.\d+\.\d+", rest), (
            f"{path.name}:{number}: say which release the SHA is (# vX.Y.Z)"
        )


def test_same_action_is_pinned_to_the_same_commit_everywhere() -> None:
    seen: dict[str, str] = {}
    for path in workflow_files():
        for ref in re.findall(r"uses:\s*([\w.-]+/[\w.-]+)@([0-9a-f]{40})", path.read_text()):
            action, sha = ref
            assert seen.setdefault(action, sha) == sha, f"{action} pinned to two commits"


def called_targets() -> dict[str, list[str]]:
    """`make` targets per job, over every workflow."""
    calls: dict[str, list[str]] = {}
    for name, workflow in workflows().items():
        for job_id, step in steps(workflow):
            for targets in make_calls(step.get("run", "")):
                calls.setdefault(f"{name}:{job_id}", []).extend(targets)
    return calls


def test_every_called_make_target_exists() -> None:
    calls = called_targets()
    assert calls, "no workflow calls make"
    known = make_targets()
    for job, targets in calls.items():
        for target in targets:
            assert target in known, f"{job} calls `make {target}`, which the Makefile lacks"
            dry = run(["make", "-n", target], cwd=REPO)
            assert dry.returncode == 0, f"make -n {target}: {dry.stderr}"


def test_ci_covers_every_check_of_make_test() -> None:
    calls = called_targets().items()
    ci_targets = {t for job, targets in calls if job.startswith("ci.yml:") for t in targets}
    checks = set(make_prerequisites("test")) - {"tools", "venv"}
    # The suites `make test` runs side by side are separate jobs in ci.yml.
    checks = (checks - {"test-side-by-side"}) | set(make_variable("SIDE_BY_SIDE"))
    assert checks - ci_targets == set(), "checks `make test` runs that ci.yml never calls"
    # main is gated by the umbrella itself.
    assert "test" in called_targets()["delivery.yml:test"]


def test_triggers() -> None:
    ci, delivery = workflows()["ci.yml"], workflows()["delivery.yml"]
    assert {"push", "pull_request"} <= set(ci["on"])
    assert delivery["on"]["push"]["branches"] == ["main"]
    assert "release" in delivery["on"]["workflow_dispatch"]["inputs"]
    # Every job after the gate depends on it, directly or through another job.
    jobs = delivery["jobs"]

    def gated(job: str) -> bool:
        needs = jobs[job].get("needs", [])
        needs = [needs] if isinstance(needs, str) else needs
        return job == "test" or any(gated(n) for n in needs)

    assert all(gated(job) for job in jobs), "a delivery job can run before `make test` passed"


def delivery_step(uses_prefix: str) -> dict[str, Any]:
    for _, step in steps(workflows()["delivery.yml"]):
        if step.get("uses", "").startswith(uses_prefix):
            return step
    raise AssertionError(f"delivery.yml has no {uses_prefix} step")


def test_images_are_built_with_sbom_and_provenance_and_tagged_with_the_commit() -> None:
    build = delivery_step("docker/build-push-action@")["with"]
    assert build["push"] is True and build["sbom"] is True
    assert str(build["provenance"]).startswith("mode=max")
    assert build["file"] == "Dockerfile.${{ matrix.image }}"
    for arg in ("APP_VERSION", "GIT_COMMIT", "BUILD_TIME"):
        assert f"{arg}=" in build["build-args"]
    images = workflows()["delivery.yml"]["jobs"]["images"]
    assert images["strategy"]["matrix"]["image"] == ["backend", "frontend"]
    for image in images["strategy"]["matrix"]["image"]:
        assert (REPO / f"Dockerfile.{image}").name in {"Dockerfile.backend", "Dockerfile.frontend"}
    tags = delivery_step("docker/metadata-action@")["with"]["tags"]
    assert "type=raw,value=${{ env.SHA }}" in tags and "type=semver" in tags


def test_trivy_fails_on_fixed_high_and_critical() -> None:
    trivy = delivery_step("aquasecurity/trivy-action@")["with"]
    assert set(trivy["severity"].split(",")) == {"HIGH", "CRITICAL"}
    assert trivy["ignore-unfixed"] is True
    assert str(trivy["exit-code"]) == "1"
    assert "@${{ steps.build.outputs.digest }}" in trivy["image-ref"]


def test_images_are_signed_by_digest_with_the_key_from_secrets() -> None:
    job = workflows()["delivery.yml"]["jobs"]["images"]
    sign = next(s for s in job["steps"] if "cosign sign" in s.get("run", ""))
    assert "--key env://COSIGN_PRIVATE_KEY" in sign["run"]
    assert sign["env"]["COSIGN_PRIVATE_KEY"] == "${{ secrets.COSIGN_PRIVATE_KEY }}"
    assert "steps.build.outputs.digest" in sign["env"]["IMAGE"]
    names = [s.get("name", s.get("uses", "")) for s in job["steps"]]
    scan = next(i for i, n in enumerate(names) if n.startswith("Trivy"))
    assert scan < names.index(sign["name"]), "sign only what passed the scan"


def test_gitops_pins_the_files_argo_cd_reads() -> None:
    job = workflows()["delivery.yml"]["jobs"]["gitops"]
    default_path = re.search(r"vars\.GITOPS_PATH \|\| '([^']+)'", job["env"]["GITOPS_PATH"])
    assert default_path
    for env in ("staging", "prod"):
        assert f"'{env}'" in job["env"]["ENVIRONMENT"]
        pin = REPO / default_path.group(1) / f"{env}.yaml"
        assert pin.is_file(), pin
        application = yaml.safe_load((REPO / f"deploy/argocd/flamingo-{env}.yaml").read_text())
        chart = REPO / application["spec"]["source"]["path"]
        value_files = {
            (chart / f).resolve() for f in application["spec"]["source"]["helm"]["valueFiles"]
        }
        assert pin.resolve() in value_files, f"Argo CD {env} does not read {pin}"
    script = next(s["run"] for s in job["steps"] if s.get("name") == "pin the image tags")
    # The file written has exactly the shape the committed pins have (image tags only).
    body = re.search(r"<<EOF\n(.*?)\n\s*EOF", script, re.S)
    assert body
    written = yaml.safe_load(re.sub(r"(?m)^ {10}", "", body.group(1)).replace("$SHA", "abc"))
    assert written == {"backend": {"image": {"tag": "abc"}}, "frontend": {"image": {"tag": "abc"}}}


def test_release_bumps_the_chart_and_the_chart_is_pushed_on_release() -> None:
    delivery = workflows()["delivery.yml"]
    release_steps = delivery["jobs"]["release"]["steps"]
    assert any("make release" in s.get("run", "") for s in release_steps)
    assert release_steps[0]["with"]["fetch-depth"] == 0
    chart = delivery["jobs"]["chart"]
    assert chart["if"] == "needs.release.outputs.released == 'true'"
    script = next(s["run"] for s in chart["steps"] if "helm push" in s.get("run", ""))
    for command in ("helm lint", "helm package", "helm push", "oci://"):
        assert command in script


def referenced(kind: str) -> set[str]:
    names: set[str] = set()
    for path in workflow_files():
        names |= set(re.findall(rf"\b{kind}\.([A-Z][A-Z0-9_]*)", path.read_text()))
    return names


@pytest.mark.parametrize("kind", ["secrets", "vars"])
def test_every_secret_and_variable_is_documented(kind: str) -> None:
    docs = DOCS.read_text()
    names = referenced(kind)
    assert names
    undocumented = {n for n in names if f"`{n}`" not in docs}
    assert not undocumented, f"docs/ci.md does not document {kind}: {sorted(undocumented)}"


def test_every_runner_label_is_documented() -> None:
    docs = DOCS.read_text()
    labels = {
        job["runs-on"]
        for workflow in workflows().values()
        for job in workflow["jobs"].values()
        if "runs-on" in job
    }
    assert labels
    for label in labels:
        assert f"`{label}`" in docs, f"runner label {label} is not documented in docs/ci.md"


def test_docs_draw_the_pipeline() -> None:
    docs = DOCS.read_text()
    assert "```mermaid" in docs
    for workflow in workflows():
        assert workflow in docs
    assert WORKFLOWS.relative_to(REPO).as_posix() in docs


def test_toolchain_versions_match_the_images_and_the_lock() -> None:
    """CI tests with the Python and Node the images ship (and the lock was resolved for)."""
    backend = dockerfile("Dockerfile.backend").parent_images[-1]
    python = re.match(r"python:(\d+\.\d+)", backend)
    assert python
    lock_python = re.search(r"--python-version (\d+\.\d+)", (REPO / "Makefile").read_text())
    assert lock_python and lock_python.group(1) == python.group(1)
    frontend = (REPO / "Dockerfile.frontend").read_text()
    node = re.search(r"NODE_IMAGE=node:(\d+)\.", frontend)
    assert node
    for name, workflow in workflows().items():
        for job_id, step in steps(workflow):
            uses, given = step.get("uses", ""), step.get("with", {})
            if uses.startswith("actions/setup-python@"):
                assert str(given["python-version"]) == python.group(1), f"{name}:{job_id}"
            if uses.startswith("actions/setup-node@"):
                assert str(given["node-version"]) == node.group(1), f"{name}:{job_id}"


def test_the_pipelines_helm_is_the_version_of_tools_versions_env() -> None:
    """One list of tool versions: the chart is linted and pushed with the helm the tests use."""
    helm = versions()["HELM_VERSION"]
    seen = 0
    for name, workflow in workflows().items():
        for job_id, step in steps(workflow):
            if step.get("uses", "").startswith("azure/setup-helm@"):
                seen += 1
                assert str(step["with"]["version"]) == f"v{helm}", f"{name}:{job_id}"
    assert seen, "no workflow installs helm: the chart job is gone?"
