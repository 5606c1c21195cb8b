"""The URL safety policy for link targets: one pure function, plus the app-bound entry point.

:func:`evaluate` needs no app (tests call it directly); :func:`check_target` reads the settings
and the domain blocklist of the running app. Every refusal is a 422 problem with its own ``type``.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from urllib.parse import SplitResult, quote, urlsplit, urlunsplit

import idna

from flamingo.core import context
from flamingo.core.config_sections import LinkSettings
from flamingo.core.problems import Problem, field_problem
from flamingo.links.cache import own_hosts_of

ALLOWED_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
MIN_LENGTH = len("http://a.bc")
# Host names that reach the platform itself rather than the internet.
_INTERNAL_NAMES = ("localhost", "metadata", "metadata.google.internal")
_INTERNAL_SUFFIXES = (".localhost", ".internal", ".local")
# Ranges Python's ``is_private`` misses but that are still not the public internet.
_EXTRA_BLOCKED = (ipaddress.ip_network("100.64.0.0/10"), ipaddress.ip_network("192.0.0.0/24"))
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\s]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)
# Characters left alone when percent-encoding the path, query and fragment.
_SAFE = "/?#[]@!$&'()*+,;=:%~-._"

Blocklist = Callable[[list[str]], str | None]


@dataclass(frozen=True)
class Policy:
    own_hosts: tuple[str, ...] = ()  # the default domain: it and its subdomains are refused
    served_hosts: frozenset[str] = frozenset()  # every host we serve: refused exactly
    allow_private: bool = False
    max_length: int = 2048
    blocked: Blocklist | None = None  # suffixes of the host → the blocked entry, if any


def refuse(slug: str, detail: str) -> Problem:
    return field_problem(422, slug, "target", detail)


def _check_text(url: str, max_length: int) -> None:
    if not url:
        raise refuse("target-missing", "the target URL is empty")
    if len(url) > max_length:
        raise refuse("target-too-long", f"the target URL is longer than {max_length} characters")
    if _CONTROL_OR_SPACE.search(url):
        raise refuse(
            "target-invalid-characters", "the target URL contains whitespace or control characters"
        )
    if len(url) < MIN_LENGTH:
        raise refuse("target-not-absolute", "the target must be an absolute http(s) URL")


def _check_scheme(url: str) -> None:
    match = _SCHEME.match(url)
    if match is None:
        raise refuse("target-not-absolute", "the target must be an absolute http(s) URL")
    if match.group(1).lower() not in ALLOWED_SCHEMES:
        raise refuse(
            "target-scheme-not-allowed",
            f"only http and https targets are allowed, not {match.group(1).lower()}:",
        )


def _ascii_host(host: str) -> str:
    """Lower-case, IDN → punycode (UTS #46); raises the invalid-host problem."""
    host = host.rstrip(".").lower()
    if not host or ".." in host:
        raise refuse("target-invalid-host", "the target has no valid host name")
    try:
        encoded = idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        raise refuse("target-invalid-host", "the target host is not a valid domain name") from None
    if len(encoded) > 253:
        raise refuse("target-invalid-host", "the target host name is too long")
    return encoded


def _numeric_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """A host that browsers would read as IPv4 (``2130706433``, ``0x7f.1``, ``0177.0.0.1``…)."""
    labels = host.split(".")
    if not _NUMERIC_LABEL.match(labels[-1]):
        return None
    try:
        packed = socket.inet_aton(host)
    except OSError:
        raise refuse("target-invalid-host", "the target host is not a valid IPv4 address") from None
    address = ipaddress.IPv4Address(packed)
    if str(address) != host:
        raise refuse(
            "target-ip-nonstandard",
            "write IPv4 targets as four decimal numbers (no decimal, octal or hex forms)",
        )
    return address


def _is_internal_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or any(address in net for net in _EXTRA_BLOCKED if net.version == address.version)
    )


