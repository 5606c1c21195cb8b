"""``flamingo`` command line: admin tasks that run next to the web processes."""

from __future__ import annotations

import click

from flamingo.config import ConfigError, Settings, load_settings
from flamingo.indexes import ensure_indexes
from flamingo.log import configure_logging
from flamingo.startup import exit_with
from flamingo.stores import open_stores


def _settings() -> Settings:
    try:
        settings = load_settings()
    except ConfigError as exc:
        exit_with(exc)
    configure_logging(settings.log_level)
    return settings


@click.group()
def main() -> None:
    """Flamingo administration."""


@main.command("check-config")
def check_config() -> None:
    """Load and validate every setting (resolving secrets), then exit 0."""
    _settings()
    click.echo("configuration OK")


@main.command("ensure-indexes")
def ensure_indexes_command() -> None:
    """Create the MongoDB indexes (idempotent)."""
    stores = open_stores(_settings())
    for name in ensure_indexes(stores.db):
        click.echo(f"index ok: {name}")


@main.command("worker")
def worker_command() -> None:
    """Run the click worker: fold the Redis click stream into MongoDB (stops on SIGTERM)."""
    from flamingo import worker  # noqa: PLC0415 - keeps the other commands light

    settings = _settings()
    if settings.embedded_mongo or settings.embedded_redis:
        exit_with(
            ConfigError(
                "MONGO_URI" if settings.embedded_mongo else "REDIS_URL",
                "the worker needs real MongoDB and Redis (embedded stores run it inside the app)",
            )
        )
    worker.serve(settings, open_stores(settings))


if __name__ == "__main__":
    main()
