"""Blue-green Rollouts, their Services and AnalysisTemplates, HPA, PDBs, the Deployment
fallback, the worker and the index hook: what schema validation cannot see."""

from __future__ import annotations

import pytest

from tests.chart.render import (
    CHART,
    Obj,
    name,
    render,
    scenario,
    selects,
    workload_pods,
)

pytestmark = pytest.mark.chart

ROLLOUT_SCENARIOS = ("default", "dev", "staging", "prod")
PORTS = {"backend": 8000, "frontend": 8080}
SHA = "0123abcd" * 5  # CI tags images with the full commit SHA


def args_of(analysis: Obj) -> dict[str, Obj]:
    return {a["name"]: a for a in analysis["args"]}


@pytest.mark.parametrize("env", ROLLOUT_SCENARIOS)
@pytest.mark.parametrize("component", ["backend", "frontend"])
def test_rollout_is_blue_green_with_existing_services(env: str, component: str) -> None:
    m = scenario(env)
    rollout = m.get("Rollout", name(component))
    pod_labels = rollout["spec"]["template"]["metadata"]["labels"]
    assert selects(rollout["spec"]["selector"]["matchLabels"], pod_labels)
    bg = rollout["spec"]["strategy"]["blueGreen"]
    assert bg["scaleDownDelaySeconds"] >= 30
    assert bg["activeService"] == name(component)
    assert bg["previewService"] == name(f"{component}-preview")
    for svc_name in (bg["activeService"], bg["previewService"]):
        service = m.get("Service", svc_name)
        assert selects(service["spec"]["selector"], pod_labels), svc_name
        assert service["spec"]["selector"]["app.kubernetes.io/component"] == component
        assert service["spec"]["ports"][0]["port"] == PORTS[component]
        assert service["spec"]["ports"][0]["targetPort"] == "http"
    ports = {p["name"]: p["containerPort"] for p in containers_of(rollout)}
    assert ports["http"] == PORTS[component]


def containers_of(workload: Obj) -> list[Obj]:
    ports: list[Obj] = []
    for container in workload["spec"]["template"]["spec"]["containers"]:
        ports += container.get("ports", [])
    return ports


def test_auto_promotion_follows_values() -> None:
    prod = scenario("prod").get("Rollout", name("backend"))["spec"]["strategy"]["blueGreen"]
    staging = scenario("staging").get("Rollout", name("backend"))["spec"]["strategy"]["blueGreen"]
    assert prod["autoPromotionEnabled"] is False
    assert "autoPromotionSeconds" not in prod
    assert staging["autoPromotionEnabled"] is True
    assert staging["autoPromotionSeconds"] == 60
    flipped = render("--set", "rollouts.autoPromotionEnabled=true")
    assert flipped.get("Rollout", name("frontend"))["spec"]["strategy"]["blueGreen"][
        "autoPromotionEnabled"
    ]


@pytest.mark.parametrize("component", ["backend", "frontend"])
def test_pre_promotion_smoke_test_targets_the_preview_service(component: str) -> None:
    m = render("--set", f"backend.image.tag={SHA}")
    bg = m.get("Rollout", name(component))["spec"]["strategy"]["blueGreen"]
    pre = bg["prePromotionAnalysis"]
    template = m.get("AnalysisTemplate", pre["templates"][0]["templateName"])
    declared = {a["name"] for a in template["spec"]["args"]}
    passed = args_of(pre)
    assert set(passed) == declared
    assert passed["service"]["value"] == bg["previewService"]
    metric = template["spec"]["metrics"][0]
    assert metric.get("failureLimit", 0) == 0
    job_pod = metric["provider"]["job"]["spec"]["template"]
    (container,) = job_pod["spec"]["containers"]
    cli = container["command"] + container["args"]
    assert cli[:3] == ["python", "/smoke/smoke_test.py", component]
    assert f"--url=http://{{{{args.service}}}}:{PORTS[component]}" in cli
    if component == "backend":
        # The new commit, not just a 200: defaults to the backend image tag (= CI commit SHA).
        assert passed["expected-commit"]["value"] == SHA
        assert "--expected-commit={{args.expected-commit}}" in cli
    assert container["image"].endswith(f"/flamingo-backend:{SHA}")
    mounted = {v["name"]: v for v in job_pod["spec"]["volumes"]}["smoke-test"]
    script = m.get("ConfigMap", mounted["configMap"]["name"])["data"]["smoke_test.py"]
    assert script.strip() == (CHART / "files" / "smoke_test.py").read_text().strip()
    assert job_pod["spec"]["restartPolicy"] == "Never"


def test_expected_commit_can_be_set_explicitly() -> None:
    m = render(
        "--set", "backend.image.tag=v1.2.3", "--set", "rollouts.smokeTest.expectedCommit=abc"
    )
    pre = m.get("Rollout", name("backend"))["spec"]["strategy"]["blueGreen"]["prePromotionAnalysis"]
    assert args_of(pre)["expected-commit"]["value"] == "abc"


