from __future__ import annotations

from typing import Any

from django import template

from ..index import DYNAMICS_CLASSES, STATUS_CLASSES
from ..selectors import describe_reason, fmt

register = template.Library()


@register.filter
def num(value: Any, decimals: int = 1) -> str:
    if value is None:
        return "–"
    return fmt(float(value), int(decimals))


@register.filter
def get(mapping: dict, key: Any) -> Any:
    return mapping.get(key, "") if mapping else ""


@register.filter
def reason(code: str | None) -> str:
    return describe_reason(code)


@register.filter
def status_label(value: int | None) -> str:
    return STATUS_CLASSES.get(value or 0, "–")


@register.filter
def dynamics_label(value: int | None) -> str:
    return DYNAMICS_CLASSES.get(value or 0, "–")
