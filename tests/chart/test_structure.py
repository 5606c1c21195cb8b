"""The chart's shape (issue 12 item 6): ports and probe timings come from values, the three
workloads share one pod template, each template file holds one kind named after it, and images
can be pinned by digest."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from tests.chart.render import (
    CHART,
    NAMESPACE,
    SCENARIOS,
    Manifests,
    Obj,
    name,
    render,
    render_text,
    run_helm,
    workload_pods,
)

pytestmark = pytest.mark.chart

TEMPLATES = CHART / "templates"
# Ports nobody should see written into a template: the defaults of backend.port,
# frontend.port and worker.metricsPort.
DEFAULT_PORTS = ("8000", "8080", "9100")
MOVED_ARGS = (
    "--set", "backend.port=9000", "--set", "frontend.port=9001",
    "--set", "worker.metricsPort=9002",
)  # fmt: skip


def test_no_template_writes_a_default_port() -> None:
    offenders = []
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if any(re.search(rf"(?<![0-9]){port}(?![0-9])", line) for port in DEFAULT_PORTS):
                    offenders.append(f"{path.relative_to(CHART)}:{number}: {line.strip()}")
    assert not offenders, "literal ports in templates:\n" + "\n".join(offenders)


def _ports_of(obj: Obj) -> set[int]:
    """Every integer port a NetworkPolicy rule opens."""
    found = set()
    for rule in [*obj["spec"].get("ingress", []), *obj["spec"].get("egress", [])]:
        for port in rule.get("ports", []):
            if isinstance(port.get("port"), int):
                found.add(port["port"])
    return found


@pytest.mark.parametrize("rollouts", ["true", "false"])
def test_every_port_follows_the_values(rollouts: str) -> None:
    m = render(*MOVED_ARGS, "--set", f"rollouts.enabled={rollouts}")
    backend = workload_pods(m, "backend")["spec"]["containers"][0]
    frontend = workload_pods(m, "frontend")["spec"]["containers"][0]
    worker = m.get("Deployment", name("worker"))["spec"]["template"]["spec"]["containers"][0]
    assert backend["ports"][0]["containerPort"] == 9000
    assert frontend["ports"][0]["containerPort"] == 9001
    assert worker["ports"][0]["containerPort"] == 9002
    # What the processes listen on (gunicorn PORT, NGINX_PORT, the worker's metrics server).
    assert m.config()["PORT"] == "9000"
    assert m.config()["WORKER_METRICS_PORT"] == "9002"
    env = {e["name"]: e["value"] for e in frontend["env"]}
    assert env["NGINX_PORT"] == "9001"
    assert env["BACKEND_UPSTREAM"] == f"{name('backend')}.{NAMESPACE}.svc.cluster.local:9000"
    for svc, port in ((name("backend"), 9000), (name("frontend"), 9001)):
        assert m.get("Service", svc)["spec"]["ports"][0]["port"] == port
    health = {
        b["metadata"]["name"]: b["spec"]["healthCheck"]["port"] for b in m.of("BackendConfig")
    }
    assert health == {name("backend"): 9000, name("live"): 9000, name("frontend"): 9001}
    opened = set().union(*(_ports_of(p) for p in m.of("NetworkPolicy")))
    assert {9000, 9001, 9002} <= opened
    assert not opened & {8000, 8080, 9100}
    urls = [
        arg
        for pod in m.of("Pod")
        for arg in pod["spec"]["containers"][0]["args"]
        if arg.startswith("--url=")
    ]
    assert sorted(urls) == [
        f"--url=http://{name('backend')}:9000",
        f"--url=http://{name('frontend')}:9001",
    ]


def test_metrics_service_and_analysis_follow_the_values() -> None:
    m = render(*MOVED_ARGS)
    metrics = m.get("Service", f"{name('worker')}-metrics")["spec"]["ports"][0]
    assert (metrics["port"], metrics["targetPort"]) == (9002, 9002)
    job_args = [
        a
        for t in m.of("AnalysisTemplate")
        for metric in t["spec"]["metrics"]
        if "job" in metric["provider"]
        for a in metric["provider"]["job"]["spec"]["template"]["spec"]["containers"][0]["args"]
        if a.startswith("--url=")
    ]
    assert sorted(job_args) == [
        "--url=http://{{args.service}}:9000",
        "--url=http://{{args.service}}:9001",
    ]


def test_probe_timings_follow_the_values() -> None:
    m = render(
        "--set", "backend.probes.readiness.periodSeconds=7",
        "--set", "frontend.probes.startup.failureThreshold=40",
        "--set", "worker.probes.liveness.timeoutSeconds=9",
        "--set", "backend.probes.startup.initialDelaySeconds=4",
    )  # fmt: skip
    backend = workload_pods(m, "backend")["spec"]["containers"][0]
    frontend = workload_pods(m, "frontend")["spec"]["containers"][0]
    worker = m.get("Deployment", name("worker"))["spec"]["template"]["spec"]["containers"][0]
    assert backend["readinessProbe"]["periodSeconds"] == 7
    assert backend["startupProbe"]["initialDelaySeconds"] == 4
    assert frontend["startupProbe"]["failureThreshold"] == 40
    assert worker["livenessProbe"]["timeoutSeconds"] == 9
    # The values' defaults are what the chart rendered before they became values.
    default = render()
    b = workload_pods(default, "backend")["spec"]["containers"][0]
    timings = ("periodSeconds", "timeoutSeconds", "failureThreshold")
    assert [b["startupProbe"][k] for k in timings] == [2, 2, 30]


def test_a_probe_timing_outside_the_schema_is_rejected() -> None:
    result = run_helm(
        "template", "x", ".", "--kube-version", "1.30.0",
        "--set", "worker.probes.readiness.periodSeconds=0", check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "periodSeconds" in result.stderr


def _pod_skeleton(pod: Obj) -> dict[str, object]:
    """What the shared pod template decides, with the per-component parts left out."""
    spec = pod["spec"]
    (container,) = spec["containers"]
    return {
        "automount": spec["automountServiceAccountToken"],
        "securityContext": sorted(spec["securityContext"]),
        "spread": [c["topologyKey"] for c in spec.get("topologySpreadConstraints", [])],
        "container": sorted(
            set(container) & {"securityContext", "resources", "image", "imagePullPolicy"}
        ),
        "containerSecurity": container["securityContext"],
        "annotations": sorted(pod["metadata"]["annotations"]),
    }


@pytest.mark.parametrize("env", sorted(SCENARIOS))
def test_the_worker_pod_comes_from_the_shared_pod_template(env: str) -> None:
    m = render(*SCENARIOS[env], "--set", "worker.nodeSelector.pool=flamingo")
    worker = m.get("Deployment", name("worker"))["spec"]["template"]
    backend = workload_pods(m, "backend")
    assert _pod_skeleton(worker) == _pod_skeleton(backend)
    assert worker["spec"]["nodeSelector"] == {"pool": "flamingo"}
    assert "nodeSelector" not in backend["spec"]


# Where a reader looks for each kind (podinfo's habit: the file is named after what it holds).
KIND_FILES = {
    "AnalysisTemplate": "analysistemplate.yaml",
    "BackendConfig": "backendconfig.yaml",
    "FrontendConfig": "frontendconfig.yaml",
    "HorizontalPodAutoscaler": "hpa.yaml",
    "Ingress": "ingress.yaml",
    "ManagedCertificate": "managedcertificate.yaml",
    "NetworkPolicy": "networkpolicy.yaml",
    "PodDisruptionBudget": "pdb.yaml",
    "PodMonitoring": "podmonitoring.yaml",
    "PrometheusRule": "prometheusrule.yaml",
    "Rules": "rules.yaml",
    "ServiceMonitor": "servicemonitor.yaml",
    "Job": "hooks/ensure-indexes-job.yaml",
    "Pod": "tests/smoke-test-pod.yaml",
}
# Kinds with one file per component: <component>-<suffix>.yaml (or a plain name).
KIND_SUFFIXES = {
    "Rollout": ("-rollout.yaml",),
    "Deployment": ("-deployment.yaml",),
    "Service": ("-service.yaml",),
    "ConfigMap": ("configmap.yaml",),
    "ServiceAccount": ("serviceaccount.yaml",),
}


def _sources(text: str) -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = defaultdict(set)
    for doc in text.split("\n---\n"):
        source = re.search(r"^# Source: flamingo/templates/(\S+)$", doc, re.M)
        kind = re.search(r"^kind: (\S+)$", doc, re.M)
        if source and kind:
            kinds[source.group(1)].add(kind.group(1))
    return kinds


@pytest.mark.parametrize("env", sorted(SCENARIOS))
def test_one_kind_per_template_file_named_after_it(env: str) -> None:
    sources = _sources(render_text(SCENARIOS[env]))
    assert sources
    for path, kinds in sources.items():
        assert len(kinds) == 1, f"{path} renders several kinds: {sorted(kinds)}"
        (kind,) = kinds
        if kind in KIND_FILES:
            assert path == KIND_FILES[kind], f"{kind} lives in {path}"
        else:
            assert path.endswith(KIND_SUFFIXES[kind]), f"{kind} lives in {path}"


def _images(m: Manifests) -> set[str]:
    found = set()
    for obj in m:
        spec = obj.get("spec", {})
        for template in (spec.get("template"), {"spec": spec} if obj["kind"] == "Pod" else None):
            if template:
                found |= {c["image"] for c in template["spec"].get("containers", [])}
    return found


def test_images_can_be_pinned_by_digest() -> None:
    backend_digest, frontend_digest = "sha256:" + "a" * 64, "sha256:" + "b" * 64
    m = render(
        "--set", "backend.image.tag=abc123", "--set", f"backend.image.digest={backend_digest}",
        "--set", f"frontend.image.digest={frontend_digest}",
    )  # fmt: skip
    registry = "europe-west1-docker.pkg.dev/company-inc-shared/flamingo"
    assert _images(m) == {
        f"{registry}/flamingo-backend:abc123@{backend_digest}",
        f"{registry}/flamingo-frontend:0.1.0@{frontend_digest}",
    }
    # The version label and the smoke test's expected commit still come from the tag.
    rollout = m.get("Rollout", name("backend"))
    assert rollout["metadata"]["labels"]["app.kubernetes.io/version"] == "abc123"
    assert _images(render()) == {
        f"{registry}/flamingo-backend:0.1.0",
        f"{registry}/flamingo-frontend:0.1.0",
    }


def test_a_malformed_digest_is_rejected() -> None:
    result = run_helm(
        "template", "x", ".", "--kube-version", "1.30.0",
        "--set", "backend.image.digest=sha256:abc", check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "digest" in result.stderr


@pytest.mark.parametrize("env", sorted(SCENARIOS))
def test_every_object_names_the_release_namespace(env: str) -> None:
    """So `helm template | kubectl apply` lands where `helm install -n` would (and checkov's
    default-namespace check holds)."""
    # A later --namespace wins over the one render() passes.
    m = render(*SCENARIOS[env], "--namespace", "flamingo-test")
    assert {o["metadata"].get("namespace") for o in m} == {"flamingo-test"}


def test_hook_objects_go_when_they_succeeded() -> None:
    """`helm uninstall` does not delete hook objects: the index Job, its ServiceAccount and passed
    `helm test` pods must delete themselves (tests/cluster checks nothing is left for real)."""
    hooks = [o for o in render() if "helm.sh/hook" in o["metadata"].get("annotations", {})]
    assert {o["kind"] for o in hooks} == {"Job", "ServiceAccount", "Pod"}
    for obj in hooks:
        policy = obj["metadata"]["annotations"]["helm.sh/hook-delete-policy"].split(",")
        assert "hook-succeeded" in policy, f"{obj['kind']}/{obj['metadata']['name']}"
