from typing import Literal

Interval = Literal["day", "hour"]

INTERVAL_VALUES: set[Interval] = {
    "day",
    "hour",
}


def check_interval(value: str) -> Interval:
    if value in INTERVAL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INTERVAL_VALUES!r}")
