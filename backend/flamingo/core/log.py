"""JSON log lines with Cloud Logging field names (``severity``, ``time``, ``message``).

structlog renders every record — the app's own and the standard library's (gunicorn, werkzeug) —
so that one log line is always one JSON object.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import structlog
from structlog.typing import EventDict, WrappedLogger

_SEVERITY = {
    "debug": "DEBUG",
    "info": "INFO",
    "warning": "WARNING",
    "warn": "WARNING",
    "error": "ERROR",
    "exception": "ERROR",
    "critical": "CRITICAL",
}


def _cloud_fields(_: WrappedLogger, method: str, event: EventDict) -> EventDict:
    level = event.pop("level", method)
    event["severity"] = _SEVERITY.get(str(level).lower(), "DEFAULT")
    event["message"] = event.pop("event", "")
    event.pop("color_message", None)  # set by some servers for terminals; noise in JSON
    return event


def _processors() -> list[Any]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True, key="time"),
        structlog.processors.format_exc_info,
        _cloud_fields,
    ]


def json_formatter() -> logging.Formatter:
    """A stdlib formatter rendering JSON lines; usable from ``logging.config.dictConfig``."""
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_processors()[:-1],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            _cloud_fields,
            structlog.processors.JSONRenderer(),
        ],
    )


def configure_logging(level: str = "INFO") -> None:
    """Route structlog and the standard library through one JSON handler on stderr."""
    structlog.configure(
        processors=[
            *_processors()[:-1],
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(json_formatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # werkzeug's own request lines duplicate ours.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


def get_logger(name: str) -> Any:
    return structlog.stdlib.get_logger(name)
