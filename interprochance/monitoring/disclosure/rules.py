"""Configurable disclosure rules (per tenant in the Django layer)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class DisclosureRules:
    """Rules for publishing counts and rates.

    - ``min_count``: a count 0 < n < min_count is sensitive (primary suppression).
    - ``min_denominator``: a rate over fewer than this many units is not shown; its
      numerator count is suppressed (otherwise numerator / denominator give it away).
    - ``protect_complement``: a numerator whose complement (denominator - numerator)
      is below ``min_count`` is sensitive too ("all but two children in the area").
    - ``dominance_n`` / ``dominance_k``: (n, k) dominance rule for cells with known
      contributions (e.g. contacts per provider): sensitive if the largest n
      contributions make up more than k percent of the cell. Off when k is None.
    - ``protection_width``: the attacker's feasible interval for every suppressed
      cell must be at least this wide (default: ``min_count``).
    - ``suppress_zeros``: treat zero cells as sensitive (off by default: an empty
      cell discloses nothing about a person).
    """

    min_count: int = 3
    min_denominator: int = 10
    protect_complement: bool = True
    dominance_n: int = 1
    dominance_k: float | None = None
    protection_width: float | None = None
    suppress_zeros: bool = False

    def __post_init__(self) -> None:
        if self.min_count < 1:
            raise ValueError("min_count must be at least 1")
        if self.min_denominator < 0:
            raise ValueError("min_denominator must not be negative")
        if self.dominance_n < 1:
            raise ValueError("dominance_n must be at least 1")
        if self.dominance_k is not None and not 0 < self.dominance_k <= 100:
            raise ValueError("dominance_k must be a percentage in (0, 100]")
        if self.protection_width is not None and self.protection_width < 0:
            raise ValueError("protection_width must not be negative")

    @property
    def width(self) -> float:
        return float(self.min_count if self.protection_width is None else self.protection_width)

    def count_is_sensitive(self, value: int) -> bool:
        if value == 0:
            return self.suppress_zeros
        return value < self.min_count

    def dominance_is_sensitive(self, value: float, contributions: Sequence[float]) -> bool:
        if self.dominance_k is None or not contributions or value <= 0:
            return False
        top = sorted(contributions, reverse=True)[: self.dominance_n]
        return sum(top) > self.dominance_k / 100.0 * value
