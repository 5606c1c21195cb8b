"""URL safety policy: a table of refused targets (each with its type) and of accepted ones."""

from __future__ import annotations

import pytest
from flask import Flask

from flamingo.core import context
from flamingo.core.problems import Problem
from flamingo.links.blocklist import DomainBlocklist
from flamingo.links.urlpolicy import Policy, check_target, evaluate, valid_domain

BLOCKED = {"evil.example", "bad.test"}


def _blocked(suffixes: list[str]) -> str | None:
    return next((s for s in suffixes if s in BLOCKED), None)


POLICY = Policy(own_hosts=("sho.rt",), allow_private=False, max_length=200, blocked=_blocked)

BAD = [
    ("javascript:alert(1)", "target-scheme-not-allowed"),
    ("JavaScript:alert(document.cookie)", "target-scheme-not-allowed"),
    ("data:text/html;base64,PHNjcmlwdD4=", "target-scheme-not-allowed"),
    ("file:///etc/passwd", "target-scheme-not-allowed"),
    ("ftp://files.example.com/x", "target-scheme-not-allowed"),
    ("mailto:someone@example.com", "target-scheme-not-allowed"),
    ("vbscript:msgbox(1)", "target-scheme-not-allowed"),
    ("", "target-missing"),
    ("/relative/path", "target-not-absolute"),
    ("example.com/page", "target-not-absolute"),
    ("//example.com/page", "target-not-absolute"),
    ("http:/example.com", "target-not-absolute"),
    ("https:///path-only", "target-not-absolute"),
    (" https://example.com", "target-invalid-characters"),
    ("https://example.com/a b", "target-invalid-characters"),
    ("https://exa\tmple.com/", "target-invalid-characters"),
    ("https://example.com/\n", "target-invalid-characters"),
    ("https://example.com/\x00", "target-invalid-characters"),
    ("https://example.com/\x7f", "target-invalid-characters"),
    ("https://example.com/" + "a" * 200, "target-too-long"),
    ("https://sho.rt/abc", "target-own-domain"),
    ("https://SHO.RT:443/abc", "target-own-domain"),
    ("https://www.sho.rt/abc", "target-own-domain"),
    ("http://127.0.0.1/", "target-private-address"),
    ("http://127.0.0.1:8080/admin", "target-private-address"),
    ("http://10.0.0.5/", "target-private-address"),
    ("http://172.16.3.4/", "target-private-address"),
    ("http://192.168.1.1/", "target-private-address"),
    ("http://169.254.169.254/latest/meta-data/", "target-private-address"),
    ("http://100.64.0.1/", "target-private-address"),
    ("http://0.0.0.0/", "target-private-address"),
    ("http://[::1]/", "target-private-address"),
    ("http://[::ffff:127.0.0.1]/", "target-private-address"),
    ("http://[fd00::1]/", "target-private-address"),
    ("http://[fe80::1]/", "target-private-address"),
    ("http://localhost/", "target-private-address"),
    ("http://api.localhost/", "target-private-address"),
    ("http://metadata.google.internal/computeMetadata/v1/", "target-private-address"),
    ("http://intranet/", "target-private-address"),
    ("http://2130706433/", "target-ip-nonstandard"),
    ("http://0177.0.0.1/", "target-ip-nonstandard"),
    ("http://0x7f.0.0.1/", "target-ip-nonstandard"),
    ("http://0x7f000001/", "target-ip-nonstandard"),
    ("http://127.1/", "target-ip-nonstandard"),
    ("http://1.2.3.999/", "target-invalid-host"),
    ("http://[::zz]/", "target-invalid-host"),
    ("http://[::1/", "target-invalid-host"),
    ("http://exa..mple.com/", "target-invalid-host"),
    ("http://-bad-.example/", "target-invalid-host"),
    ("http://evil.example/", "target-blocked-domain"),
    ("http://login.evil.example/", "target-blocked-domain"),
    ("https://a.b.bad.test/x", "target-blocked-domain"),
    ("http://EVIL.example./", "target-blocked-domain"),
    ("http://user:pass@example.com/", "target-has-credentials"),
    ("http://example.com@evil.example/", "target-has-credentials"),
    ("http://example.com:99999/", "target-invalid-port"),
    ("http://example.com:abc/", "target-invalid-port"),
    ("http://example.com:0/", "target-invalid-port"),
]


