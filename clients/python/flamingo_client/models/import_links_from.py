from typing import Literal

ImportLinksFrom = Literal["bitly", "kutt", "shlink", "yourls"]

IMPORT_LINKS_FROM_VALUES: set[ImportLinksFrom] = {
    "bitly",
    "kutt",
    "shlink",
    "yourls",
}


def check_import_links_from(value: str) -> ImportLinksFrom:
    if value in IMPORT_LINKS_FROM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {IMPORT_LINKS_FROM_VALUES!r}")
