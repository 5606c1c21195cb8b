"""Blue-green releases of the production values on a real API server with the real Argo
Rollouts controller: a release whose smoke test fails (the automatic abort, the runbook's abort,
the documented rollback); a good release (preview stack, the smoke-test analysis with its
arguments, the pause, the runbook's promote, the post-promotion analysis query, `helm test`) and
the runbook's `undo`; a release whose error rate after the switch is too high.

The promotion under real traffic, with the old stack's delayed scale-down, runs on the real node
(tests/cluster/test_node.py); here are the controllers' decisions a real node adds nothing to.

Real: the Rollouts controller's decisions (ReplicaSets, Service selectors, AnalysisRuns, Jobs,
pause, abort), the Job controller, helm, `kubectl argo rollouts` with the commands exactly as
docs/operations.md writes them. Faked: containers (kwok); the smoke-test pods' verdicts are the
exit codes of the chart's own smoke_test.py run here against the gunicorn standing in for the
image the preview Service selects; Prometheus (post-promotion analysis) is a stand-in that
answers "no samples" — the query it receives is checked, the 5xx arithmetic is not exercised.
"""

from __future__ import annotations

import pytest

from tests.cluster.conftest import SHA_1, SHA_2, SHA_BAD
from tests.cluster.kube import (
    RELEASE,
    Kube,
    Obj,
    assert_nothing_left,
    healthy,
    helm_upgrade,
    release_args,
    rollout,
    rollout_commands,
    runbook,
    selector_hash,
    wait_for,
)
from tests.cluster.standins import FakePrometheus, SmokeVerdicts

# Three releases of a blue-green cycle; pytest.ini's 120 s is per unit test.
pytestmark = pytest.mark.timeout(600)

NS = "flamingo-bluegreen"
BACKEND, FRONTEND = f"{RELEASE}-backend", f"{RELEASE}-frontend"


def _run_runbook(kube: Kube, name: str) -> list[str]:
    outputs = []
    for command in rollout_commands(runbook()[name]):
        result = kube.shell(command, {"NS": NS})
        assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
        outputs.append(result.stdout)
    return outputs


def _analysis_runs(kube: Kube, hash_: str) -> list[Obj]:
    return [
        run
        for run in kube.items("analysisrun", NS)
        if run["metadata"]["labels"].get("rollouts-pod-template-hash") == hash_
    ]


def _replicas(kube: Kube, hash_: str, component: str = "backend") -> int:
    sets = kube.items(
        "replicaset", NS, f"app.kubernetes.io/component={component}",
        f"rollouts-pod-template-hash={hash_}",
    )  # fmt: skip
    assert len(sets) == 1, f"want one ReplicaSet with hash {hash_}"
    return int(sets[0]["spec"].get("replicas", 0))


def _preview_hash(kube: Kube, not_in: set[str]) -> str:
    """The Rollout's preview pod-template hash once it is a new one ("" until then)."""
    blue_green = rollout(kube, NS, "backend").get("status", {}).get("blueGreen") or {}
    preview = str(blue_green.get("previewSelector") or "")
    return preview if preview not in not_in else ""


