"""Scraping (ServiceMonitor / PodMonitoring with the blue-green label), SLO burn-rate, latency
and click-pipeline alerts, and the Grafana dashboard, all on the contract's metric names."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.chart.render import CHART, Manifests, name, render, scenario, selects, workload_pods

pytestmark = pytest.mark.chart

METRICS = {
    "flamingo_http_request_duration_seconds",
    "flamingo_http_requests_in_flight",
    "flamingo_redirect_cache_hits_total",
    "flamingo_redirect_cache_misses_total",
    "flamingo_clicks_enqueued_total",
    "flamingo_clicks_processed_total",
    "flamingo_clicks_dropped_total",
    "flamingo_click_stream_lag",
    "flamingo_worker_batch_duration_seconds",
    "flamingo_ratelimit_storage_errors_total",
    "flamingo_dependency_up",
    "flamingo_clicks_dead_lettered_total",
}
HISTOGRAM_SUFFIXES = ("_bucket", "_count", "_sum")


def test_metrics_contract_is_what_the_backend_exports() -> None:
    """Every metric the chart's rules and dashboard may use is defined by the backend code."""
    source = "\n".join(
        p.read_text() for p in (CHART.parents[1] / "backend" / "flamingo").rglob("*.py")
    )
    for metric in METRICS:
        base = metric.removesuffix("_total")
        assert f'"{metric}"' in source or f'"{base}"' in source, f"backend does not export {metric}"


def metric_names(text: str) -> set[str]:
    return set(re.findall(r"\bflamingo_[a-z_]+", text))


def known(metric: str) -> bool:
    if metric in METRICS:
        return True
    return any(metric.endswith(s) and metric.removesuffix(s) in METRICS for s in HISTOGRAM_SUFFIXES)


def assert_promql_sane(expr: str) -> None:
    for open_, close in ("()", "{}", "[]"):
        assert expr.count(open_) == expr.count(close), f"unbalanced {open_}{close}: {expr}"
    unknown = {m for m in metric_names(expr) if not known(m)}
    assert not unknown, f"not in the metrics contract: {unknown}"


def test_service_monitor_relabels_the_blue_green_hash() -> None:
    m = scenario("default")
    (monitor,) = m.of("ServiceMonitor")
    selector = monitor["spec"]["selector"]["matchLabels"]
    services = [s for s in m.of("Service") if selects(selector, s["metadata"]["labels"])]
    assert {s["metadata"]["name"] for s in services} == {
        name("backend-metrics"),
        name("worker-metrics"),
    }
    (endpoint,) = monitor["spec"]["endpoints"]
    assert endpoint["path"] == "/metrics"
    relabel = {r["targetLabel"]: r["sourceLabels"] for r in endpoint["relabelings"]}
    assert relabel["rollouts_pod_template_hash"] == [
        "__meta_kubernetes_pod_label_rollouts_pod_template_hash"
    ]
    pods = {
        "backend": workload_pods(m, "backend"),
        "worker": m.get("Deployment", name("worker"))["spec"]["template"],
    }
    for service in services:
        assert service["spec"]["clusterIP"] == "None"
        (port,) = service["spec"]["ports"]
        assert port["name"] == endpoint["port"]
        component = service["spec"]["selector"]["app.kubernetes.io/component"]
        container_ports = [
            p["containerPort"] for p in pods[component]["spec"]["containers"][0]["ports"]
        ]
        assert port["targetPort"] in container_ports
        # All revisions (blue and green) are scraped: no template-hash pinning.
        assert selects(service["spec"]["selector"], pods[component]["metadata"]["labels"])


def test_gmp_pod_monitoring_relabels_the_blue_green_hash() -> None:
    m = scenario("prod")
    assert not m.of("ServiceMonitor") and not m.of("PrometheusRule")
    monitors = {p["metadata"]["name"]: p for p in m.of("PodMonitoring")}
    assert set(monitors) == {name("backend"), name("worker")}
    for component, monitor in ((c, monitors[name(c)]) for c in ("backend", "worker")):
        spec = monitor["spec"]
        pod = (
            workload_pods(m, "backend")
            if component == "backend"
            else m.get("Deployment", name("worker"))["spec"]["template"]
        )
        assert selects(spec["selector"]["matchLabels"], pod["metadata"]["labels"])
        port_names = {p["name"] for p in pod["spec"]["containers"][0]["ports"]}
        assert spec["endpoints"][0]["port"] in port_names
        assert {"from": "rollouts-pod-template-hash", "to": "rollouts_pod_template_hash"} in spec[
            "targetLabels"
        ]["fromPod"]


