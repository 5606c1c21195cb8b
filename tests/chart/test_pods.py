"""Hardened pods, resources, probes, clean shutdown, config roll-out, identity, no secrets."""

from __future__ import annotations

import re

import pytest

from tests.chart.render import (
    NAMESPACE,
    SCENARIOS,
    Obj,
    containers,
    name,
    pod_templates,
    render,
    render_text,
    scenario,
    workload_pods,
)

pytestmark = pytest.mark.chart

UIDS = {"backend": 10001, "frontend": 101, "worker": 10001}


@pytest.mark.parametrize("env", sorted(SCENARIOS))
def test_every_pod_is_hardened_and_has_resources(env: str) -> None:
    pods = list(pod_templates(scenario(env)))
    assert len(pods) >= 6
    for where, pod in pods:
        spec = pod["spec"]
        assert spec["automountServiceAccountToken"] is False, where
        psc = spec["securityContext"]
        assert psc["runAsNonRoot"] is True, where
        assert psc["runAsUser"] > 0, where
        assert psc["seccompProfile"]["type"] == "RuntimeDefault", where
        for c in containers(pod):
            sc = c["securityContext"]
            who = f"{where} container {c['name']}"
            assert sc["allowPrivilegeEscalation"] is False, who
            assert sc["readOnlyRootFilesystem"] is True, who
            assert sc["capabilities"]["drop"] == ["ALL"], who
            assert "add" not in sc["capabilities"], who
            assert sc.get("privileged", False) is False, who
            assert sc["seccompProfile"]["type"] == "RuntimeDefault", who
            requests, limits = c["resources"]["requests"], c["resources"]["limits"]
            assert requests["cpu"] and requests["memory"], who
            assert limits["memory"], who
            mounts = {m["mountPath"] for m in c.get("volumeMounts", [])}
            assert "/tmp" in mounts, f"{who}: read-only root needs a writable /tmp"


@pytest.mark.parametrize("component", ["backend", "frontend"])
def test_runs_as_the_image_user(component: str) -> None:
    pod = workload_pods(scenario("default"), component)
    assert pod["spec"]["securityContext"]["runAsUser"] == UIDS[component]


def probe(container: Obj, kind: str) -> tuple[str, object]:
    p = container[f"{kind}Probe"]
    if "httpGet" in p:
        return p["httpGet"]["path"], p["httpGet"]["port"]
    return "tcp", p["tcpSocket"]["port"]


def test_probes() -> None:
    m = scenario("prod")
    backend = workload_pods(m, "backend")["spec"]["containers"][0]
    assert probe(backend, "startup") == ("/healthz", "http")
    assert probe(backend, "liveness") == ("/healthz", "http")
    assert probe(backend, "readiness") == ("/readyz", "http")
    assert backend["ports"][0] == {"name": "http", "containerPort": 8000, "protocol": "TCP"}
    frontend = workload_pods(m, "frontend")["spec"]["containers"][0]
    for kind in ("startup", "liveness", "readiness"):
        assert probe(frontend, kind) == ("/nginx-healthz", "http")
    assert frontend["ports"][0]["containerPort"] == 8080
    worker = m.get("Deployment", name("worker"))["spec"]["template"]["spec"]["containers"][0]
    for kind in ("startup", "liveness", "readiness"):
        assert probe(worker, kind)[1] == "metrics"
    assert probe(worker, "liveness") == ("/healthz", "metrics")


def test_backend_writable_dirs_and_multiprocess_metrics() -> None:
    pod = workload_pods(scenario("default"), "backend")
    (c,) = pod["spec"]["containers"]
    volumes = {v["name"]: v for v in pod["spec"]["volumes"]}
    mounts = {m["mountPath"]: m["name"] for m in c["volumeMounts"]}
    env = {e["name"]: e["value"] for e in c["env"]}
    assert "emptyDir" in volumes[mounts["/tmp"]]
    assert "emptyDir" in volumes[mounts[env["PROMETHEUS_MULTIPROC_DIR"]]]
    assert "command" not in c and "args" not in c, "the image CMD runs gunicorn"


def test_frontend_env() -> None:
    (c,) = workload_pods(scenario("prod"), "frontend")["spec"]["containers"]
    env = {e["name"]: e["value"] for e in c["env"]}
    # Nginx's resolver uses no search domains: the Service's full name, and the cluster DNS.
    assert env["BACKEND_UPSTREAM"] == f"{name('backend')}.{NAMESPACE}.svc.cluster.local:8000"
    assert env["NGINX_RESOLVER"] == "kube-dns.kube-system.svc.cluster.local"
    assert env["NGINX_BEHIND_TLS"] == "true"
    assert scenario("prod").has("Service", name("backend"))


