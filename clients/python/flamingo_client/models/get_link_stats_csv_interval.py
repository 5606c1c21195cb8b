from typing import Literal

GetLinkStatsCsvInterval = Literal["day", "hour"]

GET_LINK_STATS_CSV_INTERVAL_VALUES: set[GetLinkStatsCsvInterval] = {
    "day",
    "hour",
}


def check_get_link_stats_csv_interval(value: str) -> GetLinkStatsCsvInterval:
    if value in GET_LINK_STATS_CSV_INTERVAL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_LINK_STATS_CSV_INTERVAL_VALUES!r}"
    )
