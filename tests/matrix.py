"""Support for the role-matrix test: walking every route, and the context
handed to each app's `interprochance.<app>.matrix.route_examples(ctx)`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass
class Route:
    name: str  # "namespace:name" or the pattern text when unnamed
    pattern: str
    callback: Any
    converters: list[str]


@dataclass
class MatrixContext:
    tenant: Any  # Weiterstadt
    users: dict[str, Any]  # role -> user holding only that role in Weiterstadt
    outsider: Any  # holds every role, but in Griesheim
    demo: Any  # conftest.CoreDemo
    extra: dict[str, Any] = field(default_factory=dict)


def walk(
    patterns: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[Route]:
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            full = prefix + str(entry.pattern)
            name = entry.name or full
            if entry.name and namespace:
                name = f"{namespace}:{entry.name}"
            converters = list(getattr(entry.pattern, "converters", {}).keys())
            yield Route(name=name, pattern=full, callback=entry.callback, converters=converters)
