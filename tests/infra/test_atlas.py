"""Atlas as code: deploy/atlas/ against the Atlas Kubernetes Operator's own CRDs (read from its Go
module in the tools folder, not committed), and in agreement with Terraform and the chart."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.infra.crds import Obj, load_crds, validate
from tests.infra.support import (
    ARGOCD,
    ATLAS,
    ROOT,
    atlas_crds_dir,
    atlas_crds_release,
    atlas_region,
    chart_values,
    cluster_outputs,
    load_yaml,
)

ENVS = ("prod", "staging")
# Atlas project -> app environments whose PSC endpoint groups it holds (dev shares staging's).
ENDPOINT_GROUPS = {"prod": ("prod",), "staging": ("staging", "dev")}
NAMESPACE = "flamingo-atlas"


@cache
def schemas() -> dict[tuple[str, str, str], Obj]:
    loaded = load_crds(atlas_crds_dir())
    assert loaded, f"no CRDs in {atlas_crds_dir()}"
    return loaded


def resource_files() -> list[Path]:
    return sorted(ATLAS.glob("*/*.yaml"))


def resources(env: str) -> list[Obj]:
    return [
        d
        for p in sorted((ATLAS / env).glob("*.yaml"))
        for d in yaml.safe_load_all(p.read_text())
        if d
    ]


def one(env: str, kind: str) -> Obj:
    found = [r for r in resources(env) if r["kind"] == kind]
    assert len(found) == 1, f"deploy/atlas/{env}: expected one {kind}, found {len(found)}"
    return found[0]


def tf_chart_values(app_env: str) -> dict[str, Any]:
    cluster = "prod" if app_env == "prod" else "staging"
    values: dict[str, Any] = cluster_outputs(cluster)["chart_values"][app_env]
    return values


@pytest.mark.parametrize("path", resource_files(), ids=lambda p: str(p.relative_to(ATLAS)))
def test_resource_is_valid_against_the_operator_crds(path: Path) -> None:
    for doc in yaml.safe_load_all(path.read_text()):
        result = validate(doc, schemas())
        assert not result.errors, f"{path.name}: " + "; ".join(result.errors)
        assert doc["metadata"]["namespace"] == NAMESPACE


def test_every_atlas_kind_used_is_a_crd_of_the_pinned_release() -> None:
    kinds = {(r["apiVersion"], r["kind"]) for env in ENVS for r in resources(env)}
    assert kinds == {
        ("atlas.mongodb.com/v1", "AtlasProject"),
        ("atlas.mongodb.com/v1", "AtlasPrivateEndpoint"),
        ("atlas.mongodb.com/v1", "AtlasDeployment"),
        ("atlas.mongodb.com/v1", "AtlasDatabaseUser"),
    }


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda r: r["spec"].__setitem__("instanceSize", "M10"), "field not declared"),
        (
            lambda r: r["spec"]["deploymentSpec"].__setitem__("clusterType", "CLUSTER"),
            "is not one of",
        ),
        (lambda r: r["spec"]["deploymentSpec"].pop("name"), "'name' is a required property"),
        (
            lambda r: r["spec"].__setitem__("externalProjectRef", {"id": "x"}),
            "only one project reference",
        ),
        (
            lambda r: r["spec"]["deploymentSpec"].__setitem__("backupEnabled", "yes"),
            "is not of type",
        ),
    ],
    ids=["unknown-field", "bad-enum", "missing-required", "cel-rule", "wrong-type"],
)
def test_validator_rejects_what_the_api_server_would(change: Any, expected: str) -> None:
    broken = copy.deepcopy(one("prod", "AtlasDeployment"))
    change(broken)
    errors = validate(broken, schemas()).errors
    assert any(expected in e for e in errors), errors


def test_cel_coverage_is_reported() -> None:
    """The has()-only CEL rules run here; the others need a real API server (not evaluated)."""
    evaluated = sum(validate(r, schemas()).cel_evaluated for env in ENVS for r in resources(env))
    assert evaluated > 0


@pytest.mark.timeout(600)
@pytest.mark.parametrize("env", ENVS)
def test_private_endpoint_is_what_terraform_reserves(env: str) -> None:
    endpoint = one(env, "AtlasPrivateEndpoint")["spec"]
    assert endpoint["provider"] == "GCP" and endpoint["portMappingEnabled"] is True
    assert endpoint["projectRef"]["name"] == one(env, "AtlasProject")["metadata"]["name"]
    groups = {g["groupName"]: g for g in endpoint["gcpConfiguration"]}
    expected = {tf_chart_values(app)["atlas_endpoint_group"]: app for app in ENDPOINT_GROUPS[env]}
    assert set(groups) == set(expected)
    for group_name, app in expected.items():
        tf = tf_chart_values(app)
        group = groups[group_name]
        assert group["projectId"] == tf["atlas_gcp_project_id"], (
            group["projectId"],
            tf["atlas_gcp_project_id"],
        )
        assert group["endpoints"] == tf["atlas_endpoints"], (
            group["endpoints"],
            tf["atlas_endpoints"],
        )
        assert endpoint["region"] == atlas_region(tf["atlas_region"])


@pytest.mark.timeout(600)
@pytest.mark.parametrize("env", ENVS)
def test_deployment_is_a_three_node_replica_set_in_the_cluster_region(env: str) -> None:
    spec = one(env, "AtlasDeployment")["spec"]
    assert spec["projectRef"]["name"] == one(env, "AtlasProject")["metadata"]["name"]
    deployment = spec["deploymentSpec"]
    assert deployment["clusterType"] == "REPLICASET"
    assert deployment["backupEnabled"] is True
    [replication] = deployment["replicationSpecs"]
    [region] = replication["regionConfigs"]
    assert region["providerName"] == "GCP"
    assert region["regionName"] == atlas_region(tf_chart_values(env)["atlas_region"])
    assert region["electableSpecs"]["nodeCount"] == 3
    # M10 is the seed's prod tier and the smallest that accepts a private endpoint.
    assert region["electableSpecs"]["instanceSize"] == "M10"


def test_prod_is_protected_from_deletion() -> None:
    deployment = one("prod", "AtlasDeployment")
    assert deployment["spec"]["deploymentSpec"]["terminationProtectionEnabled"] is True
    assert deployment["spec"]["deploymentSpec"]["pitEnabled"] is True
    for kind in ("AtlasProject", "AtlasDeployment"):
        assert (
            one("prod", kind)["metadata"]["annotations"]["mongodb.com/atlas-resource-policy"]
            == "keep"
        )


@pytest.mark.parametrize("env", ENVS)
def test_no_public_access_list(env: str) -> None:
    project = one(env, "AtlasProject")["spec"]
    assert not project.get("projectIpAccessList"), (
        "Atlas must be reachable only through the private endpoint"
    )
    assert not [r for r in resources(env) if r["kind"] == "AtlasIPAccessList"]


@pytest.mark.parametrize("env", ENVS)
def test_database_user_is_least_privilege(env: str) -> None:
    spec = one(env, "AtlasDatabaseUser")["spec"]
    database = chart_values(env)["config"]["mongoDb"]
    assert spec["roles"] == [{"roleName": "readWrite", "databaseName": database}]
    assert spec["scopes"] == [
        {"type": "CLUSTER", "name": one(env, "AtlasDeployment")["spec"]["deploymentSpec"]["name"]}
    ]
    assert spec["passwordSecretRef"]["name"] and "password" not in spec
    assert spec["databaseName"] == "admin"


def applications() -> dict[str, Obj]:
    docs = [load_yaml(p) for p in sorted(ARGOCD.glob("atlas*.yaml"))]
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == "Application"}


@pytest.mark.parametrize("env", ENVS)
def test_argocd_syncs_the_atlas_resources(env: str) -> None:
    app = applications()[f"atlas-{env}"]
    project = load_yaml(ARGOCD / "atlas-project.yaml")
    assert app["apiVersion"] == "argoproj.io/v1alpha1" and project["kind"] == "AppProject"
    assert app["spec"]["project"] == project["metadata"]["name"]
    source, destination = app["spec"]["source"], app["spec"]["destination"]
    assert (ROOT / source["path"]).resolve() == (ATLAS / env).resolve()
    assert source["repoURL"] in project["spec"]["sourceRepos"]
    assert {"name": destination["name"], "namespace": destination["namespace"]} in project["spec"][
        "destinations"
    ]
    assert destination["namespace"] == NAMESPACE
    allowed = {(k["group"], k["kind"]) for k in project["spec"]["namespaceResourceWhitelist"]}
    for resource in resources(env):
        assert (resource["apiVersion"].rpartition("/")[0], resource["kind"]) in allowed, resource[
            "kind"
        ]
    # Removing a file from git must never delete a database.
    assert app["spec"]["syncPolicy"]["automated"]["prune"] is False


@pytest.mark.parametrize("env", ENVS)
def test_operator_is_the_release_whose_crds_are_checked(env: str) -> None:
    app = applications()[f"atlas-operator-{env}"]
    source = app["spec"]["source"]
    assert source["chart"] == "mongodb-atlas-operator"
    assert source["targetRevision"] == atlas_crds_release()
    assert source["helm"]["valuesObject"]["watchNamespaces"] == [NAMESPACE]
    assert (
        app["spec"]["destination"]["name"]
        == applications()[f"atlas-{env}"]["spec"]["destination"]["name"]
    )
