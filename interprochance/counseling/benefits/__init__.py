"""Benefits check (pure Python): which statutory benefits a household may be entitled to.

Public API: `check_benefits(Household(...)) -> CheckResult`.
"""

from .check import CAVEATS, check_benefits, need_figures
from .model import Benefit, CheckResult, Hint, Household, Member, Outcome, Role, Schooling
from .parameters import DEFAULT_PARAMETERS, Parameters

__all__ = [
    "CAVEATS",
    "DEFAULT_PARAMETERS",
    "Benefit",
    "CheckResult",
    "Hint",
    "Household",
    "Member",
    "Outcome",
    "Parameters",
    "Role",
    "Schooling",
    "check_benefits",
    "need_figures",
]
