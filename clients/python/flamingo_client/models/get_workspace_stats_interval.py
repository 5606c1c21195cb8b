from typing import Literal

GetWorkspaceStatsInterval = Literal["day", "hour"]

GET_WORKSPACE_STATS_INTERVAL_VALUES: set[GetWorkspaceStatsInterval] = {
    "day",
    "hour",
}


def check_get_workspace_stats_interval(value: str) -> GetWorkspaceStatsInterval:
    if value in GET_WORKSPACE_STATS_INTERVAL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_WORKSPACE_STATS_INTERVAL_VALUES!r}"
    )
