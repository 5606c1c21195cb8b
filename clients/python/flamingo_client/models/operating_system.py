from typing import Literal

OperatingSystem = Literal["android", "ios", "linux", "macos", "other", "windows"]

OPERATING_SYSTEM_VALUES: set[OperatingSystem] = {
    "android",
    "ios",
    "linux",
    "macos",
    "other",
    "windows",
}


def check_operating_system(value: str) -> OperatingSystem:
    if value in OPERATING_SYSTEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OPERATING_SYSTEM_VALUES!r}")
