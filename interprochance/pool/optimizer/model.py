"""CP-SAT model of the school-assistance pool.

Formulation: for every (school, class, day, slot) cell the admissible groups of
children are enumerated (rule 3: same class, size within every member's
``max_group``, exclusive / non-consenting children alone), and for each group
the assistants who may serve it (rule 2: school and availability; rule 4:
qualifications cover the needs of every member). One Boolean per
(group, assistant) says "this assistant serves this group in this slot".

- rule 1: each (child, day, slot) of ``support`` is in exactly one chosen group
- rule 2: at most one chosen group per (assistant, day, slot)
- rule 5: at most ``max_slots_week`` chosen groups per assistant
- rule 6: for slots i < j on one day, assistant at school X in i and at school
  Y != X in j while idle in between requires the travel time in the gap:
  ``at(X,i) + at(Y,j) - busy(i+1..j-1) <= 1`` for each pair that is too tight
- rule 7: ``uses[child, assistant]`` indicators, at most ``max_assistants``

Objectives are lexicographic stages (each later stage keeps the earlier
optimum as a constraint): cost, then keeping previous assignments, then even
workloads (the largest weekly load). Independent components (schools linked
by shared assistants) are solved separately; this is exact because the rules
couple children and assistants only within a component.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from decimal import ROUND_FLOOR, Decimal
from itertools import combinations
from typing import Any

from ortools.sat.python import cp_model

from .bound import baseline_cost, cell_lower_bound
from .exchange import minutes_of
from .greedy import best_greedy_plan
from .types import Assignment, Assistant, Child, Instance, Solution

# one assignment of an assistant costs hourly_cost * slot_minutes / 60 EUR;
# in the model we use integer "cent-minutes": cents/h * minutes, divided by 6000 for EUR.
_UNIT = Decimal(6000)
# per-slot cost cuts (slot_cost_bounds) only for components with at least this many
# support (child, day, slot) triples
_SLOT_CUTS_MIN_SIZE = 250
# share of a large component's time kept for the Lagrangian week bound when the cost
# stage is not proven optimal (instead of the later stages; see solve_component)
_WEEK_BOUND_SHARE = 0.12


@dataclass
class _Var:
    var: cp_model.IntVar
    assistant: int
    day: str
    slot: int
    school: str
    children: tuple[int, ...]  # indexes into instance.children


@dataclass
class StageResult:
    name: str
    status: str
    value: int | None = None
    bound: float | None = None
    seconds: float = 0.0
    rounds: int = 1


@dataclass
class ComponentResult:
    status: str  # optimal / feasible / infeasible / unknown
    assignments: list[Assignment]
    cost_bound: Decimal | None
    stages: list[StageResult] = field(default_factory=list)
    unmet: list[tuple[str, str, int]] = field(default_factory=list)


class PoolModel:
    """Builds the CP-SAT model for one instance (usually one component)."""

    def __init__(
        self,
        instance: Instance,
        *,
        allow_unmet: bool = False,
        continuity: set[int] | None = None,
        teams: dict[int, set[int]] | None = None,
        slot_bounds: dict[tuple[str, int], int] | None = None,
    ):
        """``continuity``: children whose rule 7 is enforced (None = all); ``teams``: if
        given, each child may only be served by its team (a restriction; see solve_component);
        ``slot_bounds``: proven lower bounds on the cost of each (day, slot) (see
        slot_cost_bounds), added as redundant cuts unless ``allow_unmet``."""
        self.inst = instance
        self.slot_bounds = slot_bounds or {}
        self.continuity = continuity
        self.teams = teams
        self.model = cp_model.CpModel()
        self.vars: list[_Var] = []
        self.unmet: dict[tuple[int, str, int], cp_model.IntVar] = {}
        self.allow_unmet = allow_unmet
        # rule 7 indicators: (child, assistant) -> "this assistant serves this child this week"
        self.uses: dict[tuple[int, int], cp_model.IntVar] = {}
        self._build()

    # ----------------------------------------------------------------- building
    def _build(self) -> None:
        inst, m = self.inst, self.model
        assistants = inst.assistants
        at_school: dict[str, list[int]] = defaultdict(list)
        for ai, a in enumerate(assistants):
            for s in a.schools:
                at_school[s].append(ai)

        cells: dict[tuple[str, str, str, int], list[int]] = defaultdict(list)
        for ci, ch in enumerate(inst.children):
            for day, slot in ch.support:
                cells[(ch.school, ch.klass, day, slot)].append(ci)

        cover: dict[tuple[int, str, int], list[cp_model.IntVar]] = defaultdict(list)
        self.busy: dict[tuple[int, str, int], list[cp_model.IntVar]] = defaultdict(list)
        self.at: dict[tuple[int, str, int, str], list[cp_model.IntVar]] = defaultdict(list)
        self.load: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        by_child_assistant: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
        # per (child, assistant, day, slot): the options in which this assistant serves this child then
        by_child_assistant_slot: dict[
            tuple[int, int], dict[tuple[str, int], list[cp_model.IntVar]]
        ] = defaultdict(lambda: defaultdict(list))

        for (school, _klass, day, slot), members in sorted(cells.items()):
            present = [
                ai for ai in at_school.get(school, []) if assistants[ai].is_available(day, slot)
            ]
            if not present:
                continue
            kids = sorted(members)
            top = max(inst.children[k].group_limit for k in kids)
            for size in range(1, min(top, len(kids)) + 1):
                for group in combinations(kids, size):
                    if size > 1 and any(inst.children[k].group_limit < size for k in group):
                        continue
                    needs: set[str] = set()
                    for k in group:
                        needs.update(inst.children[k].needs)
                    for ai in present:
                        if not needs <= assistants[ai].qualifications:
                            continue
                        if self.teams is not None and any(
                            ai not in self.teams.get(k, ()) for k in group
                        ):
                            continue
                        v = m.new_bool_var("")
                        self.vars.append(_Var(v, ai, day, slot, school, group))
                        for k in group:
                            cover[(k, day, slot)].append(v)
                            by_child_assistant[(k, ai)].append(v)
                            by_child_assistant_slot[(k, ai)][(day, slot)].append(v)
                        self.busy[(ai, day, slot)].append(v)
                        self.at[(ai, day, slot, school)].append(v)
                        self.load[ai].append(v)

        # rule 1
        for ci, ch in enumerate(inst.children):
            for day, slot in ch.support:
                options = cover.get((ci, day, slot), [])
                if self.allow_unmet:
                    u = m.new_bool_var("")
                    self.unmet[(ci, day, slot)] = u
                    m.add(sum(options) + u == 1)
                else:
                    m.add(sum(options) == 1)  # empty -> infeasible, explained later

        # rule 2
        for vs in self.busy.values():
            if len(vs) > 1:
                m.add_at_most_one(vs)

        # rule 5
        for ai, vs in self.load.items():
            if len(vs) > assistants[ai].max_slots_week:
                m.add(sum(vs) <= assistants[ai].max_slots_week)

        # rule 6
        self._travel_constraints()

        # rule 7
        per_child: dict[int, list[int]] = defaultdict(list)
        for ci, ai in by_child_assistant:
            per_child[ci].append(ai)
        for ci, helpers in per_child.items():
            limit = inst.children[ci].max_assistants
            if len(helpers) <= limit or (self.continuity is not None and ci not in self.continuity):
                continue
            uses = []
            for ai in helpers:
                u = m.new_bool_var("")
                # aggregated per slot (at most one option holds anyway): a much tighter LP
                # than one implication per option or one big-M row per child and assistant
                for options in by_child_assistant_slot[(ci, ai)].values():
                    m.add(sum(options) <= u)
                uses.append(u)
                self.uses[(ci, ai)] = u
            m.add(sum(uses) <= limit)

        self.cost_coef = [
            int(assistants[v.assistant].hourly_cost * 100) * inst.slot_minutes for v in self.vars
        ]

        # redundant cuts (valid for every plan that covers all support slots): the cost spent
        # in each (day, slot) is at least that slot's own optimum under rules 1-4. The LP of
        # the whole week is much weaker than these per-slot optima (measured on school pools:
        # root bound 5,379 EUR against 5,611 EUR from the slot optima).
        if self.slot_bounds and not self.allow_unmet:
            in_slot: dict[tuple[str, int], list[int]] = defaultdict(list)
            for n, opt in enumerate(self.vars):
                in_slot[(opt.day, opt.slot)].append(n)
            total = 0
            for key, lb in self.slot_bounds.items():
                idx = in_slot.get(key, [])
                if lb <= 0 or not idx:
                    continue
                m.add(
                    cp_model.LinearExpr.weighted_sum(
                        [self.vars[n].var for n in idx], [self.cost_coef[n] for n in idx]
                    )
                    >= lb
                )
                total += lb
            if total:
                m.add(self.cost_expr() >= total)

    def _travel(self, x: str, y: str) -> int | None:
        sx = self._schools[x].travel_minutes
        if y in sx:
            return sx[y]
        sy = self._schools[y].travel_minutes
        return sy.get(x)

    def _travel_constraints(self) -> None:
        inst, m = self.inst, self.model
        self._schools = inst.school_by_id()
        starts = [minutes_of(s) for s in inst.slots]
        n = len(starts)
        for ai, a in enumerate(inst.assistants):
            if len(a.schools) < 2:
                continue
            tight = []
            for x in a.schools:
                for y in a.schools:
                    if x == y:
                        continue
                    need = self._travel(x, y)
                    for i in range(n):
                        for j in range(i + 1, n):
                            gap = starts[j] - starts[i] - inst.slot_minutes
                            if need is None or gap < need:
                                tight.append((x, y, i, j))
            for day in inst.days:
                for x, y, i, j in tight:
                    first = self.at.get((ai, day, i, x))
                    second = self.at.get((ai, day, j, y))
                    if not first or not second:
                        continue
                    between = [v for k in range(i + 1, j) for v in self.busy.get((ai, day, k), [])]
                    m.add(sum(first) + sum(second) - sum(between) <= 1)

    # ----------------------------------------------------------------- objectives
    def cost_expr(self) -> Any:
        return cp_model.LinearExpr.weighted_sum([v.var for v in self.vars], self.cost_coef)

    def keep_expr(self, keep: Callable[[_Var], int]) -> tuple[Any, bool]:
        weights = [keep(v) for v in self.vars]
        pairs = [(v.var, w) for v, w in zip(self.vars, weights, strict=True) if w]
        if not pairs:
            return 0, False
        return cp_model.LinearExpr.weighted_sum([p[0] for p in pairs], [p[1] for p in pairs]), True

    def unmet_expr(self) -> Any:
        return sum(self.unmet.values())

    def max_load_var(self) -> cp_model.IntVar:
        top = max((len(vs) for vs in self.load.values()), default=0)
        z = self.model.new_int_var(0, top, "max_load")
        for vs in self.load.values():
            self.model.add(sum(vs) <= z)
        return z

    # ----------------------------------------------------------------- solving
    def _expr(self, name: str, keep_fn: Callable[[_Var], int] | None):
        if name == "cost":
            return self.cost_expr(), True
        if name == "unmet":
            return self.unmet_expr(), True
        if name == "penalized":
            big = 4 * max(self.cost_coef, default=1) + 1
            return big * self.unmet_expr() + self.cost_expr(), True
        if name == "keep":
            return self.keep_expr(keep_fn or (lambda v: 0))
        if name == "balance":
            return self.max_load_var(), True
        raise ValueError(name)  # pragma: no cover - programming error

    def continuity_violations(self, values: list[int]) -> set[int]:
        """Children with more distinct assistants than allowed in a 0/1 assignment."""
        helpers: dict[int, set[int]] = defaultdict(set)
        for v, val in zip(self.vars, values, strict=True):
            if val:
                for k in v.children:
                    helpers[k].add(v.assistant)
        return {k for k, hs in helpers.items() if len(hs) > self.inst.children[k].max_assistants}

    def run_stages(
        self,
        stages: list[tuple[str, str]],
        deadline: float,
        workers: int,
        seed: int = 0,
        keep_fn: Callable[[_Var], int] | None = None,
        *,
        hint: list[int] | None = None,
        fixed: tuple[tuple[str, str, int], ...] = (),
        extra_hints: list[tuple[cp_model.IntVar, int]] | None = None,
        lp_heavy: bool = True,
        share: float | None = None,
        lns_only: bool = False,
    ) -> tuple[list[StageResult], list[int] | None]:
        """Solve the stages in order; returns stage results and the final 0/1 values.

        ``stages`` are (name, sense) with names cost, keep, balance, unmet; ``fixed``
        are earlier stages' results to keep as constraints; ``hint`` a start solution.
        """
        for name, sense, value in fixed:
            expr, useful = self._expr(name, keep_fn)
            if useful:
                self.model.add(expr <= value if sense == "min" else expr >= value)
        results: list[StageResult] = []
        values: list[int] | None = hint
        weights = [0.7 if i == 0 else 0.15 for i in range(len(stages))]
        for idx, (name, sense) in enumerate(stages):
            remaining = deadline - time.monotonic()
            budget = max(
                0.3, remaining * (share if share is not None else weights[idx] / sum(weights[idx:]))
            )
            expr, useful = self._expr(name, keep_fn)
            if not useful:
                results.append(StageResult(name, "optimal", 0, 0, 0.0))
                continue
            if sense == "min":
                self.model.minimize(expr)
            else:
                self.model.maximize(expr)
            self.model.clear_hints()
            if values is not None:
                for v, val in zip(self.vars, values, strict=True):
                    self.model.add_hint(v.var, val)
                if idx == 0:
                    for var, val in extra_hints or ():
                        self.model.add_hint(var, val)
            solver = cp_model.CpSolver()
            solver.parameters.max_time_in_seconds = budget
            solver.parameters.num_workers = workers
            solver.parameters.random_seed = seed
            # the full LP relaxation with cuts is what proves optimality on pool-sized
            # components (measured: far better bounds than the default lazy LP)
            if lp_heavy:
                solver.parameters.linearization_level = 2
                solver.parameters.add_lp_constraints_lazily = False
                # every worker improves the plan by large-neighbourhood search from the hint
                # (no full-problem worker: no proof from CP-SAT, the bound comes from outside)
                solver.parameters.use_lns_only = lns_only
            else:
                # finding plans: the default portfolio with large-neighbourhood search
                solver.parameters.num_workers = max(workers, 4)
            started = time.monotonic()
            status = solver.solve(self.model)
            took = time.monotonic() - started
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                value = round(solver.objective_value)
                results.append(
                    StageResult(
                        name,
                        "optimal" if status == cp_model.OPTIMAL else "feasible",
                        value,
                        solver.best_objective_bound,
                        took,
                    )
                )
                values = [int(solver.boolean_value(v.var)) for v in self.vars]
                if self.unmet:
                    self._unmet_values = {
                        k: int(solver.boolean_value(u)) for k, u in self.unmet.items()
                    }
                # lock this stage's result for the next stages
                self.model.add(expr <= value if sense == "min" else expr >= value)
            elif status == cp_model.INFEASIBLE:
                results.append(StageResult(name, "infeasible", None, None, took))
                return results, None
            else:
                results.append(StageResult(name, "unknown", None, None, took))
                return results, values
        return results, values

    def values_for(self, assignments: list[Assignment]) -> list[int] | None:
        """0/1 values of this model for a plan (None if the plan uses an option the model lacks)."""
        a_index = {a.id: i for i, a in enumerate(self.inst.assistants)}
        c_index = {c.id: i for i, c in enumerate(self.inst.children)}
        key_of = {(v.assistant, v.day, v.slot, v.children): n for n, v in enumerate(self.vars)}
        values = [0] * len(self.vars)
        for x in assignments:
            kids = tuple(sorted(c_index.get(k, -1) for k in x.children))
            n = key_of.get((a_index.get(x.assistant, -1), x.day, x.slot, kids))
            if n is None:
                return None
            values[n] = 1
        return values

    def assignments_from(self, values: list[int]) -> list[Assignment]:
        inst = self.inst
        out = [
            Assignment(
                inst.assistants[v.assistant].id,
                v.day,
                v.slot,
                tuple(inst.children[k].id for k in v.children),
            )
            for v, val in zip(self.vars, values, strict=True)
            if val
        ]
        day_index = {d: i for i, d in enumerate(inst.days)}
        out.sort(key=lambda a: (a.assistant, day_index[a.day], a.slot))
        return out


class _SlotProblems:
    """The week cut into its (day, slot)s: each slot on its own under rules 1-4 (grouping,
    qualifications, one group per assistant), with a price per assistant-slot on top of the
    cost. Rules 5-7 only couple slots, so every valid plan restricted to one slot is a
    solution of that slot's problem."""

    def __init__(self, inst: Instance, workers: int = 1):
        self.inst = inst
        # the slot problems are independent and CP-SAT releases the GIL while it solves,
        # so ``workers`` threads solve that many slots at a time (measured on school pool
        # seed 0: a pass over its 40 slots 1.04 s with one thread, 0.54 s with two)
        self.workers = max(1, workers)
        self.keys = sorted({p for c in inst.children for p in c.support})
        self.models: list[PoolModel] = []
        for day, slot in self.keys:
            kids = tuple(
                replace(c, support=((day, slot),))
                for c in inst.children
                if (day, slot) in c.support
            )
            self.models.append(
                PoolModel(replace(inst, children=kids, previous=()), continuity=set())
            )
        # the most slots an assistant can work in the week: its weekly cap, or the slots in
        # which it has any option at all if that is fewer
        options: dict[int, set[tuple[str, int]]] = defaultdict(set)
        for key, sub in zip(self.keys, self.models, strict=True):
            for v in sub.vars:
                options[v.assistant].add(key)
        self.cap = [
            min(a.max_slots_week, len(options.get(ai, ()))) for ai, a in enumerate(inst.assistants)
        ]

    def _solve_one(
        self, sub: PoolModel, price: list[int], stop: float
    ) -> tuple[bool, tuple[int, list[int]] | None]:
        """One slot: whether it was started before ``stop``, and a proven lower bound with
        the loads of the solution found (None when no solution was found)."""
        left = stop - time.monotonic()
        if left <= 0.02:
            return False, None
        sub.model.minimize(
            cp_model.LinearExpr.weighted_sum(
                [v.var for v in sub.vars],
                [c + price[v.assistant] for v, c in zip(sub.vars, sub.cost_coef, strict=True)],
            )
        )
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.linearization_level = 2
        solver.parameters.max_time_in_seconds = min(left, 0.5)
        status = solver.solve(sub.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return True, None
        load = [0] * len(self.inst.assistants)
        for v in sub.vars:
            if solver.boolean_value(v.var):
                load[v.assistant] += 1
        return True, (math.ceil(solver.best_objective_bound - 1e-6), load)

    def solve(
        self, price: list[int], stop: float, only: set[tuple[str, int]] | None = None
    ) -> tuple[dict[tuple[str, int], int], list[int], bool]:
        """Per slot a proven lower bound of min(cost + sum of prices of the assistants used),
        the assistants' loads in the slot solutions found, and whether every slot was done
        (slots left when ``stop`` is reached are skipped: they contribute nothing).
        ``only``: solve just these slots."""
        todo = [
            (key, sub)
            for key, sub in zip(self.keys, self.models, strict=True)
            if only is None or key in only
        ]
        if self.workers > 1 and len(todo) > 1:
            with ThreadPoolExecutor(max_workers=self.workers) as pool:
                results = list(pool.map(lambda t: self._solve_one(t[1], price, stop), todo))
        else:
            results = [self._solve_one(sub, price, stop) for _key, sub in todo]
        out: dict[tuple[str, int], int] = {}
        load = [0] * len(self.inst.assistants)
        done = True
        for (key, _sub), (started, result) in zip(todo, results, strict=True):
            done = done and started
            if result is not None:
                out[key] = result[0]
                load = [a + b for a, b in zip(load, result[1], strict=True)]
        return out, load, done


def slot_cost_bounds(inst: Instance, budget: float) -> dict[tuple[str, int], int]:
    """Per (day, slot): a proven lower bound on the cost (model units) of that slot alone.

    Each slot is solved on its own under rules 1-4 (grouping, qualifications, one group per
    assistant); rules 5-7 only couple slots, so every valid plan spends at least this much in
    the slot. Slots not proven within the budget contribute CP-SAT's best bound so far
    (still valid); slots left when the budget is used up are skipped (no cut).
    """
    stop = time.monotonic() + budget
    return _SlotProblems(inst).solve([0] * len(inst.assistants), stop)[0]


class WeekBound:
    """Lower bounds on the week's cost (model units) from the slots solved on their own.

    ``per_slot`` / ``base``: each (day, slot) under rules 1-4 (as slot_cost_bounds) and their
    sum. ``best``: additionally a Lagrangian bound that counts rule 5 (weekly caps), never
    below ``base``. For prices p_a >= 0 per assistant-slot, every valid plan has

        cost = sum_t [cost_t + sum_a p_a load_a,t] - sum_a p_a load_a
             >= sum_t B_t(p) - sum_a p_a cap_a,

    where B_t(p) is a proven lower bound of slot t's problem with the prices added (rules
    1-4 hold in every slot of a valid plan) and cap_a >= load_a (rule 5; cap_a is also at
    most the slots in which a has any option). p = 0 gives ``base``; prices on the cheap
    assistants, whose caps the slot optima overrun, lift it. Prices start at the step from
    the assistant's rate to the next dearer rate among the assistants with slack, then
    follow subgradient steps (load - cap) while time is left (``improve``).
    """

    def __init__(self, inst: Instance, budget: float, workers: int = 1):
        started = time.monotonic()
        stop = started + budget
        self.problems = _SlotProblems(inst, workers)
        n = len(inst.assistants)
        self.per_slot, self._load, self.complete = self.problems.solve([0] * n, stop)
        # one pass over all slots takes about as long as this first one (scaled up when the
        # budget ran out before every slot was solved, e.g. on a loaded machine)
        self.pass_seconds = (
            (time.monotonic() - started) * len(self.problems.keys) / max(1, len(self.per_slot))
        )
        self.base = sum(self.per_slot.values())
        self.best = self.base
        self.rounds = 0
        self._unit = inst.slot_minutes * 100  # model units per EUR/h of one slot
        self._rate = [int(a.hourly_cost * 100) * inst.slot_minutes for a in inst.assistants]
        self._price: list[int] | None = None
        self._theta = 1.0
        if self.complete:
            self._start_prices()

    def _start_prices(self) -> None:
        """First prices, from the loads of the slot optima (needs every slot solved)."""
        cap, load, rate = self.problems.cap, self._load, self._rate
        n = len(cap)
        over = {ai for ai in range(n) if load[ai] > cap[ai]}
        # the rate an overrun assistant's slots fall back to: the cheapest rate above its own
        # among the assistants with real slack (at most 90 % of their cap used in the optima)
        free = sorted({rate[ai] for ai in range(n) if 10 * load[ai] <= 9 * cap[ai]})
        if over:
            self._price = [0] * n
            for ai in over:
                dearer = [r for r in free if r > rate[ai]]
                self._price[ai] = (dearer[0] - rate[ai]) * 9 // 10 if dearer else self._unit

    def _complete_base(self, stop: float) -> None:
        """Solve the slots the first pass had no time for (their bound counts from now on)."""
        missing = set(self.problems.keys) - set(self.per_slot)
        n = len(self.problems.cap)
        bounds, load, done = self.problems.solve([0] * n, stop, only=missing)
        self.per_slot.update(bounds)
        self._load = [a + b for a, b in zip(self._load, load, strict=True)]
        self.base = sum(self.per_slot.values())
        self.best = max(self.best, self.base)
        if done:
            self.complete = True
            self._start_prices()

    @property
    def can_improve(self) -> bool:
        """Whether more time can lift the bound: slots still unsolved, or some cap overrun by
        the slot optima (Lagrangian passes)."""
        return not self.complete or self._price is not None

    def improve(self, stop: float) -> int:
        """Lagrangian passes (each solves every slot once) until ``stop``; returns ``best``.
        Slots the first pass left out are solved first."""
        if not self.complete:
            self._complete_base(stop)
        cap = self.problems.cap
        while self._price is not None and time.monotonic() < stop:
            price = self._price
            bounds, load, done = self.problems.solve(price, stop)
            if not done:
                break
            self.rounds += 1
            value = sum(bounds.values()) - sum(p * c for p, c in zip(price, cap, strict=True))
            if value > self.best:
                self.best = value
            else:
                self._theta /= 2
            direction = [used - c for used, c in zip(load, cap, strict=True)]
            norm = sum(g * g for p, g in zip(price, direction, strict=True) if p > 0 or g > 0)
            if norm == 0:
                self._price = None  # the slot solutions keep every cap: nothing to gain
                break
            target = self.best + max(self.best // 100, self._unit)
            step = self._theta * (target - value) / norm
            self._price = [max(0, int(p + step * g)) for p, g in zip(price, direction, strict=True)]
        return self.best


def _teams(pm: PoolModel, values: list[int]) -> dict[int, set[int]]:
    """Per child, the ``max_assistants`` assistants serving it most often in a plan."""
    count: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for v, val in zip(pm.vars, values, strict=True):
        if val:
            for k in v.children:
                count[k][v.assistant] += 1
    out = {}
    for k, c in count.items():
        ranked = sorted(c, key=lambda a: (-c[a], a))
        out[k] = set(ranked[: pm.inst.children[k].max_assistants])
    return out


def _evaluate(pm: PoolModel, name: str, keep: Callable[[_Var], int], values: list[int]) -> int:
    """Value of a stage objective (cost or keep) for given 0/1 values of the model's options."""
    if name == "cost":
        return sum(c * val for c, val in zip(pm.cost_coef, values, strict=True))
    if name == "keep":
        return sum(keep(v) * val for v, val in zip(pm.vars, values, strict=True))
    raise ValueError(name)


# --------------------------------------------------------------------- components
def components(instance: Instance) -> list[Instance]:
    """Split into independent sub-instances (schools connected by shared assistants)."""
    parent: dict[str, str] = {s.id: s.id for s in instance.schools}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in instance.assistants:
        for other in a.schools[1:]:
            ra, rb = find(a.schools[0]), find(other)
            if ra != rb:
                parent[rb] = ra
    groups: dict[str, list[str]] = defaultdict(list)
    for s in instance.schools:
        groups[find(s.id)].append(s.id)
    parts = []
    for root in sorted(groups, key=lambda r: groups[r][0]):
        school_ids = set(groups[root])
        kids = tuple(c for c in instance.children if c.school in school_ids)
        if not kids:
            continue
        helpers = tuple(a for a in instance.assistants if a.schools and find(a.schools[0]) == root)
        kid_ids = {c.id for c in kids}
        parts.append(
            replace(
                instance,
                schools=tuple(s for s in instance.schools if s.id in school_ids),
                children=kids,
                assistants=helpers,
                previous=tuple(p for p in instance.previous if p[0] in kid_ids),
            )
        )
    return parts


def _size(inst: Instance) -> int:
    return sum(len(c.support) for c in inst.children) + 1


def _cost_of(instance: Instance, assignments: Iterable[Assignment]) -> Decimal:
    rate = {a.id: a.hourly_cost for a in instance.assistants}
    return sum(
        (rate[x.assistant] * instance.slot_minutes / Decimal(60) for x in assignments), Decimal("0")
    )


def solve_component(
    inst: Instance,
    *,
    deadline: float,
    workers: int,
    seed: int = 0,
    stages: list[tuple[str, str]] | None = None,
    keep_fn: Callable[[PoolModel, _Var], int] | None = None,
) -> ComponentResult:
    """Lexicographic solve of one component.

    Large components (at least _SLOT_CUTS_MIN_SIZE support triples) with a complete start
    plan: one solve of the full model from that plan; the week bound (WeekBound) is the
    proven lower bound unless CP-SAT proves the cost. Otherwise:

    The first stage uses *lazy continuity*: rule 7 is first left out and added only
    for the children whose plan breaks it, then re-solved, until no child breaks it.
    Every round solves a relaxation, so its bound is valid for the full problem, and
    a relaxed optimum that keeps rule 7 is optimal. (Measured on school pools: the
    rule-7 indicator variables slow the proof down ten-fold even where rule 7 does
    not bind.) Later stages run on the full model with the first stage's value fixed.
    """
    stages = stages or [("cost", "min"), ("keep", "max"), ("balance", "min")]
    first_stage, later = stages[0], stages[1:]

    def keep_for(pm: PoolModel) -> Callable[[_Var], int]:
        if keep_fn is not None:
            return lambda v: keep_fn(pm, v)
        prev = set(inst.previous)
        child_ids = [c.id for c in inst.children]
        assistant_ids = [a.id for a in inst.assistants]
        return lambda v: sum(
            1 for k in v.children if (child_ids[k], assistant_ids[v.assistant]) in prev
        )

    now = time.monotonic()
    first_deadline = now + (deadline - now) * (0.85 if later else 1.0)
    # a greedy plan: start point for the search and fallback when time runs out
    greedy, greedy_gaps = best_greedy_plan(
        inst, budget_seconds=min(1.5, 0.1 * (deadline - now)), seed=seed
    )
    # per-slot cost bounds: redundant cuts for every model below (not the slack models), and
    # the Lagrangian week bound (rule 5 priced in), a valid lower bound on the cost
    now = time.monotonic()
    # (only for large components: each slot solve has a fixed overhead of some milliseconds,
    # which on a district of 136 small components ate the time that proves them optimal)
    sb: dict[tuple[str, int], int] = {}
    week: WeekBound | None = None
    if _size(inst) >= _SLOT_CUTS_MIN_SIZE:
        week = WeekBound(inst, min(1.5, 0.15 * (first_deadline - now)), workers)
        sb = week.per_slot
    rounds = 1
    best_bound: float | None = None
    large_done = False
    if week is not None and sb and first_stage == ("cost", "min"):
        # large component: the full model (all seven rules, per-slot cuts) from the complete
        # start plan, in one solve with all the time but a reserve, every worker on
        # large-neighbourhood search. Measured on school pools seeds 0-5 (10 s, 2 workers,
        # mean gap to the bound, runs alternated): former rounds (relaxation without rule 7,
        # fixed teams, full model) 9.3-9.6 %, their first solves mostly spent in CP-SAT's
        # presolve and in search without a plan; one solve with CP-SAT's full-problem LP
        # worker 6.1-6.9 % (5 runs); LNS only 4.6-6.8 % (6 runs, mean 5.5 %; the spread from
        # run to run is larger than the difference). CP-SAT's own LP bound stayed below the week
        # bound on every school pool (10 s and 60 s), so that worker only took time from the
        # search; a plan that reaches the week bound is still proven optimal (below). The
        # plans keep improving steeply up to the end, so no time goes to further rounds.
        # without the per-slot cuts: with every worker on large-neighbourhood search CP-SAT
        # proves nothing, the bound comes from the week bound, and the 40 dense cost rows
        # only slow down each neighbourhood's LP (measured, seeds 0-5, 10 s, 3 runs
        # against 2: mean gap 6.2-6.9 % without, 8.2-9.4 % with)
        pm = PoolModel(inst)
        greedy_values = pm.values_for(greedy)
        greedy_ok = not greedy_gaps and greedy_values is not None
        if greedy_ok:
            large_done = True
            now = time.monotonic()
            # the reserve holds at least one Lagrangian pass (under load a pass takes longer
            # than 12 % of the time), and nothing when no prices can lift the bound
            reserve = (
                min(0.3, max(_WEEK_BOUND_SHARE, 1.3 * week.pass_seconds / (deadline - now)))
                * (deadline - now)
                if week.can_improve and deadline > now
                else 0.0
            )
            results, values = pm.run_stages(
                [first_stage],
                deadline - reserve,
                workers,
                seed,
                keep_for(pm),
                hint=greedy_values,
                share=1.0,
                lns_only=True,
            )
            r = results[0]
            at_bound = r.value is not None and r.value <= week.best
            if r.status != "optimal" and not at_bound:
                # cost not proven: the later stages (continuity, even loads, with this cost
                # fixed) would mostly end unproven too (measured: the balance stage ended
                # "unknown" on every school pool); the reserve lifts the bound instead
                later = []
                week.improve(deadline)
                at_bound = r.value is not None and r.value <= week.best
            week_lb = float(week.best)
            best_bound = week_lb if r.bound is None else max(week_lb, r.bound)
            if r.status == "feasible" and at_bound and r.value is not None:
                # the plan reaches the week bound: proven optimal without CP-SAT's proof
                results = [replace(r, status="optimal", bound=float(r.value))]
    if not large_done:
        # round 1: without rule 7 (its optimum bounds the full problem)
        now = time.monotonic()
        pm = PoolModel(inst, continuity=set(), slot_bounds=sb)
        pm_relaxed = pm
        greedy_values = pm.values_for(greedy)
        greedy_ok = not greedy_gaps and greedy_values is not None
        results, values = pm.run_stages(
            [first_stage],
            now + (first_deadline - now) * 0.3,
            workers,
            seed,
            keep_for(pm),
            hint=greedy_values,
        )
        r = results[0]
        best_bound = r.bound  # valid for the full problem whether or not round 1 finished
        if first_stage == ("cost", "min") and sb and r.status != "infeasible":
            # the sum of the per-slot optima bounds the cost of every complete plan
            best_bound = max(best_bound or 0, float(sum(sb.values())))
        round1_plan = values is not None and r.status in ("optimal", "feasible")
        if r.status != "infeasible" and (not round1_plan or pm.continuity_violations(values or [])):
            # round 2: the full model, started from round 1's plan and knowing round 1's bound
            # (a valid cut: when a plan reaches it, optimality is proven at once). The default
            # portfolio with local search repairs rule 7 far faster than the LP-heavy setting.
            rounds = 2
            pm = PoolModel(inst, slot_bounds=sb)
            fixed: tuple[tuple[str, str, int], ...] = ()
            if best_bound is not None:
                fixed = (
                    (
                        first_stage[0],
                        "max" if first_stage[1] == "min" else "min",
                        math.ceil(best_bound - 1e-6)
                        if first_stage[1] == "min"
                        else math.floor(best_bound + 1e-6),
                    ),
                )

            def improve_from(
                plan: list[int], plan_value: int
            ) -> tuple[StageResult, list[int] | None]:
                """The full model (full LP, round 1's bound as a cut) started from a complete
                plan; its plan only if it is no worse than the start."""
                c_results, c_values = pm.run_stages(
                    [first_stage],
                    first_deadline,
                    workers,
                    seed,
                    keep_for(pm),
                    hint=plan,
                    fixed=fixed,
                )
                c = c_results[0]
                kept = (
                    c_values is not None
                    and c.status in ("optimal", "feasible")
                    and c.value is not None
                    and c.value <= plan_value
                )
                return c, c_values if kept else None

            # a) fix each child's team to the assistants serving it most in round 1 (rule 7 then
            # holds by construction and the model stays as fast as round 1); if this restricted
            # optimum reaches round 1's bound, it is optimal for the full problem
            start = greedy_values if greedy_ok else values
            t_results: list[StageResult] = [StageResult(first_stage[0], "unknown")]
            t_values: list[int] | None = None
            if round1_plan and values is not None:
                restricted = PoolModel(
                    inst, continuity=set(), teams=_teams(pm_relaxed, values), slot_bounds=sb
                )
                t_results, t_values = restricted.run_stages(
                    [first_stage],
                    first_deadline,
                    workers,
                    seed,
                    keep_for(restricted),
                    fixed=fixed,
                    share=0.25,
                )
            proven = False
            restricted_value: int | None = None
            if t_values is not None and t_results[0].status in ("optimal", "feasible"):
                mapped = pm.values_for(restricted.assignments_from(t_values))  # noqa: F821
                if mapped is not None:
                    start = mapped
                    restricted_value = t_results[0].value
                    proven = (
                        bool(fixed) and first_stage[1] == "min" and restricted_value == fixed[0][2]
                    )
            if proven:
                results = [
                    replace(t_results[0], status="optimal", bound=float(restricted_value or 0))
                ]
                values = start
            elif (
                first_stage == ("cost", "min")
                and sb
                and start is not None
                and (restricted_value is not None or greedy_ok)
            ):
                # b) with the per-slot cuts, the full model with the full LP, started from a
                # complete plan (the fixed-team optimum or the greedy plan), both improves and
                # bounds best (measured on school pools: 3-15 % above the bound against 14-35 %
                # for the slack model below)
                start_value = (
                    restricted_value
                    if restricted_value is not None
                    else _evaluate(pm, "cost", keep_for(pm), start)
                )
                c, improved = improve_from(start, start_value)
                if improved is not None:
                    results, values = [replace(c, rounds=rounds)], improved
                else:
                    results = [
                        StageResult("cost", "feasible", start_value, None, c.seconds, rounds)
                    ]
                    values = start
            elif first_stage == ("cost", "min"):
                # b) the full model with slack for uncovered slots (heavily penalised), started
                # from the greedy plan: every start is feasible there, so local search improves
                # from the first second instead of first hunting for a plan that keeps rule 7
                slack = PoolModel(inst, allow_unmet=True)
                slack_start = greedy_values if greedy_values is not None else None
                c_index = {c.id: i for i, c in enumerate(inst.children)}
                gaps = {(c_index[k], d, sl) for k, d, sl in greedy_gaps}
                unmet_hints = [(u, int(key in gaps)) for key, u in slack.unmet.items()]
                s_results, s_values = slack.run_stages(
                    [("penalized", "min")],
                    first_deadline,
                    workers,
                    seed,
                    hint=slack_start,
                    extra_hints=unmet_hints if slack_start is not None else None,
                    lp_heavy=False,
                    share=0.5,
                )
                if (
                    s_values is not None
                    and s_results[0].status in ("optimal", "feasible")
                    and not any(slack._unmet_values.values())
                ):
                    cost_value = _evaluate(pm, "cost", keep_for(pm), s_values)
                    # proven: the bound of round 1 is reached, or the penalised model itself is
                    # optimal with nothing uncovered (then no cheaper complete plan exists)
                    at_bound = (bool(fixed) and cost_value == fixed[0][2]) or s_results[
                        0
                    ].status == "optimal"
                    results = [
                        StageResult(
                            "cost",
                            "optimal" if at_bound else "feasible",
                            cost_value,
                            float(cost_value) if at_bound else None,
                            s_results[0].seconds,
                            rounds,
                        )
                    ]
                    values = s_values
                    if not at_bound:
                        # c) improve and prove on the full model with the full LP, from that plan
                        c, improved = improve_from(values, cost_value)
                        if improved is not None:
                            results, values = [replace(c, rounds=rounds)], improved
                elif restricted_value is not None:
                    results = [replace(t_results[0], status="feasible", bound=None)]
                    values = start
                else:
                    results = [
                        StageResult("cost", "unknown", None, None, s_results[0].seconds, rounds)
                    ]
                    values = None
            else:
                # b) the full model from the best start, knowing the bound
                results, values = pm.run_stages(
                    [first_stage],
                    first_deadline,
                    workers,
                    seed,
                    keep_for(pm),
                    hint=start,
                    fixed=fixed,
                    lp_heavy=False,
                )
                if (
                    values is None or results[0].status not in ("optimal", "feasible")
                ) and restricted_value is not None:
                    results = [replace(t_results[0], status="feasible", bound=None)]
                    values = start
            r = results[0]
            if r.bound is not None and best_bound is not None:
                best_bound = (
                    max(best_bound, r.bound)
                    if first_stage[1] == "min"
                    else min(best_bound, r.bound)
                )
            elif r.bound is not None:
                best_bound = r.bound
        elif r.status == "unknown":
            best_bound = None
        elif (
            r.status == "feasible"
            and values is not None
            and time.monotonic() < first_deadline - 0.3
        ):
            # round 1 ran out of time with a plan that keeps rule 7 anyway: go on with the cost
            # stage on the full model from that plan until the stage's time is used
            full = PoolModel(inst, slot_bounds=sb)
            cut: tuple[tuple[str, str, int], ...] = ()
            if r.bound is not None and first_stage[1] == "min":
                cut = ((first_stage[0], "max", math.ceil(r.bound - 1e-6)),)
            c_results, c_values = full.run_stages(
                [first_stage],
                first_deadline,
                workers,
                seed,
                keep_for(full),
                hint=values,
                fixed=cut,
                lp_heavy=False,
            )
            c = c_results[0]
            better = c.value is not None and (
                r.value is None
                or (c.value <= r.value if first_stage[1] == "min" else c.value >= r.value)
            )
            if c_values is not None and c.status in ("optimal", "feasible") and better:
                results, values, pm = [replace(c, rounds=2)], c_values, full
    r = results[0]
    if (
        (values is None or r.status not in ("optimal", "feasible"))
        and greedy_ok
        and r.status != "infeasible"
    ):
        # no plan from the solver in time, but the greedy plan keeps every rule
        values = greedy_values
        results = [StageResult(first_stage[0], "feasible", None, None, r.seconds, rounds)]
        r = results[0]
    elif (
        values is not None
        and r.status in ("optimal", "feasible")
        and pm.continuity_violations(values)
    ):
        # only possible when round 2 was skipped for lack of time: keep the greedy plan if valid
        if greedy_ok:
            values = greedy_values
            results = [StageResult(first_stage[0], "feasible", None, None, r.seconds, rounds)]
            r = results[0]
        else:
            values = None
            results = [StageResult(first_stage[0], "unknown", None, None, r.seconds, rounds)]
            r = results[0]
    if values is not None and r.status in ("optimal", "feasible") and later:
        full = PoolModel(inst, slot_bounds=sb)
        first_value = r.value
        if first_value is None:  # the greedy plan: its own objective value
            first_value = _evaluate(full, first_stage[0], keep_for(full), values)
        more, later_values = full.run_stages(
            later,
            deadline,
            workers,
            seed,
            keep_for(full),
            hint=values,
            fixed=((first_stage[0], first_stage[1], first_value),),
        )
        results = results + more
        if later_values is not None and not full.continuity_violations(later_values):
            values = later_values
            pm = full
    if results and best_bound is not None and first_stage[1] == "min":
        # round 1's bound holds for the full problem; keep the stronger of the two
        own = results[0].bound
        results[0] = replace(results[0], bound=best_bound if own is None else max(own, best_bound))
    if results:
        results[0] = replace(results[0], rounds=rounds)
    first = results[0]
    cost_stage = next((r for r in results if r.name == "cost"), None)
    bound = None
    if cost_stage is not None and cost_stage.bound is not None:
        bound = Decimal(str(cost_stage.bound)) / _UNIT
    if values is not None and results[0].status in ("optimal", "feasible"):
        status = "optimal" if all(r.status == "optimal" for r in results) else "feasible"
        return ComponentResult(status, pm.assignments_from(values), bound, results)
    # no valid plan: find the most children/slots that can be covered and name the rest
    relaxed = PoolModel(inst, allow_unmet=True)
    r_results, r_values = relaxed.run_stages(
        [("unmet", "min"), ("cost", "min")],
        max(deadline, time.monotonic() + 2.0),
        workers,
        seed,
        lp_heavy=False,
    )
    assignments = relaxed.assignments_from(r_values) if r_values is not None else []
    unmet = []
    if r_values is not None:
        for (ci, day, slot), val in relaxed._unmet_values.items():
            if val:
                unmet.append((inst.children[ci].id, day, slot))
    if r_values is not None and not unmet:
        # the relaxed search found a complete plan the time-limited main search missed
        return ComponentResult("feasible", assignments, None, results + r_results)
    proven = first.status == "infeasible" or bool(
        r_results and r_results[0].status == "optimal" and r_results[0].value
    )
    return ComponentResult(
        "infeasible" if proven else "unknown", assignments, None, results + r_results, unmet
    )


def solve(
    instance: Instance,
    *,
    time_limit: float = 10.0,
    workers: int = 1,
    seed: int = 0,
    decompose: bool = True,
) -> Solution:
    """Solve an instance; always returns a Solution (never raises for infeasible input)."""
    from .explain import explain_unmet

    started = time.monotonic()
    deadline = started + time_limit
    parts = components(instance) if decompose else [instance]
    total_size = sum(_size(p) for p in parts) or 1
    remaining_size = total_size
    assignments: list[Assignment] = []
    statuses: list[str] = []
    bound = Decimal("0")
    bound_complete = True
    proven_all = True
    unmet_triples: list[tuple[str, str, int]] = []
    stage_log: list[dict] = []
    # small components first: they finish early and leave their time to the big ones
    for part in sorted(parts, key=_size):
        now = time.monotonic()
        share = (deadline - now) * _size(part) / remaining_size
        remaining_size -= _size(part)
        # several workers pay off only on large components (school pools: 2 workers found
        # plans 10-25 % cheaper than 1); small ones are proven fastest by one LP-heavy worker
        # (district of 136 components: proven in 23 s with 1 worker, unproven after 46 s with 2)
        part_workers = workers if _size(part) >= _SLOT_CUTS_MIN_SIZE else 1
        res = solve_component(part, deadline=now + max(share, 0.3), workers=part_workers, seed=seed)
        statuses.append(res.status)
        assignments.extend(res.assignments)
        unmet_triples.extend(res.unmet)
        # per component: the better of the proven bound (CP-SAT, relaxation or week bound) and
        # the cell-partition bound
        part_lb = cell_lower_bound(part)
        if res.cost_bound is not None:
            part_lb = max(part_lb, res.cost_bound)
        else:
            bound_complete = False
        if res.status in ("optimal", "feasible"):
            part_cost = _cost_of(part, res.assignments)
            cost_proven = (
                bool(res.stages)
                and res.stages[0].name == "cost"
                and res.stages[0].status == "optimal"
            )
            part_lb = part_cost if cost_proven else min(part_lb, part_cost)
            proven_all = proven_all and cost_proven
        else:
            proven_all = False
        bound += part_lb
        stage_log.append(
            {
                "children": len(part.children),
                "assistants": len(part.assistants),
                "status": res.status,
                "stages": [
                    {"name": s.name, "status": s.status, "seconds": round(s.seconds, 2)}
                    for s in res.stages
                ],
            }
        )

    if "infeasible" in statuses:
        status = "infeasible"
    elif "unknown" in statuses:
        status = "unknown"
    elif all(s == "optimal" for s in statuses):
        status = "optimal"
    else:
        status = "feasible"
    cost = _cost_of(instance, assignments)
    cell_bound = cell_lower_bound(instance)
    if status in ("optimal", "feasible") and proven_all:
        lower, method = cost, "cp-sat (proven optimal)"
    elif status in ("optimal", "feasible"):
        lower = min(max(bound, cell_bound), cost)
        method = (
            "per component: max(cp-sat or week bound, cell partition)"
            if bound_complete
            else "per component: cp-sat or week bound where available, else cell partition"
        )
    else:
        lower, method = cell_bound, "cell-partition"
    unmet = explain_unmet(instance, assignments, unmet_triples) if unmet_triples else []
    day_index = {d: i for i, d in enumerate(instance.days)}
    assignments.sort(key=lambda a: (a.assistant, day_index[a.day], a.slot))
    loads: dict[str, int] = defaultdict(int)
    for x in assignments:
        loads[x.assistant] += 1
    prev = set(instance.previous)
    kept = sum(1 for x in assignments for k in x.children if (k, x.assistant) in prev)
    return Solution(
        status=status,
        assignments=assignments,
        cost=cost,
        lower_bound=lower.quantize(Decimal("0.01"), rounding=ROUND_FLOOR)
        if lower is not None
        else None,
        lower_bound_method=method,
        unmet=unmet,
        info={
            "baseline_cost": float(baseline_cost(instance).quantize(Decimal("0.01"))),
            "cell_lower_bound": float(cell_bound.quantize(Decimal("0.01"))),
            "kept_previous": kept,
            "max_load": max(loads.values(), default=0),
            "components": len(parts),
            "seconds": round(time.monotonic() - started, 2),
            "component_log": stage_log if len(stage_log) <= 20 else stage_log[:20],
        },
    )


def child_index(inst: Instance) -> dict[str, int]:
    return {c.id: i for i, c in enumerate(inst.children)}


__all__ = ["PoolModel", "components", "solve", "solve_component", "Assistant", "Child"]
