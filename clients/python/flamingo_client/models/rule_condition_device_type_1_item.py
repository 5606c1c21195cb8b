from typing import Literal

RuleConditionDeviceType1Item = Literal["bot", "desktop", "mobile", "tablet"]

RULE_CONDITION_DEVICE_TYPE_1_ITEM_VALUES: set[RuleConditionDeviceType1Item] = {
    "bot",
    "desktop",
    "mobile",
    "tablet",
}


def check_rule_condition_device_type_1_item(value: str) -> RuleConditionDeviceType1Item:
    if value in RULE_CONDITION_DEVICE_TYPE_1_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {RULE_CONDITION_DEVICE_TYPE_1_ITEM_VALUES!r}"
    )
