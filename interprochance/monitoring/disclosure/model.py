"""Area hierarchy and measure links used by disclosure control."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    code: str
    parent: str | None = None
    level: str = ""


@dataclass(frozen=True)
class Link:
    """``numerator`` <= ``denominator`` in every area (the measures of one indicator).

    The attacker knows this relation, so it is part of the audit; the primary
    rules for rates (minimum denominator, complement) are applied per link.
    """

    numerator: str
    denominator: str


class Hierarchy:
    """A forest of areas; each parent equals the sum of its children."""

    def __init__(self, areas: Iterable[Area]):
        self._parent: dict[str, str | None] = {}
        self._level: dict[str, str] = {}
        for area in areas:
            if area.code in self._parent:
                raise ValueError(f"area {area.code!r} appears twice")
            self._parent[area.code] = area.parent
            self._level[area.code] = area.level
        self._children: dict[str, list[str]] = {code: [] for code in self._parent}
        for code, parent in self._parent.items():
            if parent is None:
                continue
            if parent not in self._parent:
                raise ValueError(f"area {code!r} has unknown parent {parent!r}")
            self._children[parent].append(code)
        # Cycle check: every chain of parents must end at a root.
        for code in self._parent:
            seen = {code}
            current = self._parent[code]
            while current is not None:
                if current in seen:
                    raise ValueError(f"area hierarchy has a cycle through {code!r}")
                seen.add(current)
                current = self._parent[current]

    @classmethod
    def from_parents(cls, parents: Mapping[str, str | None]) -> Hierarchy:
        return cls(Area(code, parent) for code, parent in parents.items())

    def __contains__(self, code: object) -> bool:
        return code in self._parent

    def __len__(self) -> int:
        return len(self._parent)

    @property
    def codes(self) -> list[str]:
        return list(self._parent)

    def parent(self, code: str) -> str | None:
        return self._parent[code]

    def children(self, code: str) -> list[str]:
        return list(self._children[code])

    def level(self, code: str) -> str:
        return self._level[code]

    def roots(self) -> list[str]:
        return [code for code, parent in self._parent.items() if parent is None]

    def depth(self, code: str) -> int:
        depth = 0
        current = self._parent[code]
        while current is not None:
            depth += 1
            current = self._parent[current]
        return depth

    def leaves_first(self) -> list[str]:
        """All codes, deepest first (children before their parents)."""
        depth: dict[str, int] = {}

        def d(code: str) -> int:
            if code not in depth:
                parent = self._parent[code]
                depth[code] = 0 if parent is None else d(parent) + 1
            return depth[code]

        return sorted(self._parent, key=d, reverse=True)
