"""Importers of other link shorteners' list-API answers (``flamingo import --from PEER FILE``).

One module per peer turns the peer's records into :class:`~.records.Row` items (the same create
items ``POST /api/v1/links`` takes, plus the link's history: its creation time and visit count);
:mod:`.runner` creates them (dry run, skip what exists, clashes reported, per-row errors).
"""
