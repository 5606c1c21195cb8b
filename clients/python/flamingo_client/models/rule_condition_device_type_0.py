from typing import Literal

RuleConditionDeviceType0 = Literal["bot", "desktop", "mobile", "tablet"]

RULE_CONDITION_DEVICE_TYPE_0_VALUES: set[RuleConditionDeviceType0] = {
    "bot",
    "desktop",
    "mobile",
    "tablet",
}


def check_rule_condition_device_type_0(value: str) -> RuleConditionDeviceType0:
    if value in RULE_CONDITION_DEVICE_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {RULE_CONDITION_DEVICE_TYPE_0_VALUES!r}"
    )
