"""One source of names: what Terraform outputs is what the chart's values make it render.

The Terraform side is the planned outputs of infra/envs/shared and of infra/envs/cluster per
cluster (mocked provider, project ids taken from the chart's values); the chart side is
`helm template -f values-<env>.yaml`.
A mismatch fails with both names printed.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.infra.support import (
    RELEASE,
    Rendered,
    argocd_namespace,
    chart_project_ids,
    chart_values,
    cluster_outputs,
    render,
    shared_outputs,
)

# App environment -> its cluster (dev is a namespace of staging's cluster).
CLUSTER_OF = {"prod": "prod", "staging": "staging", "dev": "staging"}
# dev has no Argo CD Application yet; its namespace is the one values-dev.yaml documents.
NAMESPACE_OF_DEV = "flamingo-dev"
WI_ANNOTATION = "iam.gke.io/gcp-service-account"
OPTIONAL_SECRETS_ON = (
    "--set", "oidc.issuer=https://accounts.google.com", "--set", "oidc.clientId=flamingo",
    "--set", "oidc.allowedDomains={company-inc.com}",
    "--set", "invitations.smtp.host=smtp-relay.gmail.com", "--set", "invitations.smtp.username=u",
)  # fmt: skip


class Names:
    """Collects Terraform-vs-chart comparisons and fails once, listing every mismatch."""

    def __init__(self, env: str) -> None:
        self.env = env
        self.mismatches: list[str] = []

    def same(self, what: str, terraform: Any, chart: Any) -> None:
        if terraform != chart:
            self.mismatches.append(
                f"{what}:\n    terraform: {terraform!r}\n    chart:     {chart!r}"
            )

    def check(self) -> None:
        if self.mismatches:
            pytest.fail(
                f"{self.env}: Terraform and the chart disagree on\n  "
                + "\n  ".join(self.mismatches)
            )


def namespace(env: str) -> str:
    return NAMESPACE_OF_DEV if env == "dev" else argocd_namespace(env)


def tf_values(env: str) -> dict[str, Any]:
    outputs = cluster_outputs(CLUSTER_OF[env])
    assert "chart_values" not in outputs["__unknown__"], "chart_values must be known at plan time"
    values: dict[str, Any] = outputs["chart_values"][env]
    return values


def egress_cidrs(manifests: Rendered, port: int) -> list[str]:
    """ipBlock CIDRs of the NetworkPolicy egress rules that open `port`."""
    cidrs: list[str] = []
    for policy in manifests.of("NetworkPolicy"):
        for rule in policy["spec"].get("egress", []):
            opens = any(
                p.get("port") == port or p.get("port", 0) <= port <= p.get("endPort", -1)
                for p in rule.get("ports", [])
            )
            if opens:
                # A block with exceptions is the worker's way out to webhook receivers: the
                # internet minus the private ranges, so never the path to a private store.
                cidrs += [
                    peer["ipBlock"]["cidr"]
                    for peer in rule.get("to", [])
                    if "ipBlock" in peer and not peer["ipBlock"].get("except")
                ]
    return sorted(cidrs)


@pytest.mark.timeout(600)
@pytest.mark.parametrize("env", ["prod", "staging", "dev"])
def test_terraform_names_are_the_charts(env: str) -> None:
    ns = namespace(env)
    chart = render(env, ns)
    tf = tf_values(env)
    shared = shared_outputs()
    names = Names(env)

    names.same("namespace", tf["namespace"], ns)

    # Workload Identity: every annotated ServiceAccount names Terraform's Google account, and
    # Terraform binds exactly those ServiceAccounts.
    annotated = {
        f"{ns}/{sa['metadata']['name']}": sa["metadata"]["annotations"][WI_ANNOTATION]
        for sa in chart.of("ServiceAccount")
        if WI_ANNOTATION in sa["metadata"].get("annotations", {})
    }
    for ksa, email in sorted(annotated.items()):
        names.same(f"Google service account of {ksa}", tf["gcp_service_account"], email)
    names.same(
        "Workload Identity bindings", sorted(tf["workload_identity_ksas"]), sorted(annotated)
    )

    # sm:// references in the ConfigMap.
    config = chart.get("ConfigMap", f"{RELEASE}-config")["data"]
    for setting, variable in (
        ("mongoUri", "MONGO_URI"),
        ("redisUrl", "REDIS_URL"),
        ("secretKey", "SECRET_KEY"),
    ):
        names.same(f"secret {variable}", tf["secrets"][setting], config[variable])
    # The optional secrets, as the chart renders them once single sign-on and SMTP are on.
    optional = render(env, ns, *OPTIONAL_SECRETS_ON).get("ConfigMap", f"{RELEASE}-config")["data"]
    for setting, variable in (
        ("oidcClientSecret", "OIDC_CLIENT_SECRET"),
        ("smtpPassword", "SMTP_PASSWORD"),
    ):
        names.same(f"secret {variable}", tf["secrets"][setting], optional[variable])

    # Edge: static IP, SSL policy, Cloud Armor policy.
    ingress = chart.get("Ingress", RELEASE)["metadata"]["annotations"]
    names.same(
        "static IP name",
        tf["static_ip_name"],
        ingress.get("kubernetes.io/ingress.global-static-ip-name"),
    )
    frontend_config = chart.get("FrontendConfig", RELEASE)["spec"]
    names.same("SSL policy", tf["ssl_policy"], frontend_config.get("sslPolicy"))
    backend_config = chart.get("BackendConfig", f"{RELEASE}-backend")["spec"]
    names.same(
        "Cloud Armor policy",
        tf["security_policy"],
        (backend_config.get("securityPolicy") or {}).get("name"),
    )

    # NetworkPolicy egress to Memorystore and Atlas: the shared root's ranges.
    names.same(
        "Memorystore CIDR (shared root)",
        [shared["redis_ranges"][env]["cidr"]],
        egress_cidrs(chart, 6379),
    )
    names.same(
        "Atlas PSC CIDR (shared root)",
        [shared["atlas_subnets"][env]["cidr"]],
        egress_cidrs(chart, 27017),
    )

    # Images come from the shared registry.
    images = {
        c["image"] for o in chart.of("Rollout") for c in o["spec"]["template"]["spec"]["containers"]
    }
    names.same(
        "image registry",
        [shared["registry"]] * len(images),
        sorted(i.rsplit("/", 1)[0] for i in images),
    )
    names.check()


@pytest.mark.timeout(600)
@pytest.mark.parametrize("env", ["prod", "staging", "dev"])
def test_env_roots_stand_in_for_the_shared_state_matches_its_plan(env: str) -> None:
    """The env roots read a stand-in of the shared state in their tests: it has the real ranges."""
    tf, shared = tf_values(env), shared_outputs()
    names = Names(env)
    names.same("Redis range in the stand-in", tf["redis_cidr"], shared["redis_ranges"][env]["cidr"])
    names.same(
        "Atlas subnet in the stand-in", tf["mongo_cidr"], shared["atlas_subnets"][env]["cidr"]
    )
    names.check()


@pytest.mark.timeout(600)
@pytest.mark.parametrize("env", ["prod", "staging", "dev"])
def test_secrets_are_readable_only_by_the_app_account(env: str) -> None:
    tf = tf_values(env)
    expected = [f"serviceAccount:{tf['gcp_service_account']}"]
    for setting, members in tf["secret_accessors"].items():
        assert members == expected, f"{setting}: accessors {members}, want only {expected}"


@pytest.mark.timeout(600)
def test_prod_redis_is_highly_available_and_the_rest_basic() -> None:
    assert tf_values("prod")["redis_tier"] == "STANDARD_HA"
    assert {tf_values(env)["redis_tier"] for env in ("staging", "dev")} == {"BASIC"}


def test_project_ids_come_from_the_chart() -> None:
    ids = chart_project_ids()
    assert ids["prod"] == chart_values("prod")["gcp"]["projectId"]
    assert len(set(ids.values())) == 3, f"three distinct projects expected, got {ids}"


def test_mismatch_report_names_both_sides() -> None:
    names = Names("prod")
    names.same("SSL policy", "flamingo-modern-tls", "flamingo-old-tls")
    with pytest.raises(pytest.fail.Exception) as failure:
        names.check()
    message = str(failure.value)
    assert (
        "terraform: 'flamingo-modern-tls'" in message and "chart:     'flamingo-old-tls'" in message
    )
