"""Statutory benefits first (Nachrang): when BuT or another benefit pays before the fund."""

from .rules import (
    FUND_REASONS,
    PURPOSE_LABELS,
    Benefit,
    ChildFacts,
    Purpose,
    Route,
    SubsidiarityError,
    SubsidiarityResult,
    check,
    check_fund_share,
    school_supplies_cents,
)

__all__ = [
    "FUND_REASONS",
    "PURPOSE_LABELS",
    "Benefit",
    "ChildFacts",
    "Purpose",
    "Route",
    "SubsidiarityError",
    "SubsidiarityResult",
    "check",
    "check_fund_share",
    "school_supplies_cents",
]
