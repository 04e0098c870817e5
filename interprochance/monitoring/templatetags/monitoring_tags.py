from __future__ import annotations

from typing import Any

from django import template

from interprochance.core.models import Source
from interprochance.core.selectors import geometry_sources

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


@register.simple_tag
def map_boundary_sources(rows: Any) -> list[Source]:
    """The sources of the boundaries a map of these rows shows; empty when not every
    area has a boundary (then there is no map, but bars)."""
    areas = [r.area for r in rows or ()]
    if not areas or not all(a.geometry for a in areas):
        return []
    return geometry_sources(areas)
