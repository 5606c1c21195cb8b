"""The append-only audit log: who changed what, when, from where (docs/security.md "Audit log").

Below every domain (it imports only ``core`` and ``http``), so every service can record entries.
"""
