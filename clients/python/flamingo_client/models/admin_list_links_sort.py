from typing import Literal

AdminListLinksSort = Literal["clicks", "newest"]

ADMIN_LIST_LINKS_SORT_VALUES: set[AdminListLinksSort] = {
    "clicks",
    "newest",
}


def check_admin_list_links_sort(value: str) -> AdminListLinksSort:
    if value in ADMIN_LIST_LINKS_SORT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ADMIN_LIST_LINKS_SORT_VALUES!r}")
