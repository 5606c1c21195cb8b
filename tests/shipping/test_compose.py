"""docker-compose.yml: valid for a real Compose parser, and consistent with the app it runs — every
environment name is a setting the backend reads, ports/healthchecks/scrape targets agree, startup
order is enforced by health, and it works from a fresh clone without a .env."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from compose_spec import PyCompose

from flamingo.core.config import load_settings
from tests.shipping.support import (
    BACKEND_SERVICES,
    compose_config,
    compose_config_text,
    compose_raw,
    compose_variables,
    docker_compose,
    environment,
    gunicorn_names,
    run,
    settings_names,
)
from tests.support.processes import REPO

LONG_RUNNING = (
    "mongo", "redis", "backend", "live", "worker", "frontend", "prometheus", "grafana"
)  # fmt: skip


def services() -> dict[str, Any]:
    found: dict[str, Any] = compose_config()["services"]
    return found


def healthcheck_text(service: dict[str, Any]) -> str:
    test = service["healthcheck"]["test"]
    return " ".join(test) if isinstance(test, list) else str(test)


def test_docker_compose_validates_it_from_a_fresh_clone(tmp_path: Path) -> None:
    # A copy with no .env next to it: exactly what `git clone && docker compose up` sees.
    shutil.copy(REPO / "docker-compose.yml", tmp_path / "docker-compose.yml")
    for part in ("deploy/compose", "charts/flamingo/files"):
        shutil.copytree(REPO / part, tmp_path / part)
    for profile in ([], ["--profile", "observability"]):
        result = run(
            [docker_compose(), "-f", "docker-compose.yml", *profile, "config", "-q"], cwd=tmp_path
        )
        assert result.returncode == 0, result.stderr
        assert "is not set" not in result.stderr, result.stderr


def test_the_compose_specification_accepts_it() -> None:
    # docker-compose v1 is old; `docker compose` v2 follows the Compose Specification. The
    # compose_spec parser (Rust, strict: unknown keys and values are errors) reads the resolved
    # file (it has no interpolation or YAML merge keys of its own).
    parsed = PyCompose.from_yaml(compose_config_text())
    assert sorted(parsed.service_names()) == sorted(services())


def test_the_compose_specification_check_can_fail() -> None:
    broken = compose_config_text().replace("restart: unless-stopped", "restart: sometimes", 1)
    with pytest.raises(ValueError, match="restart"):
        PyCompose.from_yaml(broken)


def test_services_and_profiles() -> None:
    found = services()
    assert set(found) == {
        "mongo",
        "redis",
        "ensure-indexes",
        "backend",
        "live",
        "worker",
        "frontend",
        "prometheus",
        "grafana",
    }
    for name, service in found.items():
        expected = ["observability"] if name in ("prometheus", "grafana") else None
        assert service.get("profiles") == expected, name


def test_only_the_frontend_and_observability_publish_ports() -> None:
    published = {
        name: [str(p["target"] if isinstance(p, dict) else p).split(":")[-1] for p in s["ports"]]
        for name, s in services().items()
        if s.get("ports")
    }
    assert published == {"frontend": ["8080"], "prometheus": ["9090"], "grafana": ["3000"]}
    ports = services()["frontend"]["ports"][0]
    host = ports["published"] if isinstance(ports, dict) else str(ports).split(":")[0]
    assert str(host) == "8080", "the single entry is http://localhost:8080"


@pytest.mark.parametrize("name", BACKEND_SERVICES)
def test_backend_environment_names_are_settings_the_app_reads(name: str) -> None:
    readable = settings_names() | gunicorn_names()
    env = environment(services()[name])
    unknown = set(env) - readable
    assert not unknown, f"{name} sets names the backend never reads: {sorted(unknown)}"


@pytest.mark.parametrize("name", BACKEND_SERVICES)
def test_backend_environment_is_a_valid_configuration(name: str) -> None:
    env = environment(services()[name])
    settings = load_settings(environ=env, env_file=None)
    assert not settings.stores.embedded_mongo and not settings.stores.embedded_redis


def test_stores_are_the_compose_services() -> None:
    found = services()
    env = environment(found["backend"])
    mongo = urlsplit(env["MONGO_URI"])
    assert mongo.hostname == "mongo" and (mongo.port or 27017) == 27017
    replset = re.search(r"replicaSet=(\w+)", mongo.query)
    command = found["mongo"]["command"]
    assert replset and command[command.index("--replSet") + 1] == replset.group(1)
    # The healthcheck initiates that same replica set, with a member address clients can reach.
    assert f"_id: '{replset.group(1)}'" in healthcheck_text(found["mongo"])
    assert "host: 'mongo:27017'" in healthcheck_text(found["mongo"])
    assert urlsplit(env["REDIS_URL"]).hostname == "redis"
    assert found["mongo"]["image"].startswith("mongo:7")
    assert found["redis"]["image"].startswith("redis:7")


def test_every_long_running_service_has_a_healthcheck_and_waits_on_health() -> None:
    found = services()
    for name in LONG_RUNNING:
        check = found[name].get("healthcheck")
        assert check and not check.get("disable"), f"{name} has no healthcheck"
    for name, service in found.items():
        for dependency, condition in (service.get("depends_on") or {}).items():
            wanted = (
                "service_completed_successfully"
                if dependency == "ensure-indexes"
                else "service_healthy"
            )
            assert condition["condition"] == wanted, f"{name} → {dependency}"
    for name in ("backend", "live", "worker"):
        assert set(found[name]["depends_on"]) == {"mongo", "redis", "ensure-indexes"}
    assert set(found["frontend"]["depends_on"]) == {"backend", "live"}


def test_index_job_runs_once() -> None:
    job = services()["ensure-indexes"]
    assert job["command"] == ["flamingo", "ensure-indexes"]
    assert job["restart"] == "no"
    assert set(job["depends_on"]) == {"mongo"}


def test_backend_image_services_share_one_build() -> None:
    found = services()
    builds = {name: found[name].get("build") for name in BACKEND_SERVICES}
    images = {found[name]["image"] for name in BACKEND_SERVICES}
    assert len(images) == 1
    for build in builds.values():
        assert build and build["dockerfile"] == "Dockerfile.backend"
        assert Path(build["context"]).resolve() == REPO
        assert set(build["args"]) == {"APP_VERSION", "GIT_COMMIT", "BUILD_TIME"}
    frontend = found["frontend"]["build"]
    assert frontend["dockerfile"] == "Dockerfile.frontend"
    assert Path(frontend["context"]).resolve() == REPO


def _port_in(text: str) -> set[int]:
    return {int(p) for p in re.findall(r"(?:127\.0\.0\.1|localhost|\w+):(\d{2,5})", text)}


def test_ports_agree_between_settings_healthchecks_proxy_and_scrapes() -> None:
    found = services()
    api_port = int(environment(found["backend"])["PORT"])
    metrics_port = int(environment(found["worker"])["WORKER_METRICS_PORT"])
    assert _port_in(healthcheck_text(found["backend"])) == {api_port}
    assert "/healthz" in healthcheck_text(found["backend"])
    assert _port_in(healthcheck_text(found["worker"])) == {metrics_port}
    assert [int(p) for p in found["backend"]["expose"]] == [api_port]
    assert [int(p) for p in found["worker"]["expose"]] == [metrics_port]
    assert environment(found["frontend"])["BACKEND_UPSTREAM"] == f"backend:{api_port}"
    live_port = int(environment(found["live"])["PORT"])
    assert _port_in(healthcheck_text(found["live"])) == {live_port}
    assert [int(p) for p in found["live"]["expose"]] == [live_port]
    assert environment(found["frontend"])["LIVE_UPSTREAM"] == f"live:{live_port}"

    prometheus = yaml.safe_load((REPO / "deploy/compose/prometheus.yml").read_text())
    targets = {
        target
        for job in prometheus["scrape_configs"]
        for static in job["static_configs"]
        for target in static["targets"]
    }
    assert targets == {f"backend:{api_port}", f"worker:{metrics_port}"}
    # The shared dashboard filters on `namespace`: every target carries one.
    for job in prometheus["scrape_configs"]:
        assert job.get("metrics_path", "/metrics") == "/metrics"
        for static in job["static_configs"]:
            assert static["labels"]["namespace"]


def test_grafana_is_provisioned_with_the_chart_dashboard() -> None:
    grafana = services()["grafana"]
    mounts = {}
    for volume in grafana["volumes"]:
        if isinstance(volume, dict):
            mounts[volume["target"]] = volume.get("source", "")
        else:
            source, target = volume.split(":")[:2]
            mounts[target] = source
    dashboard = REPO / "charts/flamingo/files/dashboard.json"
    assert dashboard.resolve() in {Path(s).resolve() for s in mounts.values() if s}
    provider = yaml.safe_load(
        (REPO / "deploy/compose/grafana/provisioning/dashboards/flamingo.yml").read_text()
    )
    path = provider["providers"][0]["options"]["path"]
    assert any(target.startswith(path + "/") for target, src in mounts.items()), path
    datasource = yaml.safe_load(
        (REPO / "deploy/compose/grafana/provisioning/datasources/prometheus.yml").read_text()
    )["datasources"][0]
    assert urlsplit(datasource["url"]).hostname == "prometheus"
    assert datasource["type"] == "prometheus"


def test_bind_mount_sources_exist_and_named_volumes_are_declared() -> None:
    raw = compose_raw()
    declared = set(raw.get("volumes") or {})
    used = set()
    for name, service in raw["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (REPO / source).exists(), f"{name}: {source} does not exist"
            else:
                used.add(source)
    assert used == declared, "named volumes: declared but unused, or used but undeclared"
    for store in ("mongo", "redis"):
        assert any(not v.startswith(".") for v in raw["services"][store]["volumes"]), store


def test_env_example_documents_exactly_the_variables_compose_reads() -> None:
    example = (REPO / ".env.example").read_text()
    documented = set(re.findall(r"^#?([A-Z][A-Z0-9_]*)=", example, re.M))
    assert documented == compose_variables()
    # Copying it to .env changes nothing until a line is uncommented (make run reads .env too).
    assert not re.findall(r"^[A-Z][A-Z0-9_]*=", example, re.M)


def test_env_file_is_not_committed() -> None:
    result = run(["git", "ls-files", "--error-unmatch", ".env"], cwd=REPO)
    assert result.returncode != 0, ".env must not be committed (only .env.example)"
    assert ".env" in (REPO / ".gitignore").read_text().split()


def test_frontend_healthcheck_asks_a_location_the_nginx_config_serves() -> None:
    frontend = services()["frontend"]
    path = re.search(r"http://127\.0\.0\.1:(\d+)(/\S*)", healthcheck_text(frontend))
    assert path, healthcheck_text(frontend)
    template = (REPO / "frontend" / "nginx" / "nginx.conf.template").read_text()
    assert re.search(rf"location\s+(=\s+)?{re.escape(path.group(2))}\s*\{{", template), path.group(
        2
    )
    # The container port compose publishes.
    assert int(path.group(1)) == 8080


def test_our_images_run_hardened_as_in_kubernetes() -> None:
    for name in (*BACKEND_SERVICES, "frontend"):
        service = services()[name]
        assert service.get("read_only") is True, name
        assert "/tmp" in service.get("tmpfs", []), name
        assert service.get("cap_drop") == ["ALL"], name
        assert "no-new-privileges:true" in service.get("security_opt", []), name


def test_compose_prometheus_gives_the_labels_the_dashboard_filters_on() -> None:
    """In Kubernetes the scrape adds labels such as `namespace`; the chart's dashboard selects on
    them, so compose's targets must carry each one or every panel stays empty."""
    dashboard = json.loads((REPO / "charts/flamingo/files/dashboard.json").read_text())
    labels = set()
    for variable in dashboard.get("templating", {}).get("list", []):
        query = variable.get("query")
        text = query.get("query", "") if isinstance(query, dict) else str(query or "")
        labels |= set(re.findall(r"label_values\([^,]+,\s*(\w+)\s*\)", text))
    prometheus = yaml.safe_load((REPO / "deploy/compose/prometheus.yml").read_text())
    for job in prometheus["scrape_configs"]:
        for static in job["static_configs"]:
            assert labels <= set(static.get("labels", {})), (job["job_name"], labels)


