"""NetworkPolicy coverage, checked by evaluating the rendered policies on concrete flows."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

import pytest

from tests.chart.render import NAMESPACE, Manifests, Obj, pod_templates, render, scenario, selects

pytestmark = pytest.mark.chart


@dataclass(frozen=True)
class Peer:
    """A pod (labels + namespace) or an outside address."""

    labels: dict[str, str] = field(default_factory=dict)
    namespace: str = NAMESPACE
    ip: str = ""


def component_pod(m: Manifests, component: str) -> Peer:
    for _, pod in pod_templates(m):
        labels = pod["metadata"]["labels"]
        if labels.get("app.kubernetes.io/component") == component:
            return Peer(labels)
    raise AssertionError(f"no pod for {component}")


def label_selector_matches(selector: Obj, labels: dict[str, str]) -> bool:
    if not selects(selector.get("matchLabels", {}), labels):
        return False
    for expr in selector.get("matchExpressions", []):
        value = labels.get(expr["key"])
        if expr["operator"] == "In" and value not in expr["values"]:
            return False
        if expr["operator"] == "NotIn" and value in expr["values"]:
            return False
        if expr["operator"] == "Exists" and value is None:
            return False
    return True


def peer_matches(rule_peer: Obj, peer: Peer) -> bool:
    if "ipBlock" in rule_peer:
        if not peer.ip:
            return False
        address = ipaddress.ip_address(peer.ip)
        block = rule_peer["ipBlock"]
        inside = address in ipaddress.ip_network(block["cidr"])
        return inside and not any(
            address in ipaddress.ip_network(e) for e in block.get("except", [])
        )
    if peer.ip:
        return False
    ns_labels = {"kubernetes.io/metadata.name": peer.namespace}
    if "namespaceSelector" in rule_peer:
        if not label_selector_matches(rule_peer["namespaceSelector"], ns_labels):
            return False
    elif peer.namespace != NAMESPACE:
        return False
    return label_selector_matches(rule_peer.get("podSelector", {}), peer.labels)


def port_matches(rule_ports: list[Obj] | None, port: int, protocol: str) -> bool:
    if not rule_ports:
        return True
    for p in rule_ports:
        if p.get("protocol", "TCP") != protocol:
            continue
        low: int = p["port"]
        high: int = p.get("endPort", low)
        if low <= port <= high:
            return True
    return False


def allowed(m: Manifests, src: Peer, dst: Peer, port: int, protocol: str = "TCP") -> bool:
    """Egress from src (if it is one of ours) and ingress to dst (if ours) both allow it."""

    def direction_ok(pod: Peer, policy_type: str, other: Peer) -> bool:
        if pod.ip:
            return True  # not a pod: no policy applies
        policies = [
            p
            for p in m.of("NetworkPolicy")
            if label_selector_matches(p["spec"]["podSelector"], pod.labels)
            and policy_type in p["spec"]["policyTypes"]
        ]
        if not policies:
            return True
        key, peers_key = ("ingress", "from") if policy_type == "Ingress" else ("egress", "to")
        for policy in policies:
            for rule in policy["spec"].get(key, []):
                peers = rule.get(peers_key)
                if (peers is None or any(peer_matches(pp, other) for pp in peers)) and port_matches(
                    rule.get("ports"), port, protocol
                ):
                    return True
        return False

    return direction_ok(src, "Egress", dst) and direction_ok(dst, "Ingress", src)


LB = Peer(ip="35.191.10.20")
HEALTH_CHECKER = Peer(ip="130.211.1.1")
INTERNET = Peer(ip="203.0.113.7")
OTHER_APP = Peer({"app": "something-else"}, namespace="other")
PROMETHEUS = Peer({"app.kubernetes.io/name": "prometheus"}, namespace="monitoring")
GMP = Peer({"app.kubernetes.io/name": "collector"}, namespace="gmp-system")
KUBE_DNS = Peer({"k8s-app": "kube-dns"}, namespace="kube-system")
REDIS = Peer(ip="10.10.0.3")
MONGO = Peer(ip="10.20.0.5")
METADATA = Peer(ip="169.254.169.254")
GKE_METADATA = Peer(ip="169.254.169.252")
GOOGLE_APIS = Peer(ip="142.250.1.95")
POSTGRES_SOMEWHERE = Peer(ip="10.99.0.1")


@pytest.mark.parametrize("env", ["default", "prod", "rollouts-off"])
def test_default_deny_covers_every_pod(env: str) -> None:
    m = scenario(env)
    deny = m.get("NetworkPolicy", "flamingo-default-deny")["spec"]
    assert set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny and "egress" not in deny
    for where, pod in pod_templates(m):
        assert label_selector_matches(deny["podSelector"], pod["metadata"]["labels"]), where
    assert not label_selector_matches(deny["podSelector"], OTHER_APP.labels)


@pytest.mark.parametrize("env", ["default", "prod"])
def test_allowed_and_denied_flows(env: str) -> None:
    m = scenario(env)
    backend, frontend = component_pod(m, "backend"), component_pod(m, "frontend")
    worker, smoke = component_pod(m, "worker"), component_pod(m, "smoke-test")
    indexes = component_pod(m, "ensure-indexes")

    expectations = [
        # Load balancer (GFE and health checkers) to the edge pods only.
        (LB, frontend, 8080, True),
        (HEALTH_CHECKER, backend, 8000, True),
        (LB, worker, 9100, False),
        (INTERNET, backend, 8000, False),
        (OTHER_APP, backend, 8000, False),
        # Inside the release.
        (frontend, backend, 8000, True),
        (smoke, backend, 8000, True),
        (smoke, frontend, 8080, True),
        (worker, backend, 8000, False),
        (backend, frontend, 8080, False),
        # Prometheus scraping.
        (PROMETHEUS, backend, 8000, True),
        (GMP, worker, 9100, True),
        (PROMETHEUS, frontend, 8080, False),
        # Data stores, Workload Identity, Secret Manager.
        (backend, REDIS, 6379, True),
        (worker, REDIS, 6379, True),
        (backend, MONGO, 27017, True),
        (worker, MONGO, 27017, True),
        (indexes, MONGO, 27017, True),
        (backend, METADATA, 80, True),
        (backend, GKE_METADATA, 988, True),
        (backend, GOOGLE_APIS, 443, True),
        (frontend, MONGO, 27017, False),
        (frontend, REDIS, 6379, False),
        (frontend, GOOGLE_APIS, 443, False),
        (smoke, MONGO, 27017, False),
        (backend, POSTGRES_SOMEWHERE, 5432, False),
        (backend, MONGO, 22, False),
        (backend, INTERNET, 80, False),
        # Webhooks: the worker reaches receivers on the internet on any port, never inside.
        (worker, INTERNET, 443, True),
        (worker, INTERNET, 8443, True),
        (worker, POSTGRES_SOMEWHERE, 5432, False),
        (worker, Peer(ip="192.168.1.10"), 80, False),
        (frontend, INTERNET, 443, False),
    ]
    wrong = [
        f"{src.labels.get('app.kubernetes.io/component', src.ip or src.namespace)} -> "
        f"{dst.labels.get('app.kubernetes.io/component', dst.ip or dst.namespace)}:{port} "
        f"expected {'allowed' if want else 'denied'}"
        for src, dst, port, want in expectations
        if allowed(m, src, dst, port) != want
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("component", ["backend", "frontend", "worker", "ensure-indexes"])
def test_dns_for_every_pod(component: str) -> None:
    m = scenario("prod")
    pod = component_pod(m, component)
    assert allowed(m, pod, KUBE_DNS, 53, "UDP")
    assert allowed(m, pod, KUBE_DNS, 53, "TCP")
    assert allowed(m, pod, METADATA, 53, "UDP"), "Cloud DNS for GKE answers on 169.254.169.254"
    assert not allowed(m, pod, Peer(ip="8.8.8.8"), 53, "UDP")


def test_data_store_ranges_come_from_values() -> None:
    m = scenario("dev")
    backend = component_pod(m, "backend")
    assert allowed(m, backend, Peer(ip="10.30.0.4"), 6379)
    assert not allowed(m, backend, REDIS, 6379)  # production Memorystore range, not dev's
    assert allowed(m, backend, Peer(ip="10.40.0.9"), 27016)


def test_policies_off_switch() -> None:
    assert len(scenario("default").of("NetworkPolicy")) >= 6
    assert not render("--set", "networkPolicy.enabled=false").of("NetworkPolicy")
