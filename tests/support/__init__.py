"""Helpers that start the real processes integration tests run against."""
