"""OIDC single sign-on, the relying party: discovery, the authorization request (code + PKCE
S256, ``state`` and ``nonce``), the code exchange and ID token verification. No Flask here
but :meth:`OidcClient.build` (the app's one instance).

Authlib's lower-level client (``authlib.integrations.requests_client.OAuth2Session``) builds the
authorization URL with the PKCE challenge and exchanges the code; the ID token is verified with
``joserfc`` (Authlib's JOSE library; ``authlib.jose`` is deprecated in its favour). Authlib's Flask
integration is not used: it keeps ``state`` in Flask's cookie session, which this service never
opens (sessions live in Redis). Here a flow is a Redis entry under the SHA-256 of a random id
that only the browser's ``flamingo_oidc`` cookie holds, taken with ``GETDEL``: every flow is
single use, whatever its outcome.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any, cast

import redis
import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from flask import Flask
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from flamingo.core import context
from flamingo.core.config import Settings
from flamingo.core.config_identity import OidcSettings

_FLOW_KEY = "flamingo:oidc:flow:"
_NONCE_KEY = "flamingo:oidc:nonce:"
HTTP_TIMEOUT = 5.0
METADATA_SECONDS = 3600.0  # discovery and JWKS are re-read hourly, and on an unknown key id
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
LEEWAY_SECONDS = 60  # clock skew accepted on exp / iat / nbf


class OidcError(Exception):
    """A sign-in that cannot go on; ``code`` is the stable slug the SPA shows a message for."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Identity:
    """Who the provider says signed in (only from a verified ID token)."""

    issuer: str
    subject: str
    email: str
    name: str | None


@dataclass(frozen=True)
class Metadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


_lock = threading.Lock()
_metadata: dict[str, tuple[float, Metadata]] = {}
_keys: dict[str, tuple[float, KeySet]] = {}


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _get_json(url: str) -> dict[str, Any]:
    try:
        answer = requests.get(url, timeout=HTTP_TIMEOUT)
        answer.raise_for_status()
        body = answer.json()
    except (requests.RequestException, ValueError) as exc:
        raise OidcError(
            "provider-unavailable", f"the sign-in provider cannot be reached ({type(exc).__name__})"
        ) from None
    if not isinstance(body, dict):
        raise OidcError("provider-unavailable", "the sign-in provider answered something odd")
    return body


def forget_provider_cache() -> None:
    """Drop the cached discovery documents and key sets (tests; key rotation is automatic)."""
    with _lock:
        _metadata.clear()
        _keys.clear()


def client_for(settings: Settings, client: redis.Redis) -> OidcClient:
    """The relying party of these settings (its section, and the callback on our origin)."""
    return OidcClient(settings.oidc, settings.oidc_callback_url, client)


