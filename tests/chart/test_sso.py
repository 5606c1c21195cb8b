"""The chart's single sign-on and invitation settings: what reaches the ConfigMap, what the chart
refuses at render time, and the egress the backend gets to a provider and an SMTP server."""

from __future__ import annotations

import re

import pytest

from flamingo.core.config import env_name, setting_fields
from tests.chart.render import render, run_helm
from tests.chart.test_networkpolicy import GOOGLE_APIS, INTERNET, Peer, allowed, component_pod

pytestmark = pytest.mark.chart

GOOGLE = (
    "--set", "oidc.issuer=https://accounts.google.com",
    "--set", "oidc.clientId=123.apps.googleusercontent.com",
    "--set", "oidc.allowedDomains={company-inc.com,eu.company-inc.com}",
)  # fmt: skip
KEYCLOAK_CIDR = "10.30.0.0/24"
KEYCLOAK = Peer(ip="10.30.0.5")
SMTP_RELAY = Peer(ip="203.0.113.25")


def test_off_by_default_with_passwords_on() -> None:
    cfg = render().config()
    assert not {k for k in cfg if k.startswith(("OIDC_", "SMTP_"))}
    assert cfg["PASSWORD_LOGIN"] == "true"
    assert cfg["INVITATION_TTL_HOURS"] == "72"


def test_google_workspace_settings_reach_the_backend() -> None:
    m = render(*GOOGLE, "--set", "oidc.passwordLogin=false", "--set", "invitations.ttlHours=24")
    cfg = m.config()
    assert cfg["OIDC_ISSUER"] == "https://accounts.google.com"
    assert cfg["OIDC_CLIENT_ID"] == "123.apps.googleusercontent.com"
    assert cfg["OIDC_ALLOWED_DOMAINS"] == "company-inc.com,eu.company-inc.com"
    assert cfg["OIDC_PROVIDER_NAME"] == "Google"
    assert cfg["PASSWORD_LOGIN"] == "false"
    assert cfg["INVITATION_TTL_HOURS"] == "24"
    # The client secret is a Secret Manager reference, never a value.
    assert re.fullmatch(
        r"sm://projects/company-inc-prod/secrets/flamingo-oidc-client-secret/versions/latest",
        cfg["OIDC_CLIENT_SECRET"],
    )
    # Every key of these settings is one the backend reads (a typo would be silently ignored).
    known = {env_name(field) for _, field, _ in setting_fields()}
    ours = {k for k in cfg if k.startswith(("OIDC_", "SMTP_", "PASSWORD_", "INVITATION_"))}
    assert len(ours) == 7 and ours <= known


def test_smtp_settings_with_the_password_from_secret_manager() -> None:
    cfg = render(
        "--set", "invitations.smtp.host=smtp-relay.gmail.com",
        "--set", "invitations.smtp.username=flamingo@company-inc.com",
    ).config()  # fmt: skip
    assert cfg["SMTP_HOST"] == "smtp-relay.gmail.com"
    assert cfg["SMTP_PORT"] == "587"
    assert cfg["SMTP_STARTTLS"] == "true"
    assert cfg["SMTP_USERNAME"] == "flamingo@company-inc.com"
    assert cfg["SMTP_PASSWORD"] == (
        "sm://projects/company-inc-prod/secrets/flamingo-smtp-password/versions/latest"
    )
    known = {env_name(field) for _, field, _ in setting_fields()}
    assert {k for k in cfg if k.startswith("SMTP_")} <= known
    no_auth = render("--set", "invitations.smtp.host=smtp.internal").config()
    assert "SMTP_PASSWORD" not in no_auth and "SMTP_USERNAME" not in no_auth


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--set", "oidc.issuer=https://accounts.google.com"), "oidc.issuer needs oidc.clientId"),
        (GOOGLE[:4], "oidc.issuer needs oidc.clientId and oidc.allowedDomains"),
        (("--set", "oidc.passwordLogin=false"), "oidc.passwordLogin=false needs oidc.issuer"),
        (("--set", "oidc.issuer=http://accounts.example"), "at '/oidc/issuer'"),
        (("--set", "oidc.allowedDomains={Company.COM}"), "at '/oidc/allowedDomains/0'"),
        (("--set", "invitations.ttlHours=0"), "at '/invitations/ttlHours'"),
    ],
)
def test_half_a_configuration_is_refused_at_render_time(
    args: tuple[str, ...], message: str
) -> None:
    result = run_helm("template", "flamingo", ".", "--kube-version", "1.30.0", *args, check=False)
    assert result.returncode != 0
    assert message in result.stderr


def test_egress_to_a_public_provider_goes_through_the_google_apis_rule() -> None:
    m = render(*GOOGLE)
    backend = component_pod(m, "backend")
    assert allowed(m, backend, GOOGLE_APIS, 443)  # accounts.google.com, www.googleapis.com
    assert not allowed(m, backend, KEYCLOAK, 443)  # private ranges stay closed
    assert not allowed(m, component_pod(m, "frontend"), INTERNET, 443)


def test_egress_to_a_private_provider_only_from_the_backend() -> None:
    m = render(
        "--set", "oidc.issuer=https://sso.company-inc.internal/realms/staff",
        "--set", "oidc.clientId=flamingo",
        "--set", "oidc.allowedDomains={company-inc.com}",
        "--set", f"oidc.egressCidrs={{{KEYCLOAK_CIDR}}}",
    )  # fmt: skip
    assert allowed(m, component_pod(m, "backend"), KEYCLOAK, 443)
    assert not allowed(m, component_pod(m, "backend"), KEYCLOAK, 8080)
    assert not allowed(m, component_pod(m, "worker"), KEYCLOAK, 443)
    assert not allowed(m, component_pod(m, "frontend"), KEYCLOAK, 443)
    # Listing CIDRs without an issuer opens nothing.
    idle = render("--set", f"oidc.egressCidrs={{{KEYCLOAK_CIDR}}}")
    assert not allowed(idle, component_pod(idle, "backend"), KEYCLOAK, 443)


def test_egress_to_the_smtp_server_only_when_configured() -> None:
    default = render()
    assert not allowed(default, component_pod(default, "backend"), SMTP_RELAY, 587)
    m = render("--set", "invitations.smtp.host=smtp-relay.gmail.com")
    assert allowed(m, component_pod(m, "backend"), SMTP_RELAY, 587)
    assert not allowed(m, component_pod(m, "backend"), SMTP_RELAY, 25)
    # The worker mails owners when it disables a webhook (docs/operations.md "Webhooks").
    assert allowed(m, component_pod(m, "worker"), SMTP_RELAY, 587)
    assert not allowed(m, component_pod(m, "frontend"), SMTP_RELAY, 587)
    narrowed = render(
        "--set", "invitations.smtp.host=smtp.internal",
        "--set", "invitations.smtp.port=2525",
        "--set", "invitations.smtp.egressCidrs={10.40.0.0/29}",
    )  # fmt: skip
    assert allowed(narrowed, component_pod(narrowed, "backend"), Peer(ip="10.40.0.2"), 2525)
    assert not allowed(narrowed, component_pod(narrowed, "backend"), SMTP_RELAY, 2525)
    assert allowed(narrowed, component_pod(narrowed, "worker"), Peer(ip="10.40.0.2"), 2525)
