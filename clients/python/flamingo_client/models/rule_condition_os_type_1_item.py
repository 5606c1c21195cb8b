from typing import Literal

RuleConditionOsType1Item = Literal["android", "ios", "linux", "macos", "other", "windows"]

RULE_CONDITION_OS_TYPE_1_ITEM_VALUES: set[RuleConditionOsType1Item] = {
    "android",
    "ios",
    "linux",
    "macos",
    "other",
    "windows",
}


def check_rule_condition_os_type_1_item(value: str) -> RuleConditionOsType1Item:
    if value in RULE_CONDITION_OS_TYPE_1_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {RULE_CONDITION_OS_TYPE_1_ITEM_VALUES!r}"
    )
