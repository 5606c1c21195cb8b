from typing import Literal

Source = Literal["counters", "events"]

SOURCE_VALUES: set[Source] = {
    "counters",
    "events",
}


def check_source(value: str) -> Source:
    if value in SOURCE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SOURCE_VALUES!r}")