def internal_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Private, loopback, link-local, metadata… : what ``allow_private`` decides about (the
    webhooks check every address a receiver's name resolves to with it)."""
    return _is_internal_address(address)


def _check_private(
    host: str, address: ipaddress.IPv4Address | ipaddress.IPv6Address | None
) -> None:
    if address is not None:
        if _is_internal_address(address):
            raise refuse(
                "target-private-address",
                "targets in private, loopback, link-local or metadata address ranges are refused",
            )
        return
    if host in _INTERNAL_NAMES or host.endswith(_INTERNAL_SUFFIXES) or "." not in host:
        raise refuse("target-private-address", f"{host} is an internal host name, not a public one")


def _host_and_address(
    raw_host: str,
) -> tuple[str, ipaddress.IPv4Address | ipaddress.IPv6Address | None]:
    if raw_host.startswith("["):
        try:
            v6 = ipaddress.IPv6Address(raw_host[1:-1].split("%", maxsplit=1)[0])
        except ValueError:
            raise refuse("target-invalid-host", "the target's IPv6 address is invalid") from None
        if "%" in raw_host:
            raise refuse("target-invalid-host", "IPv6 zone identifiers are not allowed")
        return f"[{v6.compressed}]", v6
    host = _ascii_host(raw_host)
    return host, _numeric_ipv4(host)


def _matches_own(host: str, own_hosts: Iterable[str]) -> bool:
    return any(host == own or host.endswith("." + own) for own in own_hosts)


def _suffixes(host: str) -> list[str]:
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels))]


def _split(url: str) -> tuple[SplitResult, int | None, str]:
    """The parts, the port and the raw host (IPv6 keeps its brackets) of an http(s) URL."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced or invalid [IPv6] literal
        raise refuse("target-invalid-host", "the target's host is malformed") from None
    try:
        port = parts.port
    except ValueError:
        raise refuse("target-invalid-port", "the target's port is not a number 1-65535") from None
    if port == 0:
        raise refuse("target-invalid-port", "the target's port is not a number 1-65535")
    if "@" in parts.netloc:
        raise refuse(
            "target-has-credentials", "targets may not carry a user name or password (user@host)"
        )
    if "\\" in parts.netloc:
        raise refuse("target-invalid-host", "the target's host contains a backslash")
    netloc = parts.netloc
    if netloc.startswith("["):
        raw_host = netloc[: netloc.find("]") + 1]
    else:
        raw_host = netloc.rpartition(":")[0] if ":" in netloc else netloc
    if not raw_host:
        raise refuse(
            "target-not-absolute", "the target must be an absolute http(s) URL with a host"
        )
    return parts, port, raw_host


def evaluate(url: str, policy: Policy) -> str:
    """The normalised target, or a 422 :class:`Problem` with a distinct slug for each refusal."""
    _check_text(url, policy.max_length)
    _check_scheme(url)
    parts, port, raw_host = _split(url)
    host, address = _host_and_address(raw_host)
    if _matches_own(host, policy.own_hosts) or host in policy.served_hosts:
        raise refuse("target-own-domain", f"{host} is one of this service's own short domains")
    if not policy.allow_private:
        _check_private(host, address)
    if policy.blocked is not None and address is None:
        entry = policy.blocked(_suffixes(host))
        if entry is not None:
            raise refuse("target-blocked-domain", f"the domain {entry} is on the blocklist")
    scheme = parts.scheme.lower()
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return urlunsplit(
        (
            scheme,
            netloc,
            quote(parts.path or "/", safe=_SAFE),
            quote(parts.query, safe=_SAFE),
            quote(parts.fragment, safe=_SAFE),
        )
    )


def own_hosts(public_base_url: str) -> tuple[str, ...]:
    host = urlsplit(public_base_url).hostname or ""
    return (_ascii_host(host),) if host else ()


def policy_for(settings: LinkSettings, public_base_url: str, blocked: Blocklist | None) -> Policy:
    return Policy(
        own_hosts=own_hosts(public_base_url),
        allow_private=settings.allow_private_targets,
        max_length=settings.target_max_length,
        blocked=blocked,
    )


def check_target(url: str, *, also_own: frozenset[str] = frozenset()) -> str:
    """Validate a link target in a request: the normalised URL, or a 422 problem (field target).

    Every domain we serve counts as our own (a target there would chain or loop through us);
    ``also_own`` adds hosts not stored yet (a domain's own redirects while it is being added)."""
    from flamingo.links.blocklist import DomainBlocklist  # noqa: PLC0415 - avoids an import cycle

    settings = context.settings()
    policy = replace(
        policy_for(
            settings.links,
            settings.server.public_base_url,
            context.service(DomainBlocklist).first_blocked,
        ),
        served_hosts=own_hosts_of(context.app()) | also_own,
    )
    return evaluate(url, policy)


def valid_domain(domain: str) -> str:
    """A blocklist entry: a host name (IDN allowed) in its punycode form; 422 ``invalid-domain``."""
    text = domain.strip()
    if not text or _CONTROL_OR_SPACE.search(text) or any(c in text for c in "/:@[]\\?#"):
        raise Problem(422, "invalid-domain", "give a bare domain name such as evil.example")
    try:
        return _ascii_host(text)
    except Problem:
        raise Problem(422, "invalid-domain", f"{text!r} is not a valid domain name") from None