@pytest.mark.parametrize(
    "overrides",
    [(), ("--set", "backend.drainSeconds=40", "--set", "backend.gracefulTimeoutSeconds=90")],
)
def test_termination_grace_covers_prestop_drain_and_graceful_timeout(
    overrides: tuple[str, ...],
) -> None:
    m = render(*overrides)
    cfg = m.config()
    spec = workload_pods(m, "backend")["spec"]
    sleep = spec["containers"][0]["lifecycle"]["preStop"]["sleep"]["seconds"]
    needed = sleep + int(cfg["SHUTDOWN_DRAIN_SECONDS"]) + int(cfg["GRACEFUL_TIMEOUT"])
    assert sleep >= 5, "endpoint removal must reach the load balancer before shutdown"
    assert spec["terminationGracePeriodSeconds"] > needed
    frontend = workload_pods(m, "frontend")["spec"]
    f_sleep = frontend["containers"][0]["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert f_sleep >= 5
    assert frontend["terminationGracePeriodSeconds"] > f_sleep


def test_config_changes_roll_the_pods() -> None:
    def checksums(*args: str) -> dict[str, str]:
        m = render(*args)
        found = {}
        for where, pod in pod_templates(m):
            if where.split("/")[0] in {"Rollout", "Deployment"}:
                found[where] = pod["metadata"]["annotations"]["checksum/config"]
        return found

    base = checksums()
    assert len(base) == 4
    changed = checksums("--set", "config.logLevel=DEBUG")
    assert changed[f"Deployment/{name('worker')}"] != base[f"Deployment/{name('worker')}"]
    assert changed[f"Deployment/{name('live')}"] != base[f"Deployment/{name('live')}"]
    assert changed[f"Rollout/{name('backend')}"] != base[f"Rollout/{name('backend')}"]
    rotated = checksums("--set", "secrets.secretKey.version=7")
    assert rotated[f"Rollout/{name('backend')}"] != base[f"Rollout/{name('backend')}"]
    assert checksums("--set", "config.logLevel=INFO") == base


def test_workload_identity() -> None:
    m = scenario("prod")
    sa = m.get("ServiceAccount", "flamingo")
    assert (
        sa["metadata"]["annotations"]["iam.gke.io/gcp-service-account"]
        == "flamingo-backend@company-inc-prod.iam.gserviceaccount.com"
    )
    assert sa["automountServiceAccountToken"] is False
    assert workload_pods(m, "backend")["spec"]["serviceAccountName"] == "flamingo"
    worker = m.get("Deployment", name("worker"))["spec"]["template"]["spec"]
    assert worker["serviceAccountName"] == "flamingo"
    frontend_sa = workload_pods(m, "frontend")["spec"]["serviceAccountName"]
    assert "annotations" not in m.get("ServiceAccount", frontend_sa)["metadata"]


@pytest.mark.parametrize("env", sorted(SCENARIOS))
def test_secrets_are_only_secret_manager_references(env: str) -> None:
    m = scenario(env)
    assert not m.of("Secret")
    cfg = m.config()
    project = {"dev": "company-inc-staging", "staging": "company-inc-staging"}.get(
        env, "company-inc-prod"
    )
    for key in ("MONGO_URI", "REDIS_URL", "SECRET_KEY"):
        assert re.fullmatch(rf"sm://projects/{project}/secrets/[\w-]+/versions/\w+", cfg[key]), key


# Credentials in URLs, private keys, cloud keys, or long random-looking values in env.
LEAKS = [
    re.compile(r"[a-z+]+://[^/\s:@'\"]+:[^/\s@'\"]+@"),
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r"AIza[0-9A-Za-z_-]{35}"),
    re.compile(r'"type":\s*"service_account"'),
]


@pytest.mark.parametrize("env", sorted(SCENARIOS))
def test_no_secret_values_anywhere(env: str) -> None:
    text = render_text(SCENARIOS[env], "")
    for pattern in LEAKS:
        assert not pattern.search(text), pattern.pattern
    for where, pod in pod_templates(scenario(env)):
        for c in containers(pod):
            for e in c.get("env", []):
                assert "valueFrom" not in e or "secretKeyRef" not in e["valueFrom"], where
                if re.search(r"(KEY|PASSWORD|TOKEN|URI|URL)$", e["name"]) and e["name"] not in {
                    "PUBLIC_BASE_URL"
                }:
                    assert e["value"].startswith("sm://"), f"{where}: {e['name']}"


def test_leak_detector_catches_a_password() -> None:
    """The check above is not vacuous: a password put in config.extra is caught."""
    text = render_text(("--set", "config.extra.MONGO_URI_RO=mongodb://app:hunter2@db:27017"), "")
    assert any(p.search(text) for p in LEAKS)
