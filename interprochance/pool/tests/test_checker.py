"""The checker must accept a hand-verified plan and name the rule each mutation breaks."""

from dataclasses import replace
from decimal import Decimal

import pytest

from interprochance.pool.optimizer.checker import check
from interprochance.pool.optimizer.types import Assignment as A
from interprochance.pool.optimizer.types import Solution

from .helpers import cost_of, small_instance

GOOD = [
    A("A1", "mo", 0, ("K1", "K2")),
    A("A2", "mo", 0, ("K3",)),
    A("A1", "mo", 1, ("K1", "K2")),
    A("A1", "tu", 0, ("K1",)),
    A("A3", "mo", 3, ("K4",)),
]


def verdict(plan, inst=None):
    inst = inst or small_instance()
    return check(inst, Solution("feasible", plan, cost_of(inst, plan)))


def test_hand_verified_plan_is_valid():
    report = verdict(GOOD)
    assert report.valid, [str(v) for v in report.violations]
    assert report.cost == Decimal("114.6")


@pytest.mark.parametrize(
    ("plan", "rule", "code"),
    [
        (GOOD[:-1], 1, "not_covered"),
        (GOOD + [A("A3", "mo", 3, ("K4",))], 1, "covered_twice"),
        (GOOD + [A("A2", "tu", 1, ("K2",))], 1, "not_in_support"),
        ([*GOOD[:2], A("A2", "mo", 1, ("K1", "K2")), *GOOD[3:]], 4, "not_qualified"),
        ([A("A1", "mo", 0, ("K1", "K2", "K3")), *GOOD[2:]], 3, "exclusive_grouped"),
        (
            [A("A1", "mo", 0, ("K1", "K2")), A("A1", "mo", 0, ("K3",)), *GOOD[2:]],
            2,
            "double_booked",
        ),
        ([*GOOD[:4], A("A2", "mo", 3, ("K4",))], 2, "wrong_school"),
        (
            [
                *GOOD[:4],
                A("A1", "mo", 3, ("K4",)),
            ],
            7,
            None,
        ),  # not broken: see test below
    ],
)
def test_mutations_are_caught(plan, rule, code):
    report = verdict(plan)
    if code is None:
        assert report.valid
        return
    assert rule in report.rules_broken(), [str(v) for v in report.violations]
    assert code in {v.code for v in report.violations}


def test_group_limit():
    inst = small_instance()
    kids = list(inst.children)
    kids[1] = replace(kids[1], max_group=1)
    report = verdict(GOOD, replace(inst, children=tuple(kids)))
    assert {v.code for v in report.violations} == {"group_too_large"}


def test_no_consent_child_grouped():
    inst = small_instance()
    kids = list(inst.children)
    kids[1] = replace(kids[1], consent=False, max_group=1)
    report = verdict(GOOD, replace(inst, children=tuple(kids)))
    assert "exclusive_grouped" in {v.code for v in report.violations}
    assert any("no consent" in v.message for v in report.violations)


def test_mixed_classes():
    inst = small_instance()
    kids = list(inst.children)
    kids[1] = replace(kids[1], klass="3b")
    report = verdict(GOOD, replace(inst, children=tuple(kids)))
    assert 3 in report.rules_broken()


def test_availability():
    inst = small_instance()
    helpers = list(inst.assistants)
    helpers[1] = replace(helpers[1], available=frozenset({("tu", 0)}))
    report = verdict(GOOD, replace(inst, assistants=tuple(helpers)))
    assert {v.code for v in report.violations} == {"not_available"}


def test_weekly_slots():
    inst = small_instance()
    helpers = list(inst.assistants)
    helpers[0] = replace(helpers[0], max_slots_week=2)
    report = verdict(GOOD, replace(inst, assistants=tuple(helpers)))
    assert report.rules_broken() == [5]


def test_travel_between_schools():
    # A1 at S1 in slot 1 (ends 09:30) and at S2 in slot 2 (starts 09:50): 20 minutes gap
    plan = [*GOOD[:4], A("A1", "mo", 2, ("K4",))]
    inst = small_instance()
    kids = list(inst.children)
    kids[3] = replace(kids[3], support=(("mo", 2),))
    ok = replace(inst, children=tuple(kids))
    assert verdict(plan, ok).valid  # 15 minutes needed
    far = replace(ok, schools=(replace(ok.schools[0], travel_minutes={"S2": 25}), ok.schools[1]))
    assert verdict(plan, far).rules_broken() == [6]
    unknown = replace(ok, schools=(replace(ok.schools[0], travel_minutes={}), ok.schools[1]))
    assert verdict(plan, unknown).rules_broken() == [6]
    # the travel time may be given on either school
    other_side = replace(
        ok,
        schools=(
            replace(ok.schools[0], travel_minutes={}),
            replace(ok.schools[1], travel_minutes={"S1": 15}),
        ),
    )
    assert verdict(plan, other_side).valid


def test_travel_only_between_consecutive_assignments():
    # S1 slot 0, S1 slot 1, S2 slot 3: only the pair (1, 3) matters; gap 65 minutes
    plan = [*GOOD[:4], A("A1", "mo", 3, ("K4",))]
    inst = small_instance()
    far = replace(
        inst, schools=(replace(inst.schools[0], travel_minutes={"S2": 60}), inst.schools[1])
    )
    assert verdict(plan, far).valid
    too_far = replace(
        inst, schools=(replace(inst.schools[0], travel_minutes={"S2": 70}), inst.schools[1])
    )
    assert verdict(plan, too_far).rules_broken() == [6]


def test_distinct_assistants_per_child():
    inst = small_instance()
    plan = [
        GOOD[0],
        GOOD[1],
        A("A1", "mo", 1, ("K1",)),
        A("A2", "mo", 1, ("K2",)),
        GOOD[3],
        GOOD[4],
    ]
    assert verdict(plan).valid  # K2 has A1 and A2: allowed (max 2)
    kids = list(inst.children)
    kids[1] = replace(kids[1], max_assistants=1)
    report = verdict(plan, replace(inst, children=tuple(kids)))
    assert report.rules_broken() == [7]


def test_unknown_references_do_not_crash():
    plan = [
        A("A9", "mo", 0, ("K1",)),
        A("A1", "sa", 0, ("K1",)),
        A("A1", "mo", 9, ("K1",)),
        A("A1", "mo", 0, ("K9",)),
        A("A1", "tu", 0, ()),
    ]
    codes = {v.code for v in verdict(plan).violations}
    assert {
        "unknown_assistant",
        "unknown_day",
        "slot_out_of_range",
        "unknown_child",
        "empty_assignment",
    } <= codes


def test_stated_cost_must_match():
    inst = small_instance()
    report = check(inst, Solution("feasible", GOOD, Decimal("1.00")))
    assert {v.code for v in report.violations} == {"cost_mismatch"}
