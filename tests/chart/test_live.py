"""The live feeds in the chart: their own pods (never the backend's sync workers), the Ingress
route under /api/v1/live, a long load-balancer timeout, and the NetworkPolicy flows they need."""

from __future__ import annotations

import json

import pytest

from tests.chart.render import NAMESPACE, Manifests, Obj, name, render, run_helm, scenario
from tests.chart.test_edge import route, service_component
from tests.chart.test_networkpolicy import (
    LB,
    MONGO,
    PROMETHEUS,
    REDIS,
    allowed,
    component_pod,
)

pytestmark = pytest.mark.chart


def _env(container: Obj) -> dict[str, str]:
    return {e["name"]: e["value"] for e in container.get("env", []) if "value" in e}


def _live_container(m: Manifests) -> Obj:
    deployment = m.get("Deployment", name("live"))
    container: Obj = deployment["spec"]["template"]["spec"]["containers"][0]
    return container


@pytest.mark.parametrize("env", ["default", "prod"])
def test_the_live_pods_hold_the_feeds_and_the_backend_none(env: str) -> None:
    m = scenario(env)
    live = _live_container(m)
    settings = _env(live)
    assert int(settings["LIVE_MAX_CONNECTIONS"]) > 0
    assert settings["WEB_CONCURRENCY"] == "1"
    assert live["image"].split("/")[-1].startswith("flamingo-backend")
    assert "args" not in live  # the image's gunicorn command, as the backend
    assert "LIVE_MAX_CONNECTIONS" not in m.config()  # the backend's sync workers hold none
    assert live["readinessProbe"]["httpGet"]["path"] == "/readyz"


def test_values_reach_the_live_process() -> None:
    m = render(
        "--set", "live.maxConnections=50", "--set", "live.heartbeatSeconds=20",
        "--set", "live.workers=2", "--set", "live.replicaCount=3",
    )  # fmt: skip
    settings = _env(_live_container(m))
    assert settings["LIVE_MAX_CONNECTIONS"] == "50"
    assert settings["LIVE_HEARTBEAT_SECONDS"] == "20"
    assert settings["WEB_CONCURRENCY"] == "2"
    assert m.get("Deployment", name("live"))["spec"]["replicas"] == 3


def test_the_ingress_routes_the_live_prefix_to_the_live_service() -> None:
    m = scenario("prod")
    (ingress,) = m.of("Ingress")
    for rule in ingress["spec"]["rules"]:
        for path, component in (
            ("/api/v1/live/links/65a1b2c3d4e5f60718293a4b", "live"),
            ("/api/v1/live/workspaces/65a1b2c3d4e5f60718293a4b", "live"),
            # The feeds' names reach the backend, which answers 307 to the prefix.
            ("/api/v1/links/65a1b2c3d4e5f60718293a4b/live", "backend"),
            ("/api/v1/links", "backend"),
            ("/api/v1/livestock", "backend"),
        ):
            assert service_component(m, route(rule, path)) == component, path


def test_the_live_backend_config_keeps_feeds_open_far_longer_than_the_api() -> None:
    m = render("--set", "live.timeoutSeconds=7200")
    service = m.get("Service", name("live"))
    annotations = service["metadata"]["annotations"]
    assert json.loads(annotations["cloud.google.com/neg"]) == {"ingress": True}
    config_name = json.loads(annotations["cloud.google.com/backend-config"])["default"]
    live = m.get("BackendConfig", config_name)["spec"]
    api = m.get("BackendConfig", name("backend"))["spec"]
    assert live["timeoutSec"] == 7200 > api["timeoutSec"]
    assert live["cdn"]["enabled"] is False


def test_the_frontend_nginx_sends_feeds_to_the_live_service() -> None:
    def upstream(*args: str) -> str:
        m = render(*args)
        (frontend,) = [
            c
            for r in m.of("Rollout")
            if r["metadata"]["name"] == name("frontend")
            for c in r["spec"]["template"]["spec"]["containers"]
        ]
        return _env(frontend)["LIVE_UPSTREAM"]

    assert upstream() == f"{name('live')}.{NAMESPACE}.svc.cluster.local:8000"
    assert upstream("--set", "live.enabled=false").startswith(f"{name('backend')}.")


@pytest.mark.parametrize("env", ["default", "prod"])
def test_network_flows_of_the_live_pods(env: str) -> None:
    m = scenario(env)
    live, frontend = component_pod(m, "live"), component_pod(m, "frontend")
    worker = component_pod(m, "worker")
    expectations = [
        (LB, live, 8000, True),
        (frontend, live, 8000, True),
        (PROMETHEUS, live, 8000, True),
        (live, REDIS, 6379, True),
        (live, MONGO, 27017, True),
        (worker, live, 8000, False),
        (live, frontend, 8080, False),
        (LB, live, 9100, False),
    ]
    wrong = [(s, d, p) for s, d, p, want in expectations if allowed(m, s, d, p) != want]
    assert not wrong


def test_one_switch_turns_the_live_feeds_off() -> None:
    m = render("--set", "live.enabled=false")
    assert not m.has("Deployment", name("live"))
    assert not m.has("Service", name("live"))
    assert not m.has("BackendConfig", name("live"))
    assert not m.has("NetworkPolicy", name("live"))
    (ingress,) = m.of("Ingress")
    paths = {p["path"] for rule in ingress["spec"]["rules"] for p in rule["http"]["paths"]}
    assert "/api/v1/live" not in paths


@pytest.mark.parametrize(
    "bad", ["live.maxConnections=0", "live.timeoutSeconds=10", "live.surprise=1"]
)
def test_the_schema_refuses_bad_live_values(bad: str) -> None:
    result = run_helm("template", "x", ".", "--kube-version", "1.30.0", "--set", bad, check=False)
    assert result.returncode != 0
    assert "live" in result.stderr
