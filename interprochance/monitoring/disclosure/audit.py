"""The attacker's linear programme.

An attacker knows every published cell, the additivity of the hierarchy
(parent = sum of children), the links between measures (numerator <=
denominator) and that counts are non-negative. For each protected expression
(a suppressed cell, or the complement of a suppressed numerator) we minimise
and maximise it over that polytope with HiGHS; the difference is the width of
what the attacker can learn.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

Key = Any  # cell identifiers: any hashable value


@dataclass(frozen=True)
class Equation:
    total: Key
    parts: tuple[Key, ...]


@dataclass(frozen=True)
class Inequality:
    """small <= big"""

    small: Key
    big: Key


@dataclass(frozen=True)
class Expression:
    """A linear expression the attacker must not pin down to less than ``width``."""

    label: Key
    coefs: tuple[tuple[Key, float], ...]
    width: float


def _components(
    variables: set[Key], equations: Sequence[Equation], inequalities: Sequence[Inequality]
) -> list[set[Key]]:
    parent: dict[Key, Key] = {v: v for v in variables}

    def find(x: Key) -> Key:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(keys: Iterable[Key]) -> None:
        roots = [find(k) for k in keys if k in variables]
        for r in roots[1:]:
            parent[find(r)] = find(roots[0])

    for eq in equations:
        union((eq.total, *eq.parts))
    for ineq in inequalities:
        union((ineq.small, ineq.big))
    groups: dict[Key, set[Key]] = {}
    for v in variables:
        groups.setdefault(find(v), set()).add(v)
    return list(groups.values())


class AttackerLP:
    """Builds and solves the attacker's LP for one connected set of unknown cells."""

    def __init__(
        self,
        variables: set[Key],
        values: Mapping[Key, float],
        equations: Sequence[Equation],
        inequalities: Sequence[Inequality],
    ):
        self.order = sorted(variables, key=repr)
        self.index = {k: i for i, k in enumerate(self.order)}
        self.values = values
        eq_rows: list[tuple[list[int], list[float], float]] = []
        for eq in equations:
            terms = [(eq.total, 1.0)] + [(p, -1.0) for p in eq.parts]
            row = self._row(terms)
            if row is not None:
                eq_rows.append(row)
        ub_rows: list[tuple[list[int], list[float], float]] = []
        for ineq in inequalities:
            row = self._row([(ineq.small, 1.0), (ineq.big, -1.0)])
            if row is not None:
                ub_rows.append(row)
        self.A_eq, self.b_eq = self._matrix(eq_rows)
        self.A_ub, self.b_ub = self._matrix(ub_rows)
        self.solves = 0

    def _row(self, terms: list[tuple[Key, float]]) -> tuple[list[int], list[float], float] | None:
        cols: list[int] = []
        coefs: list[float] = []
        rhs = 0.0
        for key, coef in terms:
            if key in self.index:
                cols.append(self.index[key])
                coefs.append(coef)
            else:
                rhs -= coef * float(self.values[key])
        if not cols:
            return None
        return cols, coefs, rhs

    def _matrix(self, rows: list[tuple[list[int], list[float], float]]):
        if not rows:
            return None, None
        r, c, d = [], [], []
        for i, (cols, coefs, _) in enumerate(rows):
            r.extend([i] * len(cols))
            c.extend(cols)
            d.extend(coefs)
        matrix = coo_matrix((d, (r, c)), shape=(len(rows), len(self.order))).tocsr()
        return matrix, np.array([row[2] for row in rows])

    def interval(self, coefs: Sequence[tuple[Key, float]]) -> tuple[float, float]:
        """Min and max of the expression over the attacker's feasible set."""
        c = np.zeros(len(self.order))
        offset = 0.0
        for key, coef in coefs:
            if key in self.index:
                c[self.index[key]] += coef
            else:
                offset += coef * float(self.values[key])
        if not c.any():
            return offset, offset
        lo = self._solve(c)
        hi = self._solve(-c)
        return lo + offset, (-hi if hi != -np.inf else np.inf) + offset

    def _solve(self, c: np.ndarray) -> float:
        self.solves += 1
        res = linprog(
            c,
            A_ub=self.A_ub,
            b_ub=self.b_ub,
            A_eq=self.A_eq,
            b_eq=self.b_eq,
            bounds=(0, None),
            method="highs",
        )
        if res.status == 3:  # unbounded
            return -np.inf
        if res.status != 0:
            raise RuntimeError(f"attacker LP failed: {res.message}")
        return float(res.fun)