@pytest.mark.parametrize(("url", "slug"), BAD, ids=[repr(u)[:60] for u, _ in BAD])
def test_refused(url: str, slug: str) -> None:
    with pytest.raises(Problem) as caught:
        evaluate(url, POLICY)
    assert caught.value.status == 422
    assert caught.value.slug == slug, caught.value.detail
    assert caught.value.extra["errors"][0]["field"] == "target"


def test_table_is_big_and_every_slug_distinct_per_reason() -> None:
    assert len(BAD) >= 30
    assert len({slug for _, slug in BAD}) >= 10


GOOD = [
    ("https://example.com", "https://example.com/"),
    ("https://example.com/path?q=1#frag", "https://example.com/path?q=1#frag"),
    ("HTTP://EXAMPLE.COM/Path", "http://example.com/Path"),
    ("https://example.com:443/x", "https://example.com/x"),
    ("http://example.com:80/x", "http://example.com/x"),
    ("https://example.com:8443/x", "https://example.com:8443/x"),
    ("https://bücher.example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe"),
    ("https://例え.jp/", "https://xn--r8jz45g.jp/"),
    ("https://example.com/a%20b", "https://example.com/a%20b"),
    ("http://93.184.216.34/", "http://93.184.216.34/"),
    (
        "http://[2606:2800:220:1:248:1893:25c8:1946]/",
        "http://[2606:2800:220:1:248:1893:25c8:1946]/",
    ),
    ("https://notevil.example/", "https://notevil.example/"),
    ("https://sho.rt.example.org/", "https://sho.rt.example.org/"),
    (
        "https://example.com/?redirect=http://127.0.0.1",
        "https://example.com/?redirect=http://127.0.0.1",
    ),
]


@pytest.mark.parametrize(("url", "normalised"), GOOD)
def test_accepted(url: str, normalised: str) -> None:
    assert evaluate(url, POLICY) == normalised


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/", "http://10.1.2.3/", "http://[::1]/", "http://localhost/"]
)
def test_private_targets_allowed_by_setting(url: str) -> None:
    assert evaluate(url, Policy(allow_private=True)).startswith("http://")


def test_nonstandard_ip_refused_even_when_private_allowed() -> None:
    with pytest.raises(Problem) as caught:
        evaluate("http://2130706433/", Policy(allow_private=True))
    assert caught.value.slug == "target-ip-nonstandard"


@pytest.mark.parametrize(
    ("raw", "domain"),
    [("Evil.Example", "evil.example"), ("bücher.example", "xn--bcher-kva.example"), ("zip", "zip")],
)
def test_valid_domain(raw: str, domain: str) -> None:
    assert valid_domain(raw) == domain


@pytest.mark.parametrize("raw", ["", "http://evil.example", "evil.example/x", "a b.com", "a..b"])
def test_invalid_domain(raw: str) -> None:
    with pytest.raises(Problem) as caught:
        valid_domain(raw)
    assert caught.value.slug == "invalid-domain"


def test_check_target_uses_app_settings_and_blocklist(app: Flask) -> None:
    with app.app_context():
        context.service(DomainBlocklist).add("phish.example", "test")
        assert check_target("https://example.com/x") == "https://example.com/x"
        for url, slug in [
            ("https://deep.phish.example/", "target-blocked-domain"),
            ("http://localhost:8080/abc", "target-own-domain"),
            # every loopback name is the default domain "localhost" (see request_host)
            ("http://127.0.0.1:9/", "target-own-domain"),
            ("http://10.0.0.1:9/", "target-private-address"),
        ]:
            with pytest.raises(Problem) as caught:
                check_target(url)
            assert caught.value.slug == slug
        assert context.service(DomainBlocklist).remove("phish.example")
        assert check_target("https://deep.phish.example/") == "https://deep.phish.example/"
