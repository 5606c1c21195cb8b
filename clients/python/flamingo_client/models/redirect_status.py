from typing import Literal

RedirectStatus = Literal[301, 302, 307, 308]

REDIRECT_STATUS_VALUES: set[RedirectStatus] = {
    301,
    302,
    307,
    308,
}


def check_redirect_status(value: int) -> RedirectStatus:
    if value in REDIRECT_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REDIRECT_STATUS_VALUES!r}")