def audit(
    variables: set[Key],
    values: Mapping[Key, float],
    equations: Sequence[Equation],
    inequalities: Sequence[Inequality],
    expressions: Sequence[Expression],
    cache: dict[frozenset, dict[Key, float]] | None = None,
) -> tuple[dict[Key, float], dict[Key, frozenset], int]:
    """Width the attacker cannot narrow each expression below.

    Returns (width per label, component per label, LP solves). A width is exact
    (closed form or LP) unless a cheap feasible perturbation already proves it is
    at least the required width, in which case that proven lower bound is given.
    """
    cache = {} if cache is None else cache
    widths: dict[Key, float] = {}
    component_of: dict[Key, frozenset] = {}
    solves = 0
    comps = [frozenset(c) for c in _components(variables, equations, inequalities)]
    var_comp = {v: comp for comp in comps for v in comp}
    by_comp: dict[frozenset, list[Expression]] = {}
    for expr in expressions:
        keys = [k for k, _ in expr.coefs if k in variables]
        if not keys:
            widths[expr.label] = 0.0
            continue
        comp = var_comp[keys[0]]
        component_of[expr.label] = comp
        by_comp.setdefault(comp, []).append(expr)
    eqs_of: dict[Key, list[int]] = {}
    for i, eqn in enumerate(equations):
        for k in (eqn.total, *eqn.parts):
            if k in variables:
                eqs_of.setdefault(k, []).append(i)
    ineqs_of: dict[Key, list[int]] = {}
    for i, q in enumerate(inequalities):
        for k in (q.small, q.big):
            if k in variables:
                ineqs_of.setdefault(k, []).append(i)
    for comp, exprs in by_comp.items():
        cached = cache.get(comp)
        if cached is not None and all(e.label in cached for e in exprs):
            for e in exprs:
                widths[e.label] = cached[e.label]
            continue
        eq_ids = sorted({i for k in comp for i in eqs_of.get(k, ())})
        ineq_ids = sorted({i for k in comp for i in ineqs_of.get(k, ())})
        comp_eqs = [equations[i] for i in eq_ids]
        comp_ineqs = [inequalities[i] for i in ineq_ids]
        result: dict[Key, float] = {}
        exact = _closed_form(comp, values, comp_eqs, comp_ineqs, exprs)
        if exact is not None:
            result = {label: hi - lo for label, (lo, hi) in exact.items()}
        else:
            open_exprs = []
            for e in exprs:
                proven = _swap_certificate(
                    e, comp, values, equations, inequalities, eqs_of, ineqs_of
                )
                if proven >= e.width:
                    result[e.label] = proven
                else:
                    open_exprs.append(e)
            if open_exprs:
                lp = AttackerLP(set(comp), values, comp_eqs, comp_ineqs)
                for e in open_exprs:
                    lo, hi = lp.interval(e.coefs)
                    result[e.label] = hi - lo
                solves += lp.solves
        cache[comp] = result
        widths.update(result)
    return widths, component_of, solves


