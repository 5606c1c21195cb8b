"""The settings of each concern: the server, the stores, links, account security, rate limits
and clicks. Each section is a model of its own, composed into :class:`flamingo.core.config.Settings`
and handed to the code that needs it (the stores get ``StoreSettings``, the click worker
``ClickSettings``…). A field's environment name is its upper-cased name, whatever its section.

Field descriptions are the README's configuration table (a test keeps them in sync).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

PositiveInt = Annotated[int, Field(gt=0)]
PositiveFloat = Annotated[float, Field(gt=0)]


class Environment(StrEnum):
    DEVELOPMENT = "development"
    STAGING = "staging"
    PRODUCTION = "production"


class Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ServerSettings(Section):
    """The process and what it says about itself: environment, origin, signing key, logs."""

    flamingo_env: Environment = Field(
        Environment.DEVELOPMENT, description="`development`, `staging` or `production`."
    )
    public_base_url: str = Field(
        "http://localhost:8080",
        description="Public origin of short links (no trailing slash); default: the origin "
        "served, `http://localhost:$PORT` (`$HOST` when it is not a loopback or wildcard address).",
    )
    secret_key: SecretStr | None = Field(
        None, description="Key for signing; required outside development (random per start there)."
    )
    max_request_bytes: PositiveInt = Field(
        2 * 1024 * 1024, description="Largest accepted request body (bytes); larger gets 413."
    )
    log_level: str = Field("INFO", description="Log level: DEBUG, INFO, WARNING, ERROR.")
    log_requests: bool = Field(True, description="Log one JSON line per request.")
    google_cloud_project: str | None = Field(
        None, description="GCP project id, used to link log lines to Cloud Trace."
    )
    app_version: str = Field("0.1.0", description="Version reported by `/api/v1/version`.")
    git_commit: str = Field("unknown", description="Commit reported by `/api/v1/version`.")
    build_time: str = Field("unknown", description="Build time reported by `/api/v1/version`.")
    spa_dir: Path | None = Field(
        None,
        description="Serve the built SPA (frontend/dist) at /app/ from this process; set by "
        "`make run` only (Nginx serves it everywhere else).",
    )
    trusted_proxy_count: int = Field(
        0,
        ge=0,
        le=5,
        description="Proxies in front that append `X-Forwarded-For` (0 = use the socket peer).",
    )

    @field_validator("public_base_url")
    @classmethod
    def _origin(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @property
    def is_development(self) -> bool:
        return self.flamingo_env is Environment.DEVELOPMENT


class StoreSettings(Section):
    """MongoDB and Redis: where they are, and how long to wait for them."""

    mongo_uri: SecretStr | None = Field(
        None, description="MongoDB connection string; unset = embedded in-memory store (mongomock)."
    )
    mongo_db: str = Field("flamingo", description="MongoDB database name.")
    mongo_pool_size: PositiveInt = Field(50, description="Max MongoDB connections per process.")
    mongo_timeout_ms: PositiveInt = Field(
        2000, description="MongoDB connect and server-selection timeout (ms)."
    )
    mongo_socket_timeout_ms: PositiveInt = Field(
        5000, description="MongoDB socket (operation) timeout (ms)."
    )
    redis_url: SecretStr | None = Field(
        None, description="Redis URL; unset = embedded in-memory store (fakeredis)."
    )
    redis_timeout_ms: PositiveInt = Field(
        1000, description="Redis connect and socket timeout (ms)."
    )
    redis_health_check_interval: int = Field(
        30, ge=0, description="Seconds between Redis connection health checks (0 = off)."
    )
    readiness_timeout_ms: int = Field(
        500, gt=0, le=500, description="Per-dependency timeout of `/readyz` checks (ms, ≤ 500)."
    )

    @field_validator("mongo_uri")
    @classmethod
    def _mongo_scheme(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(
            ("mongodb://", "mongodb+srv://")
        ):
            raise ValueError("must start with mongodb:// or mongodb+srv://")
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(
            ("redis://", "rediss://", "unix://")
        ):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value

    @property
    def embedded_mongo(self) -> bool:
        return self.mongo_uri is None

    @property
    def embedded_redis(self) -> bool:
        return self.redis_url is None


class LinkSettings(Section):
    """Links, their cache and the redirect hot path (docs/architecture.md), and the URL policy."""

    code_length: int = Field(7, ge=5, le=32, description="Length of random base62 short codes.")
    link_cache_size: int = Field(
        10000, ge=0, description="Hot links each process keeps in memory (0 = no cache)."
    )
    link_cache_ttl_seconds: PositiveFloat = Field(
        60.0, description="Longest a process trusts a cached link (safety net behind pub/sub)."
    )
    link_negative_ttl_seconds: PositiveFloat = Field(
        10.0, description="How long a process remembers that a code does not exist."
    )
    permanent_redirect_max_age: int = Field(
        3600,
        ge=0,
        le=31536000,
        description="`Cache-Control: max-age` of 301/308 redirects (seconds; browsers keep them).",
    )
    allow_private_targets: bool = Field(
        False,
        description="Allow link targets that are private, loopback or link-local IP literals.",
    )
    target_max_length: int = Field(
        2048, ge=32, le=32768, description="Longest accepted link target URL (characters)."
    )
    blocklist_cache_seconds: PositiveInt = Field(
        60,
        description="Lifetime of the Redis copy of the domain blocklist before it is rebuilt "
        "from MongoDB (changes apply at once).",
    )


class SecuritySettings(Section):
    """Accounts and sessions (docs/security.md): who may sign up, passwords, session lifetimes."""

    signup_open: bool = Field(
        True, description="Anyone may sign up; `false` = only admins create users (CLI)."
    )
    password_login: bool = Field(
        True,
        description="Password login and signup; `false` = single sign-on only (needs OIDC).",
    )
    session_idle_seconds: PositiveInt = Field(
        86400, description="A session ends after this many seconds without a request."
    )
    session_absolute_seconds: PositiveInt = Field(
        604800, description="A session ends this many seconds after login, used or not."
    )
    password_min_length: int = Field(
        10, ge=8, le=128, description="Shortest accepted password (characters)."
    )
    password_hash_time_cost: PositiveInt = Field(
        3, description="argon2id iterations; changing it rehashes passwords at next login."
    )
    password_hash_memory_kib: int = Field(
        65536, ge=8, description="argon2id memory per hash (KiB); changes rehash at next login."
    )
    password_hash_parallelism: PositiveInt = Field(4, description="argon2id lanes.")


class RateLimitSettings(Section):
    """The API's rate limits (Flask-Limiter's syntax, checked here)."""

    ratelimit_enabled: bool = Field(True, description="Enforce the API rate limits below.")
    ratelimit_login: str = Field("10/minute", description="Login attempts per client IP.")
    ratelimit_login_email: str = Field("5/minute", description="Login attempts per email address.")
    ratelimit_signup: str = Field("5/hour", description="Signups per client IP.")
    ratelimit_api: str = Field(
        "600/minute", description="Authenticated API requests per token or session user."
    )
    ratelimit_anonymous: str = Field(
        "60/minute", description="Unauthenticated API requests per client IP."
    )
    ratelimit_unlock: str = Field(
        "10/minute", description="Password-unlock attempts per client IP and per link code."
    )
    ratelimit_verify_email: str = Field(
        "5/hour", description="Verification mails a signed-in user may ask for again."
    )

    @field_validator(
        "ratelimit_login",
        "ratelimit_login_email",
        "ratelimit_signup",
        "ratelimit_api",
        "ratelimit_anonymous",
        "ratelimit_unlock",
        "ratelimit_verify_email",
    )
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        from limits import parse_many  # noqa: PLC0415 - Flask-Limiter's own parser

        try:
            parse_many(value)
        except ValueError:
            raise ValueError("must be a rate limit such as 10/minute or 5 per hour") from None
        return value


class ClickSettings(Section):
    """The click pipeline and analytics (docs/architecture.md "Click pipeline")."""

    geo_header: str = Field(
        "X-Client-Geo-Location",
        description="Header with the client country (`REGION[,city]`), set by the load balancer.",
    )
    click_flush_interval_ms: PositiveInt = Field(
        20, description="How often each web process flushes buffered click events to Redis (ms)."
    )
    click_buffer_max: PositiveInt = Field(
        50000,
        description="Click events a web process buffers while Redis is down; more are dropped.",
    )
    worker_batch_size: int = Field(
        1000, ge=1, le=10000, description="Click events the worker folds into one MongoDB batch."
    )
    worker_claim_idle_ms: PositiveInt = Field(
        30000, description="Pending events idle this long (a dead worker's) are reclaimed (ms)."
    )
    worker_metrics_port: int = Field(
        9100,
        ge=0,
        le=65535,
        description="Port of the worker's Prometheus `/metrics` and liveness `/healthz` (0 = off).",
    )
    worker_stall_seconds: PositiveInt = Field(
        60, description="The worker's `/healthz` answers 503 when its loop stalls this long (s)."
    )
    stats_max_days: int = Field(
        731, ge=1, le=3660, description="Longest date range one stats query may ask for (days)."
    )
    click_events_retention_days: int = Field(
        90,
        ge=1,
        le=3660,
        description="Days raw click events (filters, visit log, hourly stats) are kept; "
        "daily counters stay.",
    )
    region_header: str = Field(
        "",
        description="Header with the client's region (e.g. `X-Client-Region-Subdivision`), set "
        "by the load balancer; empty: none recorded.",
    )

    @property
    def retention_days(self) -> int:
        return self.click_events_retention_days
