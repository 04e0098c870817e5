"""Pure-Python optimiser for school-assistance pools (no Django import).

Public surface: exchange-format I/O (``exchange``), the CP-SAT model (``model.solve``),
the independent checker (``checker.check``), bounds and the 1:1 baseline (``bound``),
re-planning for an absent assistant (``replan``), infeasibility explanations
(``explain``), instance generators (``generate``) and the CLI logic (``cli``).
"""

from .checker import CheckReport, check
from .exchange import (
    instance_to_dict,
    loads_instance,
    loads_solution,
    parse_instance,
    parse_solution,
    solution_to_dict,
)
from .model import solve
from .replan import replan
from .types import (
    Assignment,
    Assistant,
    Child,
    InputError,
    Instance,
    Problem,
    School,
    Solution,
    Unmet,
)

__all__ = [
    "Assignment",
    "Assistant",
    "CheckReport",
    "Child",
    "InputError",
    "Instance",
    "Problem",
    "School",
    "Solution",
    "Unmet",
    "check",
    "instance_to_dict",
    "loads_instance",
    "loads_solution",
    "parse_instance",
    "parse_solution",
    "replan",
    "solution_to_dict",
    "solve",
]
