from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interprochance.pool.costsplit import ChildLine, split_cost

KIDS = [
    ChildLine("K1", "JA", Decimal("10")),
    ChildLine("K2", "EGH", Decimal("20")),
    ChildLine("K3", "EGH", Decimal("10")),
]
PLAN = [
    (Decimal("30"), ("K1", "K2", "K3")),  # one group of three
    (Decimal("30"), ("K2",)),  # K2 alone
]


def test_pro_rata_by_entitled_hours():
    s = split_cost(total_cents=100_00, children=KIDS, assignments=PLAN, rule="hours")
    by = s.by_bearer()
    assert by["JA"].amount_cents == 25_00  # 10 of 40 hours
    assert by["EGH"].amount_cents == 75_00
    assert by["EGH"].basis == Decimal("30")


def test_by_groups_actually_served():
    s = split_cost(total_cents=60_00, children=KIDS, assignments=PLAN, rule="groups")
    by = s.by_bearer()
    assert by["JA"].amount_cents == 10_00  # a third of the group
    assert by["EGH"].amount_cents == 50_00  # two thirds of the group + the 1:1 hour
    k2 = next(c for c in by["EGH"].children if c.child == "K2")
    assert (k2.slots_alone, k2.slots_grouped) == (1, 1)


def test_unknown_rule():
    with pytest.raises(ValueError):
        split_cost(total_cents=1, children=KIDS, assignments=PLAN, rule="coin")


@given(
    st.integers(0, 10**9),
    st.lists(
        st.tuples(st.sampled_from(["A", "B", "C"]), st.integers(0, 40)), min_size=1, max_size=12
    ),
    st.sampled_from(["hours", "groups"]),
)
def test_shares_always_add_up_to_the_total(total, kids, rule):
    children = [ChildLine(f"K{i}", b, Decimal(h)) for i, (b, h) in enumerate(kids)]
    plan = [(Decimal(7), (c.child,)) for c in children] + [
        (Decimal(5), tuple(c.child for c in children[:3]))
    ]
    s = split_cost(total_cents=total, children=children, assignments=plan, rule=rule)
    basis = sum((c.entitled_hours for c in children), Decimal(0)) if rule == "hours" else Decimal(1)
    expected = total if basis > 0 else 0
    assert sum(b.amount_cents for b in s.bearers) == expected
    assert all(b.amount_cents >= 0 for b in s.bearers)
