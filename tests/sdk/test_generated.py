"""The generated SDK (clients/python/flamingo_client) as the contract shapes it, without a server.

What generating a client found in the contract: a rule's ``device`` / ``os`` ("one value or a
list") came out as two anonymous enumerations each and crashed on plain strings.
"""

from __future__ import annotations

from typing import get_args

from flamingo_client import models
from flamingo_client.models import Device, OperatingSystem, RuleCondition


def test_device_and_os_are_one_named_type_each() -> None:
    assert set(get_args(Device)) == {"desktop", "mobile", "tablet", "bot"}
    assert set(get_args(OperatingSystem)) == {
        "ios",
        "android",
        "windows",
        "macos",
        "linux",
        "other",
    }


def test_a_condition_takes_one_plain_value_or_a_list() -> None:
    condition = RuleCondition(device="mobile", os=["ios", "android"])
    assert condition.to_dict() == {"device": "mobile", "os": ["ios", "android"]}
    again = RuleCondition.from_dict({"device": ["tablet", "bot"], "os": "linux"})
    assert (again.device, again.os) == (["tablet", "bot"], "linux")


# The one answer that is free-form by nature: the OpenAPI document itself.
FREE_FORM_ANSWERS = {"GetOpenApiResponse200"}


def test_every_answer_is_a_named_model() -> None:
    """An inline schema in the document comes out as ``<Operation>Response200``: a client user
    then meets a second, anonymous name for a shape the API already names (issue 20)."""
    anonymous = {name for name in models.__all__ if "Response" in name}
    assert anonymous == FREE_FORM_ANSWERS