@pytest.mark.parametrize("env", ["default", "staging", "prod"])
def test_post_promotion_analysis_is_the_error_rate_of_the_new_pods(env: str) -> None:
    m = scenario(env)
    post = m.get("Rollout", name("backend"))["spec"]["strategy"]["blueGreen"][
        "postPromotionAnalysis"
    ]
    (arg,) = post["args"]
    assert arg == {"name": "pod-template-hash", "valueFrom": {"podTemplateHashValue": "Latest"}}
    template = m.get("AnalysisTemplate", post["templates"][0]["templateName"])
    assert [a["name"] for a in template["spec"]["args"]] == ["pod-template-hash"]
    (metric,) = template["spec"]["metrics"]
    query = metric["provider"]["prometheus"]["query"]
    assert metric["provider"]["prometheus"]["address"].startswith("http")
    assert query.count('rollouts_pod_template_hash="{{args.pod-template-hash}}"') == 2
    assert query.count("flamingo_http_request_duration_seconds_count{") == 2
    assert 'status=~"5.."' in query
    assert 'namespace="flamingo"' in query
    assert metric["successCondition"].startswith("len(result) == 0 || result[0] <= 0.01")
    assert metric["count"] >= 1


def test_dev_skips_post_promotion_analysis() -> None:
    bg = scenario("dev").get("Rollout", name("backend"))["spec"]["strategy"]["blueGreen"]
    assert "postPromotionAnalysis" not in bg
    assert not scenario("dev").has("AnalysisTemplate", name("error-rate"))


@pytest.mark.parametrize("env", ["default", "staging", "prod", "rollouts-off", "prod-rollouts-off"])
@pytest.mark.parametrize("component", ["backend", "frontend"])
def test_hpa_targets_the_workload_which_sets_no_replicas(env: str, component: str) -> None:
    m = scenario(env)
    hpa = m.get("HorizontalPodAutoscaler", name(component))
    ref = hpa["spec"]["scaleTargetRef"]
    kind = "Deployment" if "rollouts-off" in env else "Rollout"
    assert ref["kind"] == kind
    assert ref["apiVersion"] == ("apps/v1" if kind == "Deployment" else "argoproj.io/v1alpha1")
    workload = m.get(kind, ref["name"])
    assert "replicas" not in workload["spec"], "replicas fights the HPA"
    assert hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
    metric = hpa["spec"]["metrics"][0]["resource"]
    assert metric["name"] == "cpu"
    assert metric["target"]["type"] == "Utilization"


def test_replicas_are_set_when_the_hpa_is_off() -> None:
    m = scenario("dev")
    assert not m.of("HorizontalPodAutoscaler")
    assert m.get("Rollout", name("backend"))["spec"]["replicas"] == 1


def test_backend_replica_sizing_per_environment() -> None:
    prod = scenario("prod").get("HorizontalPodAutoscaler", name("backend"))["spec"]
    staging = scenario("staging").get("HorizontalPodAutoscaler", name("backend"))["spec"]
    assert (prod["minReplicas"], prod["maxReplicas"]) == (2, 3)
    assert staging["maxReplicas"] < prod["maxReplicas"]
    assert staging["minReplicas"] <= prod["minReplicas"]


@pytest.mark.parametrize("env", ["default", "prod"])
def test_pdbs_select_their_pods(env: str) -> None:
    m = scenario(env)
    pdbs = m.of("PodDisruptionBudget")
    assert {p["metadata"]["name"] for p in pdbs} >= {name("backend"), name("frontend")}
    for pdb in pdbs:
        component = pdb["metadata"]["name"].removeprefix("flamingo-")
        kind = "Deployment" if component == "worker" else "Rollout"
        labels = m.get(kind, name(component))["spec"]["template"]["metadata"]["labels"]
        assert selects(pdb["spec"]["selector"]["matchLabels"], labels)
        assert "maxUnavailable" in pdb["spec"]


@pytest.mark.parametrize("component", ["backend", "frontend", "worker"])
def test_pods_spread_across_zones(component: str) -> None:
    m = scenario("prod")
    kind = "Deployment" if component == "worker" else "Rollout"
    template = m.get(kind, name(component))["spec"]["template"]
    spread = {c["topologyKey"]: c for c in template["spec"]["topologySpreadConstraints"]}
    zone = spread["topology.kubernetes.io/zone"]
    assert selects(zone["labelSelector"]["matchLabels"], template["metadata"]["labels"])
    assert zone["labelSelector"]["matchLabels"]["app.kubernetes.io/component"] == component
    assert "rollouts-pod-template-hash" in zone["matchLabelKeys"]


