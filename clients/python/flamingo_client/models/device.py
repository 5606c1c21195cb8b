from typing import Literal

Device = Literal["bot", "desktop", "mobile", "tablet"]

DEVICE_VALUES: set[Device] = {
    "bot",
    "desktop",
    "mobile",
    "tablet",
}


def check_device(value: str) -> Device:
    if value in DEVICE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DEVICE_VALUES!r}")
