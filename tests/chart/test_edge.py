"""GKE edge: Ingress routing table, /metrics never public, CDN on the SPA only, BackendConfigs,
FrontendConfig, ManagedCertificate and the preview host."""

from __future__ import annotations

import json

import pytest

from tests.chart.render import (
    CHART,
    Manifests,
    Obj,
    name,
    render,
    run_helm,
    scenario,
    selects,
    workload_pods,
)

pytestmark = pytest.mark.chart

# Public path -> component that must answer it (ARCHITECTURE.md routing table).
ROUTES = {
    "/": "frontend",
    "/app": "frontend",
    "/app/": "frontend",
    "/app/assets/index-3f2a.js": "frontend",
    "/api/v1/links": "backend",
    "/api": "backend",
    "/abc123": "backend",
    "/apple": "backend",  # a short code, not the SPA
    "/healthz": "backend",
    "/readyz": "backend",
}


def route(rule: Obj, path: str) -> str:
    """Service chosen by an Ingress rule for a path (Kubernetes Ingress matching semantics)."""
    best: tuple[int, str] | None = None
    for p in rule["http"]["paths"]:
        service = p["backend"]["service"]["name"]
        if p["pathType"] == "Exact" and p["path"] == path:
            return str(service)
        if p["pathType"] == "Prefix":
            prefix = p["path"].rstrip("/")
            matches = path == prefix or path.startswith(prefix + "/") or prefix == ""
            if matches and (best is None or len(prefix) > best[0]):
                best = (len(prefix), service)
    assert best, f"no route for {path}"
    return best[1]


def service_component(m: Manifests, service_name: str) -> str:
    component: str = m.get("Service", service_name)["spec"]["selector"][
        "app.kubernetes.io/component"
    ]
    return component


@pytest.mark.parametrize("env", ["default", "prod", "rollouts-off"])
def test_ingress_routing_table(env: str) -> None:
    m = scenario(env)
    (ingress,) = m.of("Ingress")
    main = ingress["spec"]["rules"][0]
    assert main["host"] == ("flamingo.company-inc.com")
    for path, component in ROUTES.items():
        service = route(main, path)
        assert service == name(component), f"{path} -> {service}"
        assert service_component(m, service) == component
    default = ingress["spec"]["defaultBackend"]["service"]["name"]
    assert service_component(m, default) == "backend"


@pytest.mark.parametrize("env", ["default", "prod"])
def test_metrics_are_not_exposed_publicly(env: str) -> None:
    m = scenario(env)
    (ingress,) = m.of("Ingress")
    for rule in ingress["spec"]["rules"]:
        for path in ("/metrics", "/metrics/", "/metrics/x"):
            assert service_component(m, route(rule, path)) != "backend", path
    # Metrics Services (scraping) are never load balancer backends.
    for service in m.of("Service"):
        if service["metadata"]["name"].endswith("-metrics"):
            assert "cloud.google.com/neg" not in service["metadata"].get("annotations", {})


def test_preview_host_routes_to_the_preview_services() -> None:
    m = scenario("prod")
    (ingress,) = m.of("Ingress")
    rules = {r["host"]: r for r in ingress["spec"]["rules"]}
    preview = rules["preview.flamingo.company-inc.com"]
    for path, component in ROUTES.items():
        assert route(preview, path) == name(f"{component}-preview"), path
    cert = m.get("ManagedCertificate", "flamingo")
    assert set(cert["spec"]["domains"]) == set(rules)
    assert len(scenario("default").of("Ingress")[0]["spec"]["rules"]) == 1


def backend_config_of(m: Manifests, service: Obj) -> Obj:
    annotation = json.loads(service["metadata"]["annotations"]["cloud.google.com/backend-config"])
    return m.get("BackendConfig", annotation["default"])


@pytest.mark.parametrize("env", ["default", "dev", "staging", "prod", "rollouts-off"])
def test_every_ingress_backend_is_a_neg_with_a_backend_config(env: str) -> None:
    m = scenario(env)
    (ingress,) = m.of("Ingress")
    names = {ingress["spec"]["defaultBackend"]["service"]["name"]}
    for rule in ingress["spec"]["rules"]:
        names |= {p["backend"]["service"]["name"] for p in rule["http"]["paths"]}
    for service_name in names:
        service = m.get("Service", service_name)
        annotations = service["metadata"]["annotations"]
        assert json.loads(annotations["cloud.google.com/neg"]) == {"ingress": True}
        config = backend_config_of(m, service)
        component = service_component(m, service_name)
        health = config["spec"]["healthCheck"]
        expected = {
            "backend": ("/readyz", 8000),
            "live": ("/readyz", 8000),
            "frontend": ("/nginx-healthz", 8080),
        }
        assert (health["requestPath"], health["port"]) == expected[component]
        assert config["spec"]["connectionDraining"]["drainingTimeoutSec"] > 0