def test_the_live_feeds_have_a_process_made_for_them() -> None:
    """The sync backend holds no feed (LIVE_MAX_CONNECTIONS unset = 0); the live service holds
    them, on threads gunicorn adds for them (flamingo.gunicorn_config)."""
    found = services()
    assert "LIVE_MAX_CONNECTIONS" not in environment(found["backend"])
    assert int(environment(found["live"])["LIVE_MAX_CONNECTIONS"]) > 0
    assert "command" not in found["live"] or found["live"]["command"] == found["backend"].get(
        "command"
    )


class _ComposeTags(yaml.SafeLoader):
    """Reads Compose's own tags (``!reset``, ``!override``) as plain values."""


def _untagged(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_ComposeTags.add_multi_constructor("!", _untagged)


def test_the_test_override_gives_every_built_service_a_stand_in_base() -> None:
    """A service built from our Dockerfiles that the override forgets builds FROM Docker Hub,
    which this machine cannot reach: `make stack-up` failed so when the live service came."""
    base = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]
    override_file = REPO / "deploy" / "compose" / "test.override.yml"
    override = yaml.load(override_file.read_text(), Loader=_ComposeTags)["services"]  # noqa: S506
    built = {name for name, service in base.items() if "build" in service}
    assert built, "docker-compose.yml builds nothing?"
    for name in sorted(built):
        args = (override.get(name) or {}).get("build", {}).get("args", {})
        assert {"PYTHON_IMAGE", "NODE_IMAGE"} & set(args), (
            f"{name}: no stand-in base in the override"
        )