def test_blue_green_abort_rollback_promote_and_undo(
    kube: Kube, verdicts: SmokeVerdicts, prometheus: FakePrometheus
) -> None:
    # 1. First release: live at once (nothing to switch from).
    helm_upgrade(kube, NS, release_args("prod", SHA_1, prometheus.url))
    for component in ("backend", "frontend"):
        wait_for(f"{component} Healthy", lambda c=component: healthy(kube, NS, c))  # type: ignore[misc]
    _run_runbook(kube, "status")
    blue = selector_hash(kube, NS, BACKEND)
    assert blue

    # 2. A release whose smoke test fails (an image built from the wrong commit): a preview
    #    ReplicaSet behind the preview Service, the prePromotionAnalysis from the chart's own
    #    template with its arguments resolved, its Job's smoke test run for real against the
    #    stand-in of the preview's image; the analysis fails, the Rollout aborts by itself, and
    #    the active Service never leaves blue.
    helm_upgrade(kube, NS, release_args("prod", SHA_BAD, prometheus.url))
    bad = wait_for("a preview for the bad release", lambda: _preview_hash(kube, {blue}))
    seen_active: set[str] = set()

    def aborted() -> bool:
        seen_active.add(selector_hash(kube, NS, BACKEND))
        status = rollout(kube, NS, "backend").get("status", {})
        return bool(status.get("abort")) and status.get("phase") == "Degraded"

    wait_for("the backend Rollout to abort", aborted, timeout=120)
    assert seen_active == {blue}
    (failed,) = _analysis_runs(kube, bad)
    assert failed["status"]["phase"] == "Failed"
    assert failed["spec"]["metrics"][0]["name"] == "smoke-test"
    args = {a["name"]: a.get("value") for a in failed["spec"]["args"]}
    assert args == {"service": f"{BACKEND}-preview", "expected-commit": SHA_BAD}
    template = kube.get("analysistemplate", f"{RELEASE}-backend-smoke-test", NS)
    assert failed["spec"]["metrics"] == template["spec"]["metrics"]
    bad_verdicts = [v for v in verdicts.verdicts if v.namespace == NS
                    and f"--expected-commit={SHA_BAD}" in v.argv]  # fmt: skip
    assert [v.exit_code for v in bad_verdicts] == [1]
    assert bad_verdicts[0].owner.startswith("Job/")
    assert f"--url=http://{BACKEND}-preview:8000" in bad_verdicts[0].argv
    assert f"commit '{SHA_2}', want '{SHA_BAD}'" in bad_verdicts[0].output
    wait_for("the bad preview scaled down", lambda: _replicas(kube, bad) == 0, timeout=60)

    # 3. The runbook's abort (the frontend passed its smoke test and waits for promotion).
    wait_for(
        "the frontend paused",
        lambda: rollout(kube, NS, "frontend")["status"].get("pauseConditions"),
    )
    frontend_active = selector_hash(kube, NS, FRONTEND)
    _run_runbook(kube, "abort")
    assert selector_hash(kube, NS, FRONTEND) == frontend_active
    wait_for("the frontend aborted", lambda: rollout(kube, NS, "frontend")["status"].get("abort"))

    # 4. The documented way back: helm rollback to the previous revision. The pod template is
    #    blue's again, so the Rollout returns to Healthy on blue without a new switch.
    for command in runbook()["rollback-aborted"]:
        result = kube.shell(command, {"NS": NS})
        assert result.returncode == 0, f"{command}:\n{result.stderr}"
    for component in ("backend", "frontend"):
        wait_for(
            f"{component} Healthy again",
            lambda c=component: healthy(kube, NS, c),  # type: ignore[misc]
            timeout=120,
        )
    assert selector_hash(kube, NS, BACKEND) == blue
    assert not rollout(kube, NS, "backend")["status"].get("abort")

    # 5. A good release: preview on green while the active Service keeps blue; the smoke test
    #    passes; production pauses for a human. (tests/cluster/test_node.py runs this promotion
    #    with real pods under traffic, and checks the old stack's scale-down delay there.)
    #    A long scaleDownDelaySeconds for this release: blue must outlast the promote block even
    #    on a slow machine, for the `undo` below.
    longer = ("--set", "rollouts.scaleDownDelaySeconds=180")
    helm_upgrade(kube, NS, release_args("prod", SHA_2, prometheus.url, *longer))
    green = wait_for("a preview ReplicaSet", lambda: _preview_hash(kube, not_in={blue, bad}))
    assert wait_for(
        "preview Service on green", lambda: selector_hash(kube, NS, f"{BACKEND}-preview") == green
    )
    assert selector_hash(kube, NS, BACKEND) == blue
    run = wait_for("the smoke-test AnalysisRun", lambda: _analysis_runs(kube, green))[0]
    args = {a["name"]: a.get("value") for a in run["spec"]["args"]}
    assert args == {"service": f"{BACKEND}-preview", "expected-commit": SHA_2}
    wait_for(
        "the AnalysisRun to succeed",
        lambda: (
            kube.get("analysisrun", run["metadata"]["name"], NS).get("status", {}).get("phase")
            == "Successful"
        ),
    )
    (verdict,) = [v for v in verdicts.verdicts if v.namespace == NS and v.owner.startswith("Job/")
                  and f"--expected-commit={SHA_2}" in v.argv]  # fmt: skip
    assert verdict.exit_code == 0, verdict.output
    # Both paused first: a promote sent while a Rollout still runs its smoke test is lost and the
    # Rollout then waits (docs/operations.md section 5 says to wait for Paused).
    for component in ("backend", "frontend"):
        wait_for(
            f"the {component} to pause for promotion",
            lambda c=component: any(  # type: ignore[misc]
                p.get("reason") == "BlueGreenPause"
                for p in rollout(kube, NS, c).get("status", {}).get("pauseConditions") or []
            ),
        )
    assert selector_hash(kube, NS, BACKEND) == blue

    # 6. Promote with the runbook's commands: the active Service switches to green; the
    #    post-promotion analysis queries Prometheus for green's pods; helm test checks the live
    #    stack reports SHA_2; blue is still up (scaleDownDelaySeconds).
    _run_runbook(kube, "promote")
    assert selector_hash(kube, NS, BACKEND) == green
    wait_for("the backend Healthy on green", lambda: healthy(kube, NS, "backend"), timeout=90)
    wait_for(
        "the post-promotion query for green's pods",
        lambda: any(
            f'rollouts_pod_template_hash="{green}"' in q and f'namespace="{NS}"' in q
            for q in prometheus.queries
        ),
        timeout=60,
    )
    kube.helm("test", RELEASE, "-n", NS, "--timeout", "3m")
    assert _replicas(kube, blue) > 0

    # 7. The runbook's `undo` right after a promotion, while the old pods are still up: the
    #    active Service goes straight back to them, with no new smoke test or pause (observed
    #    behaviour of Argo Rollouts 1.10; docs/operations.md section 7 calls it the fastest way
    #    back).
    smoke_runs = len(verdicts.verdicts)
    _run_runbook(kube, "undo")
    seen: set[str] = set()

    def back_on_blue() -> bool:
        seen.add(selector_hash(kube, NS, BACKEND))
        return healthy(kube, NS, "backend") and selector_hash(kube, NS, BACKEND) == blue

    wait_for("undo to switch back to blue", back_on_blue, timeout=60)
    assert seen <= {green, blue}
    assert len(verdicts.verdicts) == smoke_runs, "undo ran a smoke test"

    kube.helm("uninstall", RELEASE, "-n", NS, "--wait", "--timeout", "2m")
    assert_nothing_left(kube, NS)


