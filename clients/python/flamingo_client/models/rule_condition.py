from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.rule_condition_device_type_0 import (
    RuleConditionDeviceType0,
    check_rule_condition_device_type_0,
)
from ..models.rule_condition_device_type_1_item import (
    RuleConditionDeviceType1Item,
    check_rule_condition_device_type_1_item,
)
from ..models.rule_condition_os_type_0 import (
    RuleConditionOsType0,
    check_rule_condition_os_type_0,
)
from ..models.rule_condition_os_type_1_item import (
    RuleConditionOsType1Item,
    check_rule_condition_os_type_1_item,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rule_condition_query import RuleConditionQuery


T = TypeVar("T", bound="RuleCondition")


@_attrs_define
class RuleCondition:
    """Every listed condition must hold. A single value stands for a list of one.

    Attributes:
        after (datetime.datetime | Unset):
        before (datetime.datetime | Unset):
        country (list[str] | str | Unset): ISO 3166-1 alpha-2 codes, compared with the load balancer's geo header.
        device (list[RuleConditionDeviceType1Item] | RuleConditionDeviceType0 | Unset):
        language (list[str] | str | Unset): Primary subtags matched against `Accept-Language` (q > 0; `*` matches none).
        os (list[RuleConditionOsType1Item] | RuleConditionOsType0 | Unset):
        query (RuleConditionQuery | Unset): Exact query parameter values the visit must carry. A parameter name may not
            start with `$` or contain `.` (MongoDB field names; refused with 422 on every store).
    """

    after: datetime.datetime | Unset = UNSET
    before: datetime.datetime | Unset = UNSET
    country: list[str] | str | Unset = UNSET
    device: list[RuleConditionDeviceType1Item] | RuleConditionDeviceType0 | Unset = UNSET
    language: list[str] | str | Unset = UNSET
    os: list[RuleConditionOsType1Item] | RuleConditionOsType0 | Unset = UNSET
    query: RuleConditionQuery | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        after: str | Unset = UNSET
        if not isinstance(self.after, Unset):
            after = self.after.isoformat()

        before: str | Unset = UNSET
        if not isinstance(self.before, Unset):
            before = self.before.isoformat()

        country: list[str] | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        elif isinstance(self.country, list):
            country = self.country

        else:
            country = self.country

        device: list[str] | str | Unset
        if isinstance(self.device, Unset):
            device = UNSET
        elif isinstance(self.device, str):
            device = self.device
        else:
            device = []
            for device_type_1_item_data in self.device:
                device_type_1_item: str = device_type_1_item_data
                device.append(device_type_1_item)

        language: list[str] | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, list):
            language = self.language

        else:
            language = self.language

        os: list[str] | str | Unset
        if isinstance(self.os, Unset):
            os = UNSET
        elif isinstance(self.os, str):
            os = self.os
        else:
            os = []
            for os_type_1_item_data in self.os:
                os_type_1_item: str = os_type_1_item_data
                os.append(os_type_1_item)

        query: dict[str, Any] | Unset = UNSET
        if not isinstance(self.query, Unset):
            query = self.query.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if after is not UNSET:
            field_dict["after"] = after
        if before is not UNSET:
            field_dict["before"] = before
        if country is not UNSET:
            field_dict["country"] = country
        if device is not UNSET:
            field_dict["device"] = device
        if language is not UNSET:
            field_dict["language"] = language
        if os is not UNSET:
            field_dict["os"] = os
        if query is not UNSET:
            field_dict["query"] = query

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rule_condition_query import RuleConditionQuery

        d = dict(src_dict)
        _after = d.pop("after", UNSET)
        after: datetime.datetime | Unset
        if isinstance(_after, Unset):
            after = UNSET
        else:
            after = datetime.datetime.fromisoformat(_after)

        _before = d.pop("before", UNSET)
        before: datetime.datetime | Unset
        if isinstance(_before, Unset):
            before = UNSET
        else:
            before = datetime.datetime.fromisoformat(_before)

        def _parse_country(data: object) -> list[str] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                country_type_1 = cast(list[str], data)

                return country_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_device(
            data: object,
        ) -> list[RuleConditionDeviceType1Item] | RuleConditionDeviceType0 | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                device_type_0 = check_rule_condition_device_type_0(data)

                return device_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, list):
                raise TypeError()
            device_type_1 = []
            _device_type_1 = data
            for device_type_1_item_data in _device_type_1:
                device_type_1_item = check_rule_condition_device_type_1_item(
                    device_type_1_item_data
                )

                device_type_1.append(device_type_1_item)

            return device_type_1

        device = _parse_device(d.pop("device", UNSET))

        def _parse_language(data: object) -> list[str] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                language_type_1 = cast(list[str], data)

                return language_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_os(
            data: object,
        ) -> list[RuleConditionOsType1Item] | RuleConditionOsType0 | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                os_type_0 = check_rule_condition_os_type_0(data)

                return os_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, list):
                raise TypeError()
            os_type_1 = []
            _os_type_1 = data
            for os_type_1_item_data in _os_type_1:
                os_type_1_item = check_rule_condition_os_type_1_item(os_type_1_item_data)

                os_type_1.append(os_type_1_item)

            return os_type_1

        os = _parse_os(d.pop("os", UNSET))

        _query = d.pop("query", UNSET)
        query: RuleConditionQuery | Unset
        if isinstance(_query, Unset):
            query = UNSET
        else:
            query = RuleConditionQuery.from_dict(_query)

        rule_condition = cls(
            after=after,
            before=before,
            country=country,
            device=device,
            language=language,
            os=os,
            query=query,
        )

        return rule_condition
