"""Stand-ins of the cluster tests for what does not run under kwok: the smoke-test pods (their
verdict is a real run of the chart's script on the host, against gunicorn or nginx standing in for
the pods' image) and Prometheus (an HTTP API answering the analysis query).

Apart from tests/cluster/kube.py (kubectl, helm, releases): each is a small server or thread
with its own life cycle, used by the fixtures of tests/cluster/conftest.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from tests.cluster.kube import Kube, Obj
from tests.support.cluster import SMOKE_EXIT_CODE
from tests.support.node_release import NAMESPACE as REAL_NODE_NAMESPACE

# Smoke-test verdicts ------------------------------------------------------------------------


@dataclass
class Verdict:
    namespace: str
    pod: str
    owner: str  # "Job/<name>" for an analysis Job, "" for a `helm test` pod
    argv: list[str]
    stand_in: str  # the loopback URL the script ran against
    exit_code: int
    output: str


@dataclass
class Images:
    """Stand-ins for the images: backend image tag -> base URL of a gunicorn started as that image
    would run (same code, GIT_COMMIT as the image was built with); one nginx for the SPA."""

    backend: dict[str, str] = field(default_factory=dict)
    frontend: str = ""


class SmokeVerdicts:
    """Gives every smoke-test pod in the cluster the verdict of a real run of its script.

    For a pod (analysis Job or `helm test`): read its arguments as the cluster has them (so the
    AnalysisTemplate's {{args.*}} must have been resolved by Argo Rollouts), the script from the
    ConfigMap it mounts, the Service its --url names and the pods that Service selects right now;
    run the script with the same arguments against the stand-in of those pods' image, and write the
    exit code into the pod's annotation, which kwok turns into the container's exit code.
    """

    def __init__(self, kube: Kube, images: Images) -> None:
        self.kube = kube
        self.images = images
        self.verdicts: list[Verdict] = []
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="smoke-verdicts", daemon=True)
        self._done: set[str] = set()

    def __enter__(self) -> SmokeVerdicts:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                pods = json.loads(
                    self.kube.kubectl(
                        "get",
                        "pods",
                        "-A",
                        "-l",
                        "app.kubernetes.io/component=smoke-test",
                        "-o",
                        "json",
                    )
                )["items"]
                for pod in pods:
                    uid = pod["metadata"]["uid"]
                    annotations = pod["metadata"].get("annotations") or {}
                    if (
                        uid in self._done
                        # The real node's release runs its smoke tests for real (test_node.py).
                        or pod["metadata"]["namespace"] == REAL_NODE_NAMESPACE
                        or SMOKE_EXIT_CODE in annotations
                        or pod["status"].get("phase") != "Running"
                    ):
                        continue
                    self._done.add(uid)
                    self._judge(pod)
            except Exception as error:
                self.errors.append(repr(error))
            # Each poll is a kubectl process: once a second keeps the 2-core machine free.
            self._stop.wait(1.0)

    def _judge(self, pod: Obj) -> None:
        meta = pod["metadata"]
        namespace = meta["namespace"]
        (container,) = pod["spec"]["containers"]
        argv = [*container["command"], *container.get("args", [])]
        # python /smoke/smoke_test.py <component> --url=http://<service>:<port> ...
        script_path, component = argv[1], argv[2]
        # The ConfigMap behind the volume mounted where the command finds the script.
        mount = next(
            m for m in container["volumeMounts"] if Path(script_path).parent == Path(m["mountPath"])
        )
        volume = next(v for v in pod["spec"]["volumes"] if v["name"] == mount["name"])
        config_map = self.kube.get("configmap", volume["configMap"]["name"], namespace)
        script = config_map["data"][Path(script_path).name]
        url = next(a for a in argv if a.startswith("--url="))[len("--url=") :]
        target = urlparse(url)
        stand_in = self._stand_in(
            namespace, component, str(target.hostname), int(target.port or 80)
        )
        with tempfile.NamedTemporaryFile("w", suffix="_smoke_test.py", delete=False) as handle:
            handle.write(script)
        local_argv = [a if not a.startswith("--url=") else f"--url={stand_in}" for a in argv[2:]]
        run = subprocess.run(
            [sys.executable, handle.name, *local_argv],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        os.unlink(handle.name)
        owners = meta.get("ownerReferences") or []
        owner = f"{owners[0]['kind']}/{owners[0]['name']}" if owners else ""
        self.verdicts.append(
            Verdict(
                namespace,
                meta["name"],
                owner,
                argv,
                stand_in,
                run.returncode,
                run.stdout + run.stderr,
            )
        )
        self.kube.kubectl(
            "annotate", "pod", meta["name"], "-n", namespace, f"{SMOKE_EXIT_CODE}={run.returncode}"
        )

    def _stand_in(self, namespace: str, component: str, service: str, port: int) -> str:
        """Loopback URL answering for the pods that ``service`` selects now."""
        svc = self.kube.get("service", service, namespace)
        assert port in [p["port"] for p in svc["spec"]["ports"]], f"{service} has no port {port}"
        selector = ",".join(f"{k}={v}" for k, v in svc["spec"]["selector"].items())
        pods = [
            p
            for p in self.kube.items("pods", namespace, selector)
            if p["status"].get("phase") == "Running"
        ]
        assert pods, f"Service {namespace}/{service} selects no running pod"
        tags = {p["spec"]["containers"][0]["image"].split("@")[0].rsplit(":", 1)[1] for p in pods}
        assert len(tags) == 1, f"Service {service} selects pods of several images: {tags}"
        (tag,) = tags
        if component == "frontend":
            # The SPA image reports no commit: one nginx stands in for every frontend tag.
            return self.images.frontend
        assert tag in self.images.backend, f"no stand-in for backend image tag {tag}"
        return self.images.backend[tag]


# Prometheus stand-in ---------------------------------------------------------------------------


class FakePrometheus:
    """Answers the Prometheus HTTP API's instant query with an empty vector ("no traffic yet",
    which the chart's error-rate analysis counts as success) and records every query it got, so a
    test can check the query Argo Rollouts built from the chart's AnalysisTemplate. For a query
    naming a namespace in ``failing``, it answers a 50 % error rate instead."""

    def __init__(self) -> None:
        queries: list[str] = []
        self.queries = queries
        failing: set[str] = set()
        self.failing = failing

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._answer(parse_qs(urlparse(self.path).query))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._answer(parse_qs(self.rfile.read(length).decode()))

            def _answer(self, params: dict[str, list[str]]) -> None:
                query = " ".join(params.get("query", []))
                queries.append(query)
                result = []
                if any(f'namespace="{ns}"' in query for ns in failing):
                    result = [{"metric": {}, "value": [time.time(), "0.5"]}]
                body = json.dumps(
                    {"status": "success", "data": {"resultType": "vector", "result": result}}
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakePrometheus:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
