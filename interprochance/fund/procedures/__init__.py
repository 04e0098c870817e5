"""Pure allocation procedures for the fund and a replay engine comparing them.

*Which source pays* (payers): earmark match, earliest expiry first, proportional
co-funding. *Who is funded when money is short* (priorities): first come,
need-based priority, area quotas. A Procedure combines one of each with a
decision rhythm (continuous or in rounds). ``replay`` runs a procedure over the
same applications and sources and measures it against the fund's goals.
"""

from .model import LIFE_PHASES, AppCase, Earmark, FundSource
from .payers import PAYERS, allocate
from .replay import (
    DEFAULT_PROCEDURES,
    PRIORITIES,
    Decision,
    Procedure,
    ProcedureError,
    ReplayResult,
    compare,
    replay,
)
from .synthetic import synthetic_applications, synthetic_sources

__all__ = [
    "DEFAULT_PROCEDURES",
    "LIFE_PHASES",
    "PAYERS",
    "PRIORITIES",
    "AppCase",
    "Decision",
    "Earmark",
    "FundSource",
    "Procedure",
    "ProcedureError",
    "ReplayResult",
    "allocate",
    "compare",
    "replay",
    "synthetic_applications",
    "synthetic_sources",
]
