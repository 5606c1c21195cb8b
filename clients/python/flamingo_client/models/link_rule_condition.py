from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.device import Device, check_device
from ..models.operating_system import OperatingSystem, check_operating_system
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.link_rule_condition_query_type_0 import LinkRuleConditionQueryType0


T = TypeVar("T", bound="LinkRuleCondition")


@_attrs_define
class LinkRuleCondition:
    """A stored rule's condition: only the conditions given (lists, instants).

    Attributes:
        after (datetime.datetime | None | Unset):
        before (datetime.datetime | None | Unset):
        country (list[str] | None | Unset):
        device (list[Device] | None | Unset):
        language (list[str] | None | Unset):
        os (list[OperatingSystem] | None | Unset):
        query (LinkRuleConditionQueryType0 | None | Unset):
    """

    after: datetime.datetime | None | Unset = UNSET
    before: datetime.datetime | None | Unset = UNSET
    country: list[str] | None | Unset = UNSET
    device: list[Device] | None | Unset = UNSET
    language: list[str] | None | Unset = UNSET
    os: list[OperatingSystem] | None | Unset = UNSET
    query: LinkRuleConditionQueryType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.link_rule_condition_query_type_0 import (
            LinkRuleConditionQueryType0,
        )

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

        country: list[str] | None | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        elif isinstance(self.country, list):
            country = self.country

        else:
            country = self.country

        device: list[str] | None | Unset
        if isinstance(self.device, Unset):
            device = UNSET
        elif isinstance(self.device, list):
            device = []
            for device_type_0_item_data in self.device:
                device_type_0_item: str = device_type_0_item_data
                device.append(device_type_0_item)

        else:
            device = self.device

        language: list[str] | None | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, list):
            language = self.language

        else:
            language = self.language

        os: list[str] | None | Unset
        if isinstance(self.os, Unset):
            os = UNSET
        elif isinstance(self.os, list):
            os = []
            for os_type_0_item_data in self.os:
                os_type_0_item: str = os_type_0_item_data
                os.append(os_type_0_item)

        else:
            os = self.os

        query: dict[str, Any] | None | Unset
        if isinstance(self.query, Unset):
            query = UNSET
        elif isinstance(self.query, LinkRuleConditionQueryType0):
            query = self.query.to_dict()
        else:
            query = self.query

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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
        from ..models.link_rule_condition_query_type_0 import (
            LinkRuleConditionQueryType0,
        )

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

        def _parse_country(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                country_type_0 = cast(list[str], data)

                return country_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_device(data: object) -> list[Device] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                device_type_0 = []
                _device_type_0 = data
                for device_type_0_item_data in _device_type_0:
                    device_type_0_item = check_device(device_type_0_item_data)

                    device_type_0.append(device_type_0_item)

                return device_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Device] | None | Unset, data)

        device = _parse_device(d.pop("device", UNSET))

        def _parse_language(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                language_type_0 = cast(list[str], data)

                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_os(data: object) -> list[OperatingSystem] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                os_type_0 = []
                _os_type_0 = data
                for os_type_0_item_data in _os_type_0:
                    os_type_0_item = check_operating_system(os_type_0_item_data)

                    os_type_0.append(os_type_0_item)

                return os_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[OperatingSystem] | None | Unset, data)

        os = _parse_os(d.pop("os", UNSET))

        def _parse_query(data: object) -> LinkRuleConditionQueryType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                query_type_0 = LinkRuleConditionQueryType0.from_dict(data)

                return query_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LinkRuleConditionQueryType0 | None | Unset, data)

        query = _parse_query(d.pop("query", UNSET))

        link_rule_condition = cls(
            after=after,
            before=before,
            country=country,
            device=device,
            language=language,
            os=os,
            query=query,
        )

        link_rule_condition.additional_properties = d
        return link_rule_condition

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
