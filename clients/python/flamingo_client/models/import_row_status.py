from typing import Literal

ImportRowStatus = Literal["clash", "created", "error", "skipped"]

IMPORT_ROW_STATUS_VALUES: set[ImportRowStatus] = {
    "clash",
    "created",
    "error",
    "skipped",
}


def check_import_row_status(value: str) -> ImportRowStatus:
    if value in IMPORT_ROW_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {IMPORT_ROW_STATUS_VALUES!r}")
