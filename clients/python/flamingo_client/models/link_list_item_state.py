from typing import Literal

LinkListItemState = Literal[
    "active", "admin-disabled", "disabled", "expired", "scheduled", "used-up"
]

LINK_LIST_ITEM_STATE_VALUES: set[LinkListItemState] = {
    "active",
    "admin-disabled",
    "disabled",
    "expired",
    "scheduled",
    "used-up",
}


def check_link_list_item_state(value: str) -> LinkListItemState:
    if value in LINK_LIST_ITEM_STATE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LINK_LIST_ITEM_STATE_VALUES!r}")
