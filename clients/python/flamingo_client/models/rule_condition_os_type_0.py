from typing import Literal

RuleConditionOsType0 = Literal["android", "ios", "linux", "macos", "other", "windows"]

RULE_CONDITION_OS_TYPE_0_VALUES: set[RuleConditionOsType0] = {
    "android",
    "ios",
    "linux",
    "macos",
    "other",
    "windows",
}


def check_rule_condition_os_type_0(value: str) -> RuleConditionOsType0:
    if value in RULE_CONDITION_OS_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {RULE_CONDITION_OS_TYPE_0_VALUES!r}"
    )
