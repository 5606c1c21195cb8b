"""The data of :mod:`bench.events.stats`: one link's click events in ``ClickEvent``'s stored shape
(what the worker writes), with skewed countries, referrers, agents and languages, inserted straight
into FerretDB, which keeps its state in a folder that outlives the run (generation of a million
events takes minutes; the bench reuses it)."""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from datetime import time as dtime
from typing import Any

from flamingo.links.repository import LinkRepository
from flamingo.stats.events import COLLECTION
from flamingo.stats.eventstore import event_oid

COUNTRIES = ["US", "DE", "GB", "FR", "IN", "BR", "JP", "CA", "NL", "ES", "IT", ""]
REFERRERS = ["", "t.co", "news.ycombinator.com", "www.google.com", "l.facebook.com"] + [
    f"blog{i}.example.com" for i in range(20)
]
# (browser, os, device, bot)
AGENTS = [
    ("Chrome", "Windows", "desktop", False),
    ("Mobile Safari", "iOS", "mobile", False),
    ("Chrome Mobile", "Android", "mobile", False),
    ("Safari", "Mac OS X", "desktop", False),
    ("Firefox", "Ubuntu", "desktop", False),
    ("Edge", "Windows", "desktop", False),
    ("Mobile Safari", "iOS", "tablet", False),
    ("Twitterbot", "Other", "bot", True),
    ("Slackbot-LinkExpanding", "Other", "bot", True),
    ("curl", "Other", "bot", True),
]
LANGUAGES = ["en", "de", "fr", "es", "", "ja", "pt", "nl"]
SOURCES = ["news", "mail", "twitter", "partner"]
MEDIUMS = ["social", "email", "cpc"]
CAMPAIGNS = ["launch", "winter", "retarget"]


def insert_link(db: Any, owner: str) -> str:
    """A link document as the API stores it (its workspace: the owner's own)."""
    now = datetime.now(UTC)
    doc = {
        "code": "bench",
        "domain": "localhost",
        "owner_id": owner,
        "workspace_id": owner,
        "target": "https://example.com/",
        "title": "bench",
        "tags": [],
        "redirect_status": 302,
        "disabled": False,
        "created_at": now,
        "updated_at": now,
    }
    return str(LinkRepository(db).collection.insert_one(doc).inserted_id)


def _zipf(values: list[Any]) -> list[float]:
    return [1 / (rank + 1) for rank in range(len(values))]


def make_documents(
    rng: random.Random, plan: Generation, start: int, count: int, span: tuple[float, float]
) -> list[dict[str, Any]]:
    """``count`` events of one link in ``ClickEvent``'s stored shape, at random times in
    ``span`` (POSIX seconds); ``start`` numbers their stream entry ids."""
    countries = rng.choices(COUNTRIES, _zipf(COUNTRIES), k=count)
    referrers = rng.choices(REFERRERS, _zipf(REFERRERS), k=count)
    agents = rng.choices(AGENTS, [30, 20, 15, 10, 5, 4, 3, 6, 4, 3], k=count)
    languages = rng.choices(LANGUAGES, _zipf(LANGUAGES), k=count)
    docs = []
    for n in range(count):
        seconds = rng.uniform(*span)
        at = datetime.fromtimestamp(int(seconds * 1000) / 1000, UTC)
        browser, os_name, device, bot = agents[n]
        doc: dict[str, Any] = {
            "_id": event_oid(at, f"{int(seconds * 1000)}-{start + n}"),
            "at": at,
            "link_id": plan.link_id,
            "workspace_id": plan.workspace_id,
            "domain": "localhost",
            "code": "bench",
            "country": countries[n],
            "referrer": referrers[n],
            "browser": browser,
            "os": os_name,
            "device": device,
            "bot": bot,
            "language": languages[n],
            # A visitor key per day (the real one is an HMAC of the day's salt): ~3 clicks each.
            "visitor": f"{rng.randrange(max(count // 3, 1)):032x}" if not bot else "",
        }
        if rng.random() < 0.3:
            doc["utm_source"] = rng.choice(SOURCES)
            doc["utm_medium"] = rng.choice(MEDIUMS)
            doc["utm_campaign"] = rng.choice(CAMPAIGNS)
        if rng.random() < 0.1:
            doc["rule"] = rng.randrange(3)
        docs.append(doc)
    return docs


def load() -> float:
    """The 1-minute load average, printed beside every figure (the machine is shared)."""
    return round(os.getloadavg()[0], 2)


@dataclass
class Generation:
    """What ``generate`` writes: one link's events, ``batch`` per ``insert_many``."""

    link_id: str
    workspace_id: str
    total: int
    batch: int
    first: date


def generate(
    db: Any, plan: Generation, checkpoints: list[int], on_checkpoint: Callable[[int], None]
) -> float:
    """Insert the events; at each checkpoint (an event count) call ``on_checkpoint``. Returns
    the seconds spent inserting."""
    rng = random.Random(18)
    span = (datetime.combine(plan.first, dtime(), UTC).timestamp(), datetime.now(UTC).timestamp())
    spent, inserted = 0.0, 0
    pending = sorted(c for c in checkpoints if c < plan.total)
    while inserted < plan.total:
        step = min(plan.batch, plan.total - inserted, (pending or [plan.total])[0] - inserted)
        docs = make_documents(rng, plan, inserted, step, span)
        started = time.perf_counter()
        db[COLLECTION].insert_many(docs, ordered=False)
        spent += time.perf_counter() - started
        inserted += step
        if inserted % 100_000 < step:
            print(f"  {inserted:,} events ({inserted / spent:,.0f}/s inserted, load {load()})",
                  file=sys.stderr, flush=True)  # fmt: skip
        if pending and inserted == pending[0]:
            pending.pop(0)
            on_checkpoint(inserted)
    return spent
