from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.import_row import ImportRow


T = TypeVar("T", bound="ImportReport")


@_attrs_define
class ImportReport:
    """``POST /api/v1/links/import``'s answer and ``flamingo import --from``'s summary.

    Attributes:
        clash (int): The code belongs to another link.
        created (int): Created (or would be, in a dry run).
        dry_run (bool):
        error (int): Refused records.
        rows (list[ImportRow]):
        skipped (int): Already here with the same target.
    """

    clash: int
    created: int
    dry_run: bool
    error: int
    rows: list[ImportRow]
    skipped: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        clash = self.clash

        created = self.created

        dry_run = self.dry_run

        error = self.error

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        skipped = self.skipped

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "clash": clash,
                "created": created,
                "dry_run": dry_run,
                "error": error,
                "rows": rows,
                "skipped": skipped,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.import_row import ImportRow

        d = dict(src_dict)
        clash = d.pop("clash")

        created = d.pop("created")

        dry_run = d.pop("dry_run")

        error = d.pop("error")

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = ImportRow.from_dict(rows_item_data)

            rows.append(rows_item)

        skipped = d.pop("skipped")

        import_report = cls(
            clash=clash,
            created=created,
            dry_run=dry_run,
            error=error,
            rows=rows,
            skipped=skipped,
        )

        import_report.additional_properties = d
        return import_report

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
