from typing import Literal

GetLinkStatsInterval = Literal["day", "hour"]

GET_LINK_STATS_INTERVAL_VALUES: set[GetLinkStatsInterval] = {
    "day",
    "hour",
}


def check_get_link_stats_interval(value: str) -> GetLinkStatsInterval:
    if value in GET_LINK_STATS_INTERVAL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_LINK_STATS_INTERVAL_VALUES!r}"
    )
