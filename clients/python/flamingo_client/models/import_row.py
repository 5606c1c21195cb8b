from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.import_row_status import ImportRowStatus, check_import_row_status

T = TypeVar("T", bound="ImportRow")


@_attrs_define
class ImportRow:
    """What became of one record (in a dry run, ``created`` means "would be created").

    Attributes:
        code (None | str):
        detail (str): Why it was skipped, clashed or refused. Default: ''.
        link_id (None | str): The created link (not in a dry run).
        status (ImportRowStatus):
        where (str): The record's place in the file: `page 2, shortUrls.data[3]`.
    """

    code: None | str
    link_id: None | str
    status: ImportRowStatus
    where: str
    detail: str = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: None | str
        code = self.code

        detail = self.detail

        link_id: None | str
        link_id = self.link_id

        status: str = self.status

        where = self.where

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "detail": detail,
                "link_id": link_id,
                "status": status,
                "where": where,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        code = _parse_code(d.pop("code"))

        detail = d.pop("detail")

        def _parse_link_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        link_id = _parse_link_id(d.pop("link_id"))

        status = check_import_row_status(d.pop("status"))

        where = d.pop("where")

        import_row = cls(
            code=code,
            detail=detail,
            link_id=link_id,
            status=status,
            where=where,
        )

        import_row.additional_properties = d
        return import_row

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
