"""Reading this process's Prometheus samples through the client's public registry API."""

from __future__ import annotations

from prometheus_client import REGISTRY
from prometheus_client.metrics import MetricWrapperBase


def _name(metric: MetricWrapperBase) -> str:
    return metric.describe()[0].name


def counter(metric: MetricWrapperBase, **labels: str) -> float:
    """A counter's value (0 before its first increment)."""
    return REGISTRY.get_sample_value(f"{_name(metric)}_total", labels) or 0.0


def gauge(metric: MetricWrapperBase, **labels: str) -> float:
    return REGISTRY.get_sample_value(_name(metric), labels) or 0.0


def histogram_sum(metric: MetricWrapperBase, **labels: str) -> float:
    return REGISTRY.get_sample_value(f"{_name(metric)}_sum", labels) or 0.0