def rules_of(m: Manifests) -> list[dict[str, Any]]:
    objs = m.of("PrometheusRule") or m.of("Rules")
    (obj,) = objs
    return [rule for group in obj["spec"]["groups"] for rule in group["rules"]]


@pytest.mark.parametrize("env", ["default", "prod"])
def test_slo_burn_rate_alerts(env: str) -> None:
    rules = rules_of(scenario(env))
    for rule in rules:
        assert_promql_sane(rule["expr"])
    records = {r["record"]: r["expr"] for r in rules if "record" in r}
    alerts = {r["alert"]: r for r in rules if "alert" in r}
    for window in ("5m", "30m", "1h", "2h", "6h", "1d", "3d"):
        expr = records[f"flamingo:http_error_ratio:rate{window}"]
        assert f"[{window}]" in expr and 'status=~"5.."' in expr
        assert "flamingo_http_request_duration_seconds_count" in expr
    fast, slow = alerts["FlamingoErrorBudgetBurnFast"], alerts["FlamingoErrorBudgetBurnSlow"]
    # 99.9 % SLO: budget 0.001; page at 14.4x (1h & 5m) and 6x (6h & 30m), ticket at 3x and 1x.
    for alert, pairs in ((fast, [("1h", "5m", 0.0144), ("6h", "30m", 0.006)]),
                         (slow, [("1d", "2h", 0.003), ("3d", "6h", 0.001)])):  # fmt: skip
        for long_w, short_w, threshold in pairs:
            for w in (long_w, short_w):
                assert re.search(rf"rate{w}\{{[^}}]*\}} > {threshold}\b", alert["expr"]), (w, alert)
    assert fast["labels"]["severity"] == "critical"
    assert slow["labels"]["severity"] == "warning"
    p99 = alerts["FlamingoHighLatencyP99"]["expr"]
    assert (
        "histogram_quantile(0.99" in p99 and "flamingo_http_request_duration_seconds_bucket" in p99
    )
    assert "flamingo_click_stream_lag" in alerts["FlamingoClickStreamLag"]["expr"]
    assert "flamingo_clicks_dropped_total" in alerts["FlamingoClicksDropped"]["expr"]
    storage = alerts["FlamingoRateLimitStorageErrors"]["expr"]
    assert "flamingo_ratelimit_storage_errors_total" in storage
    assert "flamingo_dependency_up" in alerts["FlamingoDependencyDown"]["expr"]
    dead = alerts["FlamingoClicksDeadLettered"]["expr"]
    assert "flamingo_clicks_dead_lettered_total" in dead
    for alert in alerts.values():
        assert alert["annotations"]["summary"]
        assert 'namespace="flamingo"' in alert["expr"] or "flamingo:" in alert["expr"]


def test_slo_target_is_a_value() -> None:
    rules = rules_of(render("--set-json", "monitoring.rules.sloTarget=0.99"))
    fast = next(r for r in rules if r.get("alert") == "FlamingoErrorBudgetBurnFast")
    assert "> 0.144" in fast["expr"]


def test_gmp_rules_match_the_prometheus_rule() -> None:
    operator = scenario("default").of("PrometheusRule")[0]["spec"]
    gmp = render("--set", "monitoring.provider=gmp").of("Rules")[0]["spec"]
    assert operator == gmp


def test_post_promotion_query_uses_contract_metrics() -> None:
    m = scenario("prod")
    for template in m.of("AnalysisTemplate"):
        for metric in template["spec"]["metrics"]:
            if "prometheus" in metric["provider"]:
                assert_promql_sane(metric["provider"]["prometheus"]["query"])


def test_dashboard() -> None:
    m = scenario("default")
    cm = m.get("ConfigMap", name("dashboard"))
    assert cm["metadata"]["labels"]["grafana_dashboard"] == "1"
    dashboard = json.loads(cm["data"]["flamingo.json"])
    assert dashboard == json.loads((CHART / "files" / "dashboard.json").read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    for expr in exprs:
        assert_promql_sane(expr)
    used = set().union(*(metric_names(e) for e in exprs))
    base = {u.removesuffix(s) for u in used for s in HISTOGRAM_SUFFIXES if u.endswith(s)} | used
    assert base >= METRICS, f"dashboard misses {METRICS - base}"
    joined = "\n".join(exprs)
    assert "rollouts_pod_template_hash" in joined  # blue vs green side by side
    assert "histogram_quantile(0.99" in joined
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids))
