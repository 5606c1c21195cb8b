"""User-Agent classification: human or bot, and browser / OS / device type.

Parsing uses ua-parser (the maintained uap-core rules). A click counts as a bot when uap-core calls
the device a ``Spider`` (search crawlers and the link-preview fetchers of Slack, Twitter/X,
Facebook, Discord, WhatsApp, Telegram, LinkedIn…), when the client is an HTTP library or command
line tool (curl, python-requests, Go, …), when the browser is headless, or when the UA is empty.
Bots are flagged, never deleted: they are counted in ``bot`` and in the breakdowns.

uap-core's regexes cost ~0.7 ms per new string, so results are cached per UA string: real traffic
repeats a few thousand strings, and the worker then classifies in microseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ua_parser import parse

UNKNOWN = "Other"

# uap-core names these clients (user_agent.family) but does not call them spiders.
_HTTP_CLIENT_FAMILIES = frozenset(
    {
        "curl",
        "Wget",
        "Python Requests",
        "Python-urllib",
        "Go-http-client",
        "okhttp",
        "Apache-HttpClient",
        "Java",
        "HTTPie",
        "libwww-perl",
        "PhantomJS",
        "HeadlessChrome",
        "aiohttp",
        "axios",
        "node-fetch",
    }
)
# Whatever uap-core misses: well-known words of automated clients.
_BOT_WORDS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|preview|fetcher|externalhit|scanner|monitor|headless"
    r"|python|curl|wget|httpclient|http-client|okhttp|java/|libwww|scrapy|go-http|axios"
    r"|node-fetch|postman|insomnia|httpie|whatsapp|embedly|quora link",
    re.IGNORECASE,
)
_TABLET_WORDS = re.compile(r"ipad|tablet|kindle|silk/|playbook|nexus (7|9|10)", re.IGNORECASE)
_MOBILE_WORDS = re.compile(r"mobile|iphone|ipod|android|blackberry|opera mini|iemobile", re.I)


@dataclass(frozen=True)
class Agent:
    bot: bool
    browser: str
    os: str
    device: str  # "desktop", "mobile", "tablet", "bot" or "other"


def _device(user_agent: str, device_family: str | None, os_family: str | None) -> str:
    if _TABLET_WORDS.search(user_agent) or (
        os_family == "Android" and "mobile" not in user_agent.lower()
    ):
        return "tablet"
    if _MOBILE_WORDS.search(user_agent):
        return "mobile"
    if os_family in {"Windows", "Mac OS X", "Linux", "Ubuntu", "Chrome OS", "Fedora", "FreeBSD"}:
        return "desktop"
    return "other" if device_family in {None, "Other"} else "desktop"


@lru_cache(maxsize=8192)
def classify(user_agent: str) -> Agent:
    """Classify one User-Agent string (cached)."""
    if not user_agent.strip():
        return Agent(bot=True, browser=UNKNOWN, os=UNKNOWN, device="bot")
    result = parse(user_agent)
    browser = result.user_agent.family if result.user_agent else UNKNOWN
    os_family = result.os.family if result.os else UNKNOWN
    device_family = result.device.family if result.device else None
    bot = (
        device_family == "Spider"
        or browser in _HTTP_CLIENT_FAMILIES
        or bool(_BOT_WORDS.search(user_agent))
    )
    if bot:
        return Agent(bot=True, browser=browser, os=os_family, device="bot")
    return Agent(
        bot=False,
        browser=browser,
        os=os_family,
        device=_device(user_agent, device_family, os_family),
    )
