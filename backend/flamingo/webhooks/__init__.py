"""Signed webhooks (Standard Webhooks): per-workspace hooks, the event outbox, the delivery
worker. See docs/architecture.md ("Webhooks") and docs/operations.md."""
