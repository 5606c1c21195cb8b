"""The fields of a link beyond its target: rules, variants, query forwarding, validity window,
and the fallback for an expired link — checked (every target through the URL safety policy,
errors naming the field's path) and turned into the stored :class:`~flamingo.links.link.Link`'s
values (changes by field name, as :meth:`Link.changed` takes them)."""

from __future__ import annotations

from datetime import datetime

from flamingo.core.problems import Problem, field_problem
from flamingo.core.timefmt import aware
from flamingo.links.link import Link, LinkChanges, LinkRule
from flamingo.links.models import LinkCreate, LinkPatch
from flamingo.links.rules import Rule, Variant
from flamingo.links.urlpolicy import check_target

ROUTING_FIELDS = ("rules", "variants", "forward_query", "valid_from", "expired_redirect")


def checked_target(url: str, field: str, *, also_own: frozenset[str] = frozenset()) -> str:
    """``check_target`` with the problem's field set to where the URL was (``rules.2.target``)."""
    try:
        return check_target(url, also_own=also_own)
    except Problem as problem:
        raise field_problem(problem.status, problem.slug, field, problem.detail) from None


def _rules(rules: list[Rule]) -> list[LinkRule]:
    return [
        LinkRule.model_validate(
            {
                "if": rule.when.model_dump(exclude_none=True),
                "target": checked_target(rule.target, f"rules.{index}.target"),
            }
        )
        for index, rule in enumerate(rules)
    ]


def _variants(variants: list[Variant] | None) -> list[Variant]:
    return [
        Variant(target=checked_target(v.target, f"variants.{i}.target"), weight=v.weight)
        for i, v in enumerate(variants or [])
    ]


def check_window(valid_from: datetime | None, expires_at: datetime | None) -> None:
    valid_from, expires_at = aware(valid_from), aware(expires_at)
    if valid_from is not None and expires_at is not None and valid_from >= expires_at:
        raise field_problem(
            422, "invalid-validity", "valid_from", "must be earlier than expires_at"
        )


def routing_of(data: LinkCreate) -> LinkChanges:
    """The routing fields of a new link."""
    check_window(data.valid_from, data.expires_at)
    return {
        "rules": _rules(data.rules),
        "variants": _variants(data.variants),
        "forward_query": data.forward_query,
        "valid_from": data.valid_from,
        "expired_redirect": (
            checked_target(data.expired_redirect, "expired_redirect")
            if data.expired_redirect
            else None
        ),
    }


def routing_changes(link: Link, patch: LinkPatch) -> LinkChanges:
    """What a PATCH changes among the routing fields (None clears a field)."""
    sent = patch.model_fields_set
    changes: LinkChanges = {}
    if "rules" in sent:
        changes["rules"] = _rules(patch.rules or [])
    if "variants" in sent:
        changes["variants"] = _variants(patch.variants)
    if "forward_query" in sent:
        changes["forward_query"] = bool(patch.forward_query)
    if "valid_from" in sent:
        changes["valid_from"] = patch.valid_from
    if "expired_redirect" in sent:
        changes["expired_redirect"] = (
            checked_target(patch.expired_redirect, "expired_redirect")
            if patch.expired_redirect
            else None
        )
    valid_from = patch.valid_from if "valid_from" in sent else link.valid_from
    expires_at = patch.expires_at if "expires_at" in sent else link.expires_at
    check_window(valid_from, expires_at)
    return changes