@pytest.mark.parametrize("env", ["default", "staging", "prod"])
def test_cdn_only_on_the_spa(env: str) -> None:
    m = scenario(env)
    cdn_configs = {
        c["metadata"]["name"] for c in m.of("BackendConfig") if c["spec"]["cdn"]["enabled"]
    }
    assert cdn_configs == {name("frontend")}
    for service in m.of("Service"):
        annotations = service["metadata"].get("annotations", {})
        if "cloud.google.com/backend-config" in annotations:
            config = backend_config_of(m, service)["metadata"]["name"]
            if config in cdn_configs:
                assert service_component(m, service["metadata"]["name"]) == "frontend"
    spa = m.get("BackendConfig", name("frontend"))["spec"]["cdn"]
    assert spa["cacheMode"] == "CACHE_ALL_STATIC"
    assert spa["cachePolicy"]["includeQueryString"] is False


def test_dev_turns_the_cdn_off() -> None:
    configs = scenario("dev").of("BackendConfig")
    assert not any(c["spec"]["cdn"]["enabled"] for c in configs)


def test_backend_gets_the_geo_header() -> None:
    m = scenario("prod")
    headers = m.get("BackendConfig", name("backend"))["spec"]["customRequestHeaders"]["headers"]
    header_name, value = headers[0].split(":", 1)
    assert header_name == m.config()["GEO_HEADER"] == "X-Client-Geo-Location"
    assert "{client_region}" in value and "{client_city}" in value
    assert "customRequestHeaders" not in m.get("BackendConfig", name("frontend"))["spec"]
    # GFE appends "<client>, <LB IP>": the client is second from the right.
    assert m.config()["TRUSTED_PROXY_COUNT"] == "2"


def test_frontend_config_and_certificate_are_wired() -> None:
    m = scenario("prod")
    (ingress,) = m.of("Ingress")
    annotations = ingress["metadata"]["annotations"]
    assert annotations["kubernetes.io/ingress.class"] == "gce"
    assert annotations["kubernetes.io/ingress.global-static-ip-name"] == "flamingo-prod-ip"
    frontend_config = m.get(
        "FrontendConfig", annotations["networking.gke.io/v1beta1.FrontendConfig"]
    )
    assert frontend_config["spec"]["redirectToHttps"]["enabled"] is True
    assert frontend_config["spec"]["sslPolicy"] == "flamingo-modern-tls"
    cert = annotations["networking.gke.io/managed-certificates"]
    assert m.has("ManagedCertificate", cert)
    # HTTP must stay open for the redirect to answer.
    assert annotations["kubernetes.io/ingress.allow-http"] == "true"
    assert m.config()["PUBLIC_BASE_URL"] == "https://flamingo.company-inc.com"
    assert m.get("BackendConfig", name("backend"))["spec"]["securityPolicy"]["name"]


def test_public_services_select_only_their_component() -> None:
    m = scenario("prod")
    for component in ("backend", "frontend"):
        labels = workload_pods(m, component)["metadata"]["labels"]
        for svc in (name(component), name(f"{component}-preview")):
            assert selects(m.get("Service", svc)["spec"]["selector"], labels)


BRANDED_ROUTES = {**ROUTES, "/": "backend"}  # a branded domain's root is its root_redirect


def test_branded_hosts_route_their_root_to_the_backend_and_share_the_certificate() -> None:
    m = render("--set", "ingress.brandedHosts={go.brand.example,l.other.example}")
    (ingress,) = m.of("Ingress")
    rules = {r["host"]: r for r in ingress["spec"]["rules"]}
    assert {"go.brand.example", "l.other.example"} <= set(rules)
    for host in ("go.brand.example", "l.other.example"):
        for path, component in BRANDED_ROUTES.items():
            assert route(rules[host], path) == name(component), (host, path)
    main_host = next(h for h in rules if h not in {"go.brand.example", "l.other.example"})
    assert route(rules[main_host], "/") == name("frontend"), "the default domain keeps the SPA"
    cert = m.get("ManagedCertificate", "flamingo")
    assert set(cert["spec"]["domains"]) == set(rules)


def test_a_branded_host_must_be_a_host_name() -> None:
    result = run_helm(
        "template",
        "flamingo",
        str(CHART),
        "--set",
        "ingress.brandedHosts={https://x.example}",
        check=False,
    )
    assert result.returncode != 0 and "brandedHosts" in result.stderr
