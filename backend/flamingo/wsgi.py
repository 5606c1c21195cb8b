"""WSGI entry point: ``gunicorn -c python:flamingo.gunicorn_config flamingo.wsgi:app``."""

from __future__ import annotations

from flamingo.app import create_app
from flamingo.core.config import ConfigError, load_settings
from flamingo.core.startup import exit_with
from flamingo.core.stores import check_embedded

try:
    _settings = load_settings()
    check_embedded(_settings.stores)
    app = create_app(_settings)
except ConfigError as exc:  # a bad setting, also one found while starting (ADMIN_PASSWORD)
    exit_with(exc)
