"""Branded domains: the short domains one install serves, and what each does besides links.

The host of ``PUBLIC_BASE_URL`` is the **default domain**: it always exists (settings give it; a
stored document only adds its redirects) and cannot be deleted. Other domains are added by admins.
A link belongs to one domain; its code is unique per domain (index ``domain_code_unique``).

The stored document and the API's shapes: :mod:`flamingo.links.domain`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import idna
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from flamingo.core.problems import field_problem
from flamingo.core.timefmt import now
from flamingo.links.domain import MAX_HOST, Domain

Document = dict[str, Any]
COLLECTION = "domains"
# Names that can never be a public short domain.
_RESERVED_SUFFIXES = (".localhost", ".invalid", ".local", ".internal", ".arpa")


@dataclass(frozen=True, slots=True)
class DomainRoutes:
    """What the redirect needs of a domain."""

    host: str
    default: bool
    root_redirect: str | None = None
    not_found_redirect: str | None = None
    expired_redirect: str | None = None

    @classmethod
    def of(cls, domain: Domain, *, default: bool) -> DomainRoutes:
        return cls(
            host=domain.host,
            default=default,
            root_redirect=domain.root_redirect,
            not_found_redirect=domain.not_found_redirect,
            expired_redirect=domain.expired_redirect,
        )


def default_host_of(public_base_url: str) -> str:
    """The default domain: the host of ``PUBLIC_BASE_URL`` (no port, lower-case)."""
    return (urlsplit(public_base_url).hostname or "").lower()


LOOPBACK = frozenset({"localhost", "127.0.0.1", "[::1]"})


@lru_cache(maxsize=4096)  # the hot path sees a handful of Host headers: parse each once
def request_host(header: str, default_host: str) -> str:
    """The domain a visitor asked for, from a ``Host`` header (port and trailing dot dropped).

    The ``Host`` is taken as the client sent it (ProxyFix trusts no ``X-Forwarded-Host``; the
    Google load balancer and the project's Nginx pass ``Host`` through). On a machine whose
    default domain is a loopback name (``make run``, the tests), every loopback name is that
    domain, so ``127.0.0.1:8080`` and ``localhost:8080`` are one site.
    """
    host = header.strip().lower()
    if host.startswith("["):  # an IPv6 literal: [::1]:8080
        host = host.split("]", 1)[0] + "]"
    elif ":" in host:
        host = host.rsplit(":", 1)[0]
    host = host.rstrip(".")
    if host in LOOPBACK and default_host in LOOPBACK:
        return default_host
    return host


def _invalid(message: str) -> Exception:
    return field_problem(422, "invalid-host", "host", message)


def valid_host(text: str) -> str:
    """A host an admin may add: lower-case IDNA, a dotted name, no IP literal or wildcard."""
    host = text.strip().rstrip(".").lower()
    if not host or any(c in host for c in "/:@[]\\?#* \t"):
        raise _invalid("give a bare host name such as go.example.com (no scheme, port or wildcard)")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        raise _invalid("an IP address cannot be a short domain")
    try:
        encoded = idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        raise _invalid(f"{text!r} is not a valid domain name") from None
    if len(encoded) > MAX_HOST or "." not in encoded:
        raise _invalid("give a fully qualified domain name such as go.example.com")
    if encoded == "localhost" or encoded.endswith(_RESERVED_SUFFIXES):
        raise _invalid(f"{encoded} is a reserved name")
    if encoded.rsplit(".", 1)[-1].isdigit():
        raise _invalid("an IP address cannot be a short domain")
    return encoded


class DomainExists(Exception):  # noqa: N818 - reads as the condition it is
    pass


class DomainRepository:
    def __init__(self, db: Database[Document]) -> None:
        self.collection = db[COLLECTION]

    def get(self, host: str) -> Domain | None:
        doc = self.collection.find_one({"_id": host})
        return None if doc is None else Domain.from_doc(doc)

    def all(self) -> list[Domain]:
        return [Domain.from_doc(doc) for doc in self.collection.find({}).sort("_id", 1)]

    def hosts(self, default_host: str) -> frozenset[str]:
        """Every host we serve: the default one (all loopback names when it is one) and the
        branded ones."""
        hosts = {default_host, *(str(doc["_id"]) for doc in self.collection.find({}, {"_id": 1}))}
        return frozenset(hosts | LOOPBACK if default_host in LOOPBACK else hosts)

    def insert(self, host: str, redirects: Mapping[str, str | None]) -> Domain:
        moment = now()
        domain = Domain.model_validate(
            {**redirects, "host": host, "created_at": moment, "updated_at": moment}
        )
        try:
            self.collection.insert_one(domain.to_doc())
        except DuplicateKeyError:
            raise DomainExists(host) from None
        return domain

    def upsert(self, host: str, changes: Mapping[str, str | None]) -> Domain:
        """Set or unset redirects (by field name; None unsets); creates the document of the
        default domain."""
        moment = now()
        to_set: Document = {k: v for k, v in changes.items() if v is not None}
        to_set["updated_at"] = moment
        update: Document = {"$set": to_set, "$setOnInsert": {"created_at": moment}}
        to_unset = {k: "" for k, v in changes.items() if v is None}
        if to_unset:
            update["$unset"] = to_unset
        self.collection.update_one({"_id": host}, update, upsert=True)
        domain = self.get(host)
        assert domain is not None  # noqa: S101 - just written
        return domain

    def delete(self, host: str) -> bool:
        return self.collection.delete_one({"_id": host}).deleted_count == 1


def target_host(url: str) -> str:
    """The host of an absolute http(s) URL, lower-case, without port or trailing dot — cheap
    enough for the redirect (targets are normalised by the URL policy: ``scheme://host[:port]/``)."""
    netloc = url.split("/", 3)[2] if url.count("/") >= 2 else ""
    netloc = netloc.rpartition("@")[2].lower()
    if netloc.startswith("["):
        return netloc[: netloc.find("]") + 1]
    return netloc.partition(":")[0].rstrip(".")
