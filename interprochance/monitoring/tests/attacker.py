"""An attacker's LP built independently of the production audit code.

Given only what is published (cells shown, the hierarchy, the measure links),
it computes the tightest interval for each hidden cell with HiGHS.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog


def attacker_intervals(hierarchy_parents, true_values, published, links=(), expressions=()):
    """hierarchy_parents: {area: parent}; true_values: {(area, measure): int} (only
    used to know which cells exist); published: {(area, measure): int} shown cells.
    Returns {(area, measure): (lo, hi)} for every hidden cell, plus one entry per
    extra expression given as (label, {key: coef})."""
    children: dict[str, list[str]] = {}
    for area, parent in hierarchy_parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(area)
    cells = sorted(true_values)
    hidden = [k for k in cells if k not in published]
    # Children without a value form one unknown remainder per (parent, measure).
    extra = []
    eq_rows = []  # list of (terms, rhs) with terms over hidden/extra variables
    measures = sorted({m for _, m in cells})
    for m in measures:
        for parent, kids in children.items():
            present = [k for k in kids if (k, m) in true_values]
            if not present or (parent, m) not in true_values:
                continue
            terms = [((parent, m), 1.0)] + [((k, m), -1.0) for k in present]
            if len(present) < len(kids):
                rest = ("rest:" + parent, m)
                extra.append(rest)
                terms.append((rest, -1.0))
            eq_rows.append(terms)
    variables = hidden + extra
    index = {k: i for i, k in enumerate(variables)}

    def row(terms):
        a = np.zeros(len(variables))
        b = 0.0
        for key, coef in terms:
            if key in index:
                a[index[key]] += coef
            else:
                b -= coef * published[key]
        return a, b

    A_eq, b_eq = [], []
    for terms in eq_rows:
        a, b = row(terms)
        if a.any():
            A_eq.append(a)
            b_eq.append(b)
        else:
            assert abs(b) < 1e-9, "published cells are not additive"
    A_ub, b_ub = [], []
    areas = sorted({a for a, _ in cells}) + sorted({r[0] for r in extra})
    for num, den in links:
        for area in areas:
            n, d = (area, num), (area, den)
            if (n in true_values or n in index) and (d in true_values or d in index):
                a, b = row([(n, 1.0), (d, -1.0)])
                if a.any():
                    A_ub.append(a)
                    b_ub.append(b)

    def solve(c):
        res = linprog(
            c,
            A_ub=np.array(A_ub) if A_ub else None,
            b_ub=np.array(b_ub) if b_ub else None,
            A_eq=np.array(A_eq) if A_eq else None,
            b_eq=np.array(b_eq) if b_eq else None,
            bounds=(0, None),
            method="highs",
        )
        if res.status == 3:
            return -np.inf
        assert res.status == 0, res.message
        return res.fun

    out = {}
    targets = [(k, {k: 1.0}) for k in hidden] + list(expressions)
    for label, coefs in targets:
        c = np.zeros(len(variables))
        offset = 0.0
        for key, coef in coefs.items():
            if key in index:
                c[index[key]] += coef
            else:
                offset += coef * published[key]
        if not c.any():
            out[label] = (offset, offset)
            continue
        lo = solve(c)
        hi = solve(-c)
        out[label] = (lo + offset, (np.inf if hi == -np.inf else -hi) + offset)
    return out
