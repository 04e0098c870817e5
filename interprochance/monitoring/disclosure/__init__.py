"""Statistical disclosure control for monitoring tables (pure Python, no Django).

Cells are counts per (area, measure) for one period. Areas form a hierarchy in
which a parent is the sum of its children (Sozialraum -> Ortsteil -> Gemeinde ->
Landkreis); measures of one indicator are linked (numerator <= denominator).
``protect`` applies the primary rules, adds secondary suppressions and then
audits every suppressed cell with the attacker's linear programme, repairing
until no suppressed value can be narrowed below the protection width.
"""

from .model import Area, Hierarchy, Link
from .rules import DisclosureRules
from .suppress import CellDecision, ProtectionResult, protect

__all__ = [
    "Area",
    "CellDecision",
    "DisclosureRules",
    "Hierarchy",
    "Link",
    "ProtectionResult",
    "protect",
]
