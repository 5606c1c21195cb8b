"""The Standard Webhooks wire format (https://www.standardwebhooks.com): headers and signature.

``webhook-signature`` is ``v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`` keyed with the
bytes the secret's base64 (after ``whsec_``) encodes. After a rotation the header carries one
signature per valid secret, space-separated, as the specification allows: receivers that still
hold the old secret keep verifying for 24 hours.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from flamingo.core.timefmt import iso
from flamingo.webhooks.hook import SECRET_PREFIX


def key_of(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature(secret: str, msg_id: str, timestamp: int, body: str) -> str:
    signed = f"{msg_id}.{timestamp}.{body}".encode()
    digest = hmac.new(key_of(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secrets: Sequence[str], msg_id: str, timestamp: int, body: str) -> dict[str, str]:
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(signature(s, msg_id, timestamp, body) for s in secrets),
        "content-type": "application/json",
        "user-agent": "Flamingo-Webhooks/1",
    }


def body(event_type: str, at: datetime, data: Mapping[str, Any]) -> str:
    """The payload: ``{"type", "timestamp", "data"}``, compact JSON (the exact signed text)."""
    return json.dumps(
        {"type": event_type, "timestamp": iso(at), "data": data},
        separators=(",", ":"),
        ensure_ascii=False,
    )
