from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="TopLink")


@_attrs_define
class TopLink:
    """
    Attributes:
        code (str):
        id (str):
        title (None | str):
        total (int):
    """

    code: str
    id: str
    title: None | str
    total: int

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        id = self.id

        title: None | str
        title = self.title

        total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "id": id,
                "title": title,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        id = d.pop("id")

        def _parse_title(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        title = _parse_title(d.pop("title"))

        total = d.pop("total")

        top_link = cls(
            code=code,
            id=id,
            title=title,
            total=total,
        )

        return top_link