@pytest.mark.parametrize(
    ("on", "off"), [("default", "rollouts-off"), ("prod", "prod-rollouts-off")]
)
def test_rollouts_off_gives_deployments_with_the_same_pod_spec(on: str, off: str) -> None:
    with_rollouts, without = scenario(on), scenario(off)
    assert not without.of("Rollout") and not without.of("AnalysisTemplate")
    for component in ("backend", "frontend"):
        deployment = without.get("Deployment", name(component))
        rollout = with_rollouts.get("Rollout", name(component))
        assert deployment["spec"]["template"] == rollout["spec"]["template"]
        assert deployment["spec"]["selector"] == rollout["spec"]["selector"]
        assert not without.has("Service", name(f"{component}-preview"))
        service = without.get("Service", name(component))
        assert selects(
            service["spec"]["selector"], deployment["spec"]["template"]["metadata"]["labels"]
        )
        assert deployment["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0


@pytest.mark.parametrize("env", ["default", "rollouts-off"])
def test_worker_is_a_deployment_of_the_backend_image(env: str) -> None:
    m = scenario(env)
    worker = m.get("Deployment", name("worker"))
    (container,) = worker["spec"]["template"]["spec"]["containers"]
    assert container["args"] == ["flamingo", "worker"]
    backend = workload_pods(m, "backend")["spec"]["containers"][0]
    assert container["image"] == backend["image"]
    assert container["ports"] == [{"name": "metrics", "containerPort": 9100, "protocol": "TCP"}]
    assert m.config()["WORKER_METRICS_PORT"] == "9100"
    assert container["envFrom"] == backend["envFrom"]


def test_the_worker_rolls_by_default_and_can_be_recreated_one_at_a_time() -> None:
    """RollingUpdate overlaps two workers (safe where $inc is atomic); Recreate is for a store whose
    $inc is not (FerretDB v1, the local node) — and the schema refuses anything else."""
    strategy = lambda m: m.get("Deployment", name("worker"))["spec"]["strategy"]  # noqa: E731
    assert strategy(scenario("prod")) == {"type": "RollingUpdate"}
    assert strategy(render("--set", "worker.strategy=Recreate")) == {"type": "Recreate"}
    with pytest.raises(AssertionError, match="strategy"):
        render("--set", "worker.strategy=Sometimes")


def test_ensure_indexes_is_a_pre_install_and_pre_upgrade_hook() -> None:
    m = scenario("prod")
    job = m.get("Job", name("ensure-indexes"))
    annotations = job["metadata"]["annotations"]
    assert set(annotations["helm.sh/hook"].split(",")) == {"pre-install", "pre-upgrade"}
    assert "before-hook-creation" in annotations["helm.sh/hook-delete-policy"]
    spec = job["spec"]["template"]["spec"]
    (container,) = spec["containers"]
    assert container["args"] == ["flamingo", "ensure-indexes"]
    # The ConfigMap does not exist yet on first install: same settings, inline.
    env = {e["name"]: e["value"] for e in container["env"]}
    assert env == m.config()
    sa = m.get("ServiceAccount", spec["serviceAccountName"])
    assert sa["metadata"]["annotations"]["helm.sh/hook"] == annotations["helm.sh/hook"]
    assert int(sa["metadata"]["annotations"]["helm.sh/hook-weight"]) < int(
        annotations["helm.sh/hook-weight"]
    )
    assert sa["metadata"]["annotations"]["iam.gke.io/gcp-service-account"]
    # Only the Job does it: no workload runs ensure-indexes at start.
    for kind in ("Rollout", "Deployment"):
        for workload in m.of(kind):
            for c in workload["spec"]["template"]["spec"]["containers"]:
                assert "ensure-indexes" not in c.get("args", [])


def test_optional_objects_have_one_switch() -> None:
    off = render(
        "--set", "worker.enabled=false", "--set", "ensureIndexes.enabled=false",
        "--set", "live.enabled=false",
        "--set", "ingress.enabled=false", "--set", "networkPolicy.enabled=false",
        "--set", "monitoring.enabled=false", "--set", "tests.enabled=false",
        "--set", "backend.autoscaling.enabled=false", "--set", "frontend.autoscaling.enabled=false",
        "--set", "backend.pdb.enabled=false", "--set", "frontend.pdb.enabled=false",
        "--set", "rollouts.smokeTest.enabled=false",
        "--set", "rollouts.postPromotionAnalysis.enabled=false",
    )  # fmt: skip
    kinds = {o["kind"] for o in off}
    assert kinds == {"ConfigMap", "ServiceAccount", "Service", "Rollout"}, kinds
    bg = off.get("Rollout", name("backend"))["spec"]["strategy"]["blueGreen"]
    assert "prePromotionAnalysis" not in bg and "postPromotionAnalysis" not in bg


def test_manifests_are_deterministic() -> None:
    first = render("--set", "backend.image.tag=aaa")
    second = render("--set", "backend.image.tag=aaa", "--set", "config.logLevel=INFO")
    assert first.objects == second.objects  # no random or time-based values
