"""Resolution of configuration values that live outside the environment.

Two indirections are supported, both resolved once at start-up:

* ``sm://projects/P/secrets/NAME/versions/V`` — read from Google Secret Manager with the official
  client (Application Default Credentials; Workload Identity on GKE).
* ``NAME_FILE=/path`` — read from a mounted file (Docker / Kubernetes secrets).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Protocol

SM_PREFIX = "sm://"
_SM_REF = re.compile(r"^sm://(projects/[^/\s]+/secrets/[^/\s]+/versions/[^/\s]+)$")
# Network calls at start-up must never hang the process: a bad reference has to fail fast.
SECRET_TIMEOUT_SECONDS = 5.0
EMULATOR_ENV = "SECRET_MANAGER_EMULATOR_HOST"


class SecretError(Exception):
    """A secret reference that could not be resolved; the message is safe to print."""


class _Payload(Protocol):
    data: bytes


class _Response(Protocol):
    payload: _Payload


class SecretClient(Protocol):
    def access_secret_version(
        self, *, request: dict[str, str], timeout: float, retry: None
    ) -> _Response: ...


def is_reference(value: str) -> bool:
    return value.startswith(SM_PREFIX)


def _strip_newline(value: str) -> str:
    # Secrets created with `echo` or editors end with a newline that is never part of the value.
    return value.removesuffix("\n").removesuffix("\r")


def read_secret_file(path: str) -> str:
    try:
        return _strip_newline(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SecretError(f"cannot read file {path}: {exc.strerror or exc}") from None


def default_client() -> SecretClient:
    """The real client: ADC normally, an insecure channel when an emulator is named."""
    from google.cloud import secretmanager  # noqa: PLC0415 - heavy import, only when needed

    emulator = os.environ.get(EMULATOR_ENV)
    if emulator:
        import grpc  # noqa: PLC0415
        from google.cloud.secretmanager_v1.services.secret_manager_service.transports import (  # noqa: PLC0415
            SecretManagerServiceGrpcTransport,
        )

        transport = SecretManagerServiceGrpcTransport(channel=grpc.insecure_channel(emulator))
        return secretmanager.SecretManagerServiceClient(transport=transport)
    return secretmanager.SecretManagerServiceClient()


class SecretResolver:
    """Resolves ``sm://`` references, creating the client only if one is needed."""

    def __init__(self, client: SecretClient | None = None) -> None:
        self._client = client

    def resolve(self, reference: str) -> str:
        match = _SM_REF.match(reference)
        if not match:
            raise SecretError(
                "malformed Secret Manager reference "
                "(expected sm://projects/P/secrets/NAME/versions/V)"
            )
        name = match.group(1)
        return _strip_newline(self._access(name))

    def _access(self, name: str) -> str:
        from google.api_core import exceptions as gexc  # noqa: PLC0415
        from google.auth import exceptions as auth_exc  # noqa: PLC0415

        try:
            if self._client is None:
                self._client = default_client()
            response = self._client.access_secret_version(
                request={"name": name}, timeout=SECRET_TIMEOUT_SECONDS, retry=None
            )
        except auth_exc.DefaultCredentialsError:
            raise SecretError(
                f"no Google credentials to read {name} (set up Application Default Credentials "
                "or Workload Identity)"
            ) from None
        except gexc.NotFound:
            raise SecretError(f"secret {name} not found") from None
        except gexc.PermissionDenied:
            raise SecretError(f"permission denied reading {name}") from None
        except gexc.GoogleAPICallError as exc:
            raise SecretError(f"Secret Manager refused {name}: {exc.message}") from None
        except gexc.RetryError:
            raise SecretError(f"Secret Manager did not answer for {name}") from None
        except auth_exc.GoogleAuthError as exc:
            raise SecretError(f"Google authentication failed for {name}: {exc}") from None
        try:
            return response.payload.data.decode("utf-8")
        except UnicodeDecodeError:
            raise SecretError(f"secret {name} is not UTF-8 text") from None