def _swap_certificate(
    expr: Expression,
    comp: frozenset,
    values: Mapping[Key, float],
    equations: Sequence[Equation],
    inequalities: Sequence[Inequality],
    eqs_of: Mapping[Key, list[int]],
    ineqs_of: Mapping[Key, list[int]],
) -> float:
    """A proven lower bound on the width of a one-cell expression, or 0.

    If cell x is a leaf of its measure tree (it appears in exactly one equation, as
    a part), moving x by t and its hidden leaf siblings by -t in total keeps every
    equation true. With all other cells held at their true values, the links give
    each cell a box [lb, ub]; the moves that stay inside the boxes are feasible
    points of the attacker's polytope, so their span is a lower bound of his width.
    """
    unknown = [(k, c) for k, c in expr.coefs if k in comp]
    if len(unknown) != 1:
        return 0.0
    x, coef = unknown[0]

    def is_leaf(key: Key) -> int | None:
        ids = eqs_of.get(key, ())
        if len(ids) != 1 or equations[ids[0]].total == key:
            return None
        return ids[0]

    eq_id = is_leaf(x)
    if eq_id is None:
        return 0.0

    def box(key: Key) -> tuple[float, float]:
        lb, ub = 0.0, math.inf
        for i in ineqs_of.get(key, ()):
            q = inequalities[i]
            if q.small == key:
                ub = min(ub, float(values[q.big]))
            else:
                lb = max(lb, float(values[q.small]))
        return lb, ub

    lb_x, ub_x = box(x)
    down_capacity = 0.0  # how far siblings can go down (lets x go up)
    up_capacity = 0.0  # how far siblings can go up (lets x go down)
    for y in equations[eq_id].parts:
        if y == x or y not in comp or is_leaf(y) != eq_id:
            continue
        lb_y, ub_y = box(y)
        down_capacity += float(values[y]) - lb_y
        up_capacity += ub_y - float(values[y])
    vx = float(values[x])
    width = min(ub_x - vx, down_capacity) + min(vx - lb_x, up_capacity)
    return abs(coef) * width


def _closed_form(
    comp: frozenset,
    values: Mapping[Key, float],
    equations: Sequence[Equation],
    inequalities: Sequence[Inequality],
    exprs: Sequence[Expression],
) -> dict[Key, tuple[float, float]] | None:
    """Exact intervals without an LP for the common shape: the unknowns appear in
    one additivity equation only, with box bounds from published linked cells.

    For sum(x_j) = R with lb_j <= x_j <= ub_j the range of x_i is
    [max(lb_i, R - sum_{j!=i} ub_j), min(ub_i, R - sum_{j!=i} lb_j)].
    Returns None when the component has another shape (then the LP decides).
    """
    if len(equations) != 1:
        return None
    eq = equations[0]
    sign: dict[Key, float] = {}
    rhs = 0.0
    for key, coef in [(eq.total, 1.0)] + [(p, -1.0) for p in eq.parts]:
        if key in comp:
            sign[key] = sign.get(key, 0.0) + coef
        else:
            rhs -= coef * float(values[key])
    if set(sign) != set(comp) or any(abs(c) != 1.0 for c in sign.values()):
        return None
    if any(c < 0 for c in sign.values()) and any(c > 0 for c in sign.values()):
        # total and parts both unknown: the total is unbounded above in this shape;
        # leave it to the LP, which is cheap here and exact.
        return None
    lb = dict.fromkeys(comp, 0.0)
    ub = dict.fromkeys(comp, math.inf)
    for q in inequalities:
        small_in, big_in = q.small in comp, q.big in comp
        if small_in and big_in:
            return None
        if small_in:
            ub[q.small] = min(ub[q.small], float(values[q.big]))
        elif big_in:
            lb[q.big] = max(lb[q.big], float(values[q.small]))
    # Normalise to sum(x) = R with all signs +1.
    s = next(iter(sign.values()))
    total = rhs * s
    sum_ub = sum(ub.values())
    sum_lb = sum(lb.values())
    rng: dict[Key, tuple[float, float]] = {}
    for k in comp:
        lo = max(lb[k], total - (sum_ub - ub[k]))
        hi = min(ub[k], total - (sum_lb - lb[k]))
        rng[k] = (lo, hi)
    out: dict[Key, tuple[float, float]] = {}
    for e in exprs:
        unknown = [(k, c) for k, c in e.coefs if k in comp]
        if len(unknown) != 1:
            return None
        offset = sum(c * float(values[k]) for k, c in e.coefs if k not in comp)
        k, c = unknown[0]
        lo, hi = rng[k]
        a, b = c * lo, c * hi
        out[e.label] = (min(a, b) + offset, max(a, b) + offset)
    return out
