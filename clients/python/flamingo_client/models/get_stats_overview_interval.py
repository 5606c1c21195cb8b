from typing import Literal

GetStatsOverviewInterval = Literal["day", "hour"]

GET_STATS_OVERVIEW_INTERVAL_VALUES: set[GetStatsOverviewInterval] = {
    "day",
    "hour",
}


def check_get_stats_overview_interval(value: str) -> GetStatsOverviewInterval:
    if value in GET_STATS_OVERVIEW_INTERVAL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_STATS_OVERVIEW_INTERVAL_VALUES!r}"
    )
