from typing import Literal

ListLinkVisitsFormat = Literal["csv", "json"]

LIST_LINK_VISITS_FORMAT_VALUES: set[ListLinkVisitsFormat] = {
    "csv",
    "json",
}


def check_list_link_visits_format(value: str) -> ListLinkVisitsFormat:
    if value in LIST_LINK_VISITS_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_LINK_VISITS_FORMAT_VALUES!r}"
    )
