"""WSGI entry point: ``gunicorn -c python:flamingo.gunicorn_config flamingo.wsgi:app``."""

from __future__ import annotations

from flamingo.app import create_app
from flamingo.core.config import ConfigError, load_settings
from flamingo.core.startup import exit_with

try:
    app = create_app(load_settings())
except ConfigError as exc:  # a bad setting, also one found while starting (ADMIN_PASSWORD)
    exit_with(exc)