def test_a_failed_error_rate_after_promotion_switches_back(
    kube: Kube, verdicts: SmokeVerdicts, prometheus: FakePrometheus
) -> None:
    """postPromotionAnalysis: Prometheus (the stand-in) reports 50 % 5xx for the new pods after the
    switch, so the Rollout aborts and the active Service returns to the previous stack (what
    docs/operations.md section 3 step 5 promises). Promotion is automatic here to keep it short."""
    namespace = "flamingo-errorrate"
    auto = ("--set", "rollouts.autoPromotionEnabled=true")
    helm_upgrade(kube, namespace, release_args("prod", SHA_1, prometheus.url, *auto))
    wait_for("backend Healthy", lambda: healthy(kube, namespace, "backend"))
    blue = selector_hash(kube, namespace, BACKEND)
    prometheus.failing.add(namespace)
    helm_upgrade(kube, namespace, release_args("prod", SHA_2, prometheus.url, *auto))
    seen: list[str] = []

    def aborted() -> bool:
        active = selector_hash(kube, namespace, BACKEND)
        if not seen or seen[-1] != active:
            seen.append(active)
        status = kube.get("rollout", BACKEND, namespace).get("status", {})
        return bool(status.get("abort")) and active == blue

    wait_for("the error-rate analysis to abort and switch back", aborted, timeout=150)
    assert seen[0] == blue, f"the first stack seen was not the old one: {seen}"
    # The proof of the switch is the post-promotion analysis: Argo Rollouts starts it only once the
    # active Service points at the new stack. Sampling the selector is not: the switch and the
    # switch back can both fall between two samples (CI at 68a8b97 saw only the old hash).
    runs = [
        r for r in kube.items("analysisrun", namespace) if r["metadata"]["name"].endswith("-post")
    ]
    assert [r["status"]["phase"] for r in runs] == ["Failed"], f"selectors seen: {seen}"
    assert any(f'namespace="{namespace}"' in q for q in prometheus.queries)
    kube.helm("uninstall", RELEASE, "-n", namespace, "--wait", "--timeout", "2m")
    assert_nothing_left(kube, namespace)
