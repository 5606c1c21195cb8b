from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.device import Device, check_device
from ..models.operating_system import OperatingSystem, check_operating_system
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rule_condition_query_type_0 import RuleConditionQueryType0


T = TypeVar("T", bound="RuleCondition")


@_attrs_define
class RuleCondition:
    """Every listed condition must hold. A single value stands for a list of one.

    Attributes:
        after (datetime.datetime | None | Unset):
        before (datetime.datetime | None | Unset):
        country (list[str] | None | str | Unset):
        device (Device | list[Device] | None | Unset):
        language (list[str] | None | str | Unset):
        os (list[OperatingSystem] | None | OperatingSystem | Unset):
        query (None | RuleConditionQueryType0 | Unset):
    """

    after: datetime.datetime | None | Unset = UNSET
    before: datetime.datetime | None | Unset = UNSET
    country: list[str] | None | str | Unset = UNSET
    device: Device | list[Device] | None | Unset = UNSET
    language: list[str] | None | str | Unset = UNSET
    os: list[OperatingSystem] | None | OperatingSystem | Unset = UNSET
    query: None | RuleConditionQueryType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.rule_condition_query_type_0 import RuleConditionQueryType0

        after: None | str | Unset
        if isinstance(self.after, Unset):
            after = UNSET
        elif isinstance(self.after, datetime.datetime):
            after = self.after.isoformat()
        else:
            after = self.after

        before: None | str | Unset
        if isinstance(self.before, Unset):
            before = UNSET
        elif isinstance(self.before, datetime.datetime):
            before = self.before.isoformat()
        else:
            before = self.before

        country: list[str] | None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        elif isinstance(self.country, list):
            country = self.country

        else:
            country = self.country

        device: list[str] | None | str | Unset
        if isinstance(self.device, Unset):
            device = UNSET
        elif isinstance(self.device, str):
            device = self.device
        elif isinstance(self.device, list):
            device = []
            for device_type_0_type_1_item_data in self.device:
                device_type_0_type_1_item: str = device_type_0_type_1_item_data
                device.append(device_type_0_type_1_item)

        else:
            device = self.device

        language: list[str] | None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, list):
            language = self.language

        else:
            language = self.language

        os: list[str] | None | str | Unset
        if isinstance(self.os, Unset):
            os = UNSET
        elif isinstance(self.os, str):
            os = self.os
        elif isinstance(self.os, list):
            os = []
            for os_type_0_type_1_item_data in self.os:
                os_type_0_type_1_item: str = os_type_0_type_1_item_data
                os.append(os_type_0_type_1_item)

        else:
            os = self.os

        query: dict[str, Any] | None | Unset
        if isinstance(self.query, Unset):
            query = UNSET
        elif isinstance(self.query, RuleConditionQueryType0):
            query = self.query.to_dict()
        else:
            query = self.query

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
        from ..models.rule_condition_query_type_0 import RuleConditionQueryType0

        d = dict(src_dict)

        def _parse_after(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                after_type_0 = datetime.datetime.fromisoformat(data)

                return after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        after = _parse_after(d.pop("after", UNSET))

        def _parse_before(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                before_type_0 = datetime.datetime.fromisoformat(data)

                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        before = _parse_before(d.pop("before", UNSET))

        def _parse_country(data: object) -> list[str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                country_type_0_type_1 = cast(list[str], data)

                return country_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_device(data: object) -> Device | list[Device] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                device_type_0_type_0 = check_device(data)

                return device_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                device_type_0_type_1 = []
                _device_type_0_type_1 = data
                for device_type_0_type_1_item_data in _device_type_0_type_1:
                    device_type_0_type_1_item = check_device(device_type_0_type_1_item_data)

                    device_type_0_type_1.append(device_type_0_type_1_item)

                return device_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Device | list[Device] | None | Unset, data)

        device = _parse_device(d.pop("device", UNSET))

        def _parse_language(data: object) -> list[str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                language_type_0_type_1 = cast(list[str], data)

                return language_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_os(data: object) -> list[OperatingSystem] | None | OperatingSystem | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                os_type_0_type_0 = check_operating_system(data)

                return os_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                os_type_0_type_1 = []
                _os_type_0_type_1 = data
                for os_type_0_type_1_item_data in _os_type_0_type_1:
                    os_type_0_type_1_item = check_operating_system(os_type_0_type_1_item_data)

                    os_type_0_type_1.append(os_type_0_type_1_item)

                return os_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[OperatingSystem] | None | OperatingSystem | Unset, data)

        os = _parse_os(d.pop("os", UNSET))

        def _parse_query(data: object) -> None | RuleConditionQueryType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                query_type_0 = RuleConditionQueryType0.from_dict(data)

                return query_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RuleConditionQueryType0 | Unset, data)

        query = _parse_query(d.pop("query", UNSET))

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
