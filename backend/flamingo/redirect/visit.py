"""The facts of one visit that a redirect decision may depend on, computed only when asked.

A plain link asks for none of them, so its redirect parses nothing: the User-Agent is classified
(with the worker's cached classifier) only for a rule on device or OS, ``Accept-Language`` only
for a rule on language, the query string only for a rule on query parameters, and the visitor
number only for a split.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qs

from flamingo.clicks.useragents import classify
from flamingo.links.rules import visitor_number

# uap-core OS families → the contract's names
_OS_NAMES = {
    "iOS": "ios",
    "iPadOS": "ios",
    "Android": "android",
    "Windows": "windows",
    "Mac OS X": "macos",
    "macOS": "macos",
    "Linux": "linux",
    "Ubuntu": "linux",
    "Fedora": "linux",
    "Debian": "linux",
    "Chrome OS": "linux",
}
MAX_LANGUAGES = 20


@lru_cache(maxsize=4096)  # browsers send a few distinct headers: parse each once per process
def accepted_languages(header: str) -> frozenset[str]:
    """Primary subtags the visitor accepts (q > 0), e.g. ``de-CH, fr;q=0.5, *;q=0.1`` →
    ``{"de", "fr"}``; the wildcard names no language, so it matches no language rule."""
    languages: set[str] = set()
    for part in header.split(",")[:MAX_LANGUAGES]:
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().split("-", 1)[0].lower()
        if not primary or primary == "*" or not primary.isalpha():
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            languages.add(primary)
    return frozenset(languages)


class Visit:
    __slots__ = (
        "_languages",
        "_params",
        "accept_language",
        "address",
        "country",
        "key",
        "now",
        "query_string",
        "unlocked",
        "user_agent",
    )

    def __init__(
        self,
        now: float,
        *,
        unlocked: bool = False,
        user_agent: str = "",
        accept_language: str = "",
        country: str = "",
        query_string: str = "",
        address: str = "",
        key: bytes = b"",
    ) -> None:
        self.now = now
        self.unlocked = unlocked
        self.user_agent = user_agent
        self.accept_language = accept_language
        self.country = country.upper()
        self.query_string = query_string
        self.address = address
        self.key = key
        self._languages: frozenset[str] | None = None
        self._params: dict[str, list[str]] | None = None

    def device(self) -> str:
        device = classify(self.user_agent).device
        return device if device != "other" else "desktop"

    def os(self) -> str:
        return _OS_NAMES.get(classify(self.user_agent).os, "other")

    def languages(self) -> frozenset[str]:
        if self._languages is None:
            self._languages = accepted_languages(self.accept_language)
        return self._languages

    def params(self) -> dict[str, list[str]]:
        if self._params is None:
            query = self.query_string
            self._params = parse_qs(query, keep_blank_values=True) if query else {}
        return self._params

    def visitor(self) -> int:
        return visitor_number(self.key, self.address, self.user_agent)

    def unlocked_copy(self) -> Visit:
        copy = Visit(self.now, unlocked=True)
        for name in ("user_agent", "accept_language", "country", "query_string", "address", "key"):
            setattr(copy, name, getattr(self, name))
        return copy