class OidcClient:
    """The relying party: one per app (``context.service(OidcClient)``) when OIDC is on."""

    def __init__(self, settings: OidcSettings, callback_url: str, client: redis.Redis) -> None:
        if settings.oidc_issuer is None or settings.oidc_client_id is None:
            raise OidcError("not-configured", "single sign-on is not configured")
        self.settings = settings
        self.callback_url = callback_url
        self.redis = client
        self.issuer = settings.oidc_issuer
        self.client_id = settings.oidc_client_id
        secret = settings.oidc_client_secret
        self.client_secret = secret.get_secret_value() if secret else ""

    @classmethod
    def build(cls, app: Flask) -> OidcClient:
        return client_for(context.settings_of(app), context.stores_of(app).redis)

    # --- the provider ------------------------------------------------------------------------

    def metadata(self) -> Metadata:
        """The discovery document of the issuer, whose ``issuer`` must be ours exactly."""
        with _lock:
            cached = _metadata.get(self.issuer)
        if cached and time.monotonic() - cached[0] < METADATA_SECONDS:
            return cached[1]
        body = _get_json(f"{self.issuer}/.well-known/openid-configuration")
        try:
            found = Metadata(
                issuer=str(body["issuer"]),
                authorization_endpoint=str(body["authorization_endpoint"]),
                token_endpoint=str(body["token_endpoint"]),
                jwks_uri=str(body["jwks_uri"]),
            )
        except KeyError as exc:
            raise OidcError("provider-unavailable", f"discovery lacks {exc.args[0]}") from None
        if found.issuer.rstrip("/") != self.issuer:
            raise OidcError("provider-misconfigured", "discovery names another issuer")
        with _lock:
            _metadata[self.issuer] = (time.monotonic(), found)
        return found

    def _key_set(self, *, refresh: bool = False) -> KeySet:
        uri = self.metadata().jwks_uri
        with _lock:
            cached = _keys.get(uri)
        if cached and not refresh and time.monotonic() - cached[0] < METADATA_SECONDS:
            return cached[1]
        try:
            keys = KeySet.import_key_set(cast("Any", _get_json(uri)))
        except (JoseError, ValueError, TypeError, KeyError):
            raise OidcError(
                "provider-misconfigured", "the provider's key set is unusable"
            ) from None
        with _lock:
            _keys[uri] = (time.monotonic(), keys)
        return keys

    # --- the flow ----------------------------------------------------------------------------

    def begin(self, return_to: str = "/") -> tuple[str, str]:
        """Start a sign-in: ``(flow_id, authorization URL)``. The flow id goes into the browser's
        cookie; ``state``, ``nonce``, the PKCE verifier and where the SPA returns to after the
        sign-in (``return_to``, a path the caller checked) stay in Redis."""
        endpoint = self.metadata().authorization_endpoint
        flow_id = secrets.token_urlsafe(32)
        flow = {
            "state": secrets.token_urlsafe(32),
            "nonce": secrets.token_urlsafe(32),
            "verifier": generate_token(64),
            "return_to": return_to,
        }
        self.redis.set(
            _FLOW_KEY + _digest(flow_id), json.dumps(flow), ex=self.settings.oidc_flow_seconds
        )
        session = self._session()
        url, _ = session.create_authorization_url(
            endpoint,
            state=flow["state"],
            nonce=flow["nonce"],
            code_challenge=create_s256_code_challenge(flow["verifier"]),
            code_challenge_method="S256",
        )
        return flow_id, url

    def _session(self) -> OAuth2Session:
        return OAuth2Session(
            client_id=self.client_id,
            client_secret=self.client_secret,
            scope=self.settings.oidc_scopes,
            redirect_uri=self.callback_url,
            token_endpoint_auth_method="client_secret_basic",  # noqa: S106 - a method name
        )

    def take_flow(self, flow_id: str | None) -> dict[str, str]:
        """The flow of this cookie value (``state``, ``nonce``, ``verifier``), removed as read."""
        if not flow_id or len(flow_id) > 128:
            raise OidcError("flow-expired", "the sign-in expired or was already used; start again")
        raw = cast("str | None", self.redis.getdel(_FLOW_KEY + _digest(flow_id)))
        if raw is None:
            raise OidcError("flow-expired", "the sign-in expired or was already used; start again")
        flow: dict[str, str] = json.loads(raw)
        return flow

    def finish(
        self, flow_id: str | None, state: str | None, code: str | None, error: str | None = None
    ) -> tuple[Identity, str]:
        """The callback: check ``state``, exchange ``code``, verify the ID token and the email;
        the identity and the flow's ``return_to``."""
        flow = self.take_flow(flow_id)  # consumed whatever happens next
        if not state or not secrets.compare_digest(state.encode(), flow["state"].encode()):
            raise OidcError("state-mismatch", "the sign-in answer does not belong to this browser")
        if error:
            raise OidcError("provider-refused", f"the provider refused the sign-in ({error[:64]})")
        if not code:
            raise OidcError("invalid-callback", "the provider sent no authorization code")
        id_token = self.exchange(code, flow["verifier"])
        claims = self.verify_id_token(id_token, nonce=flow["nonce"])
        self.spend_nonce(flow["nonce"])
        return self.identity(claims), flow.get("return_to", "/")

    def exchange(self, code: str, verifier: str) -> str:
        """The ID token for ``code`` (authenticated with the client secret, PKCE verifier)."""
        try:
            token = self._session().fetch_token(
                self.metadata().token_endpoint,
                grant_type="authorization_code",
                code=code,
                code_verifier=verifier,
                timeout=HTTP_TIMEOUT,
            )
        except OAuthError as exc:
            raise OidcError(
                "code-exchange-failed", f"the provider refused the code ({exc.error})"
            ) from None
        except (requests.RequestException, ValueError) as exc:
            raise OidcError(
                "provider-unavailable", f"the token exchange failed ({type(exc).__name__})"
            ) from None
        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise OidcError("invalid-id-token", "the provider sent no ID token")
        return id_token

    def spend_nonce(self, nonce: str) -> None:
        """A nonce is good for one sign-in: a second ID token carrying it is a replay."""
        fresh = self.redis.set(
            _NONCE_KEY + _digest(nonce), "1", nx=True, ex=self.settings.oidc_flow_seconds + 3600
        )
        if not fresh:
            raise OidcError("nonce-replayed", "this sign-in answer was already used")

    # --- the ID token ------------------------------------------------------------------------

    def verify_id_token(self, id_token: str, *, nonce: str | None) -> dict[str, Any]:
        """The claims of a valid ID token: signature (JWKS), ``iss``, ``aud`` (and ``azp``),
        ``exp``/``iat``, ``sub``, and ``nonce`` when one was sent (the callback always sends one;
        ``None`` only for tokens obtained outside a browser flow)."""
        try:
            token = self._decode(id_token)
            wanted: dict[str, Any] = {
                "iss": {"essential": True, "value": self.metadata().issuer},
                "aud": {"essential": True, "value": self.client_id},
                "exp": {"essential": True},
                "iat": {"essential": True},
                "sub": {"essential": True},
            }
            if nonce is not None:
                wanted["nonce"] = {"essential": True, "value": nonce}
            jwt.JWTClaimsRegistry(leeway=LEEWAY_SECONDS, **wanted).validate(token.claims)
        except JoseError as exc:
            raise OidcError(
                "invalid-id-token", f"the ID token is not valid ({exc.error})"
            ) from None
        except ValueError:
            raise OidcError("invalid-id-token", "the ID token is malformed") from None
        claims: dict[str, Any] = dict(token.claims)
        audience = claims.get("aud")
        if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != self.client_id:
            raise OidcError("invalid-id-token", "the ID token was issued to another client")
        return claims

    def _decode(self, id_token: str) -> jwt.Token:
        try:
            return jwt.decode(id_token, self._key_set(), algorithms=ALGORITHMS)
        except JoseError:
            # Perhaps the provider rotated its keys since we cached them: read them once more.
            return jwt.decode(id_token, self._key_set(refresh=True), algorithms=ALGORITHMS)

    def identity(self, claims: dict[str, Any]) -> Identity:
        """The verified email (``email_verified`` true) in an allowed domain."""
        email = claims.get("email")
        if not isinstance(email, str) or "@" not in email:
            raise OidcError("email-missing", "the provider did not share an email address")
        verified = claims.get("email_verified")
        if verified is not True and str(verified).lower() != "true":
            raise OidcError("email-unverified", "the provider has not verified this email")
        domain = email.rsplit("@", 1)[1].strip().lower()
        allowed = self.settings.oidc_domains
        if "*" not in allowed and domain not in allowed:
            raise OidcError("domain-not-allowed", f"accounts of {domain} may not sign in here")
        name = claims.get("name")
        return Identity(
            issuer=str(claims["iss"]),
            subject=str(claims["sub"]),
            email=email.strip().lower(),
            name=name if isinstance(name, str) else None,
        )
