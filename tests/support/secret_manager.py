"""An in-process gRPC server that speaks Secret Manager's AccessSecretVersion.

The real ``google-cloud-secret-manager`` client talks to it over an insecure channel, so tests
exercise the same client code production runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent import futures
from contextlib import contextmanager
from typing import Any

import grpc
from google.cloud.secretmanager_v1 import types

METHOD = "/google.cloud.secretmanager.v1.SecretManagerService/AccessSecretVersion"


class FakeSecretManager:
    def __init__(self) -> None:
        self.secrets: dict[str, bytes] = {}
        self.denied: set[str] = set()
        self.requests: list[str] = []

    def _access(self, request: Any, context: grpc.ServicerContext) -> Any:
        self.requests.append(request.name)
        if request.name in self.denied:
            context.abort(grpc.StatusCode.PERMISSION_DENIED, "caller lacks secretAccessor")
        if request.name not in self.secrets:
            context.abort(grpc.StatusCode.NOT_FOUND, f"Secret [{request.name}] not found")
        return types.AccessSecretVersionResponse(
            name=request.name, payload=types.SecretPayload(data=self.secrets[request.name])
        )

    def handler(self) -> grpc.GenericRpcHandler:
        service = self

        class _Handler(grpc.GenericRpcHandler):
            def service(self, details: grpc.HandlerCallDetails) -> grpc.RpcMethodHandler | None:
                if details.method != METHOD:  # type: ignore[attr-defined]
                    return None
                return grpc.unary_unary_rpc_method_handler(
                    service._access,
                    request_deserializer=types.AccessSecretVersionRequest.deserialize,
                    response_serializer=types.AccessSecretVersionResponse.serialize,
                )

        return _Handler()


@contextmanager
def running_secret_manager() -> Iterator[tuple[FakeSecretManager, str]]:
    fake = FakeSecretManager()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    server.add_generic_rpc_handlers((fake.handler(),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        yield fake, f"127.0.0.1:{port}"
    finally:
        server.stop(grace=None)
