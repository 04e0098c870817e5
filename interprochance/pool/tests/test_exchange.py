import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interprochance.pool.optimizer.exchange import (
    instance_to_dict,
    loads_instance,
    parse_instance,
    parse_solution,
    solution_to_dict,
)
from interprochance.pool.optimizer.generate import school_pool
from interprochance.pool.optimizer.types import InputError

from .helpers import small_instance


def example() -> dict:
    return instance_to_dict(small_instance())


def codes(data) -> set[str]:
    with pytest.raises(InputError) as info:
        parse_instance(data)
    return {p.code for p in info.value.problems}


def test_round_trip_keeps_everything():
    inst = school_pool(3)
    again = parse_instance(json.loads(json.dumps(instance_to_dict(inst))))
    assert again == inst


def test_format_example_from_the_spec_parses():
    data = {
        "format": "interprochance.pool.instance/1",
        "days": ["mo", "tu", "we", "th", "fr"],
        "slots": ["08:00", "08:45", "09:50", "10:35", "11:40", "12:25", "13:30", "14:15"],
        "slot_minutes": 45,
        "schools": [
            {"id": "S1", "name": "Carl-Ulrich-Schule", "travel_minutes": {"S2": 15}},
            {"id": "S2", "name": "X"},
        ],
        "children": [
            {
                "id": "K1",
                "school": "S1",
                "class": "3a",
                "cost_bearer": "JA",
                "legal_basis": "SGB VIII §35a",
                "needs": ["behaviour"],
                "exclusive": False,
                "max_group": 3,
                "max_assistants": 2,
                "support": [["mo", 0], ["mo", 1], ["tu", 0]],
            }
        ],
        "assistants": [
            {
                "id": "A1",
                "qualifications": ["behaviour", "care"],
                "max_slots_week": 30,
                "hourly_cost": 36.5,
                "schools": ["S1", "S2"],
                "available": [["mo", 0], ["mo", 1]],
            }
        ],
        "previous": [{"child": "K1", "assistant": "A1"}],
    }
    inst = parse_instance(data)
    assert inst.children[0].support == (("mo", 0), ("mo", 1), ("tu", 0))
    assert str(inst.assistants[0].hourly_cost) == "36.5"
    assert inst.previous == (("K1", "A1"),)


def test_unknown_school_of_child_and_assistant():
    data = example()
    data["children"][0]["school"] = "S9"
    data["assistants"][0]["schools"] = ["S1", "S8"]
    problems = pytest.raises(InputError, parse_instance, data).value.problems
    assert {p.code for p in problems} == {"unknown_school"}
    assert {p.params.get("school") for p in problems} == {"S9", "S8"}


def test_unknown_child_in_previous():
    data = example()
    data["previous"] = [{"child": "K99", "assistant": "A1"}]
    assert codes(data) == {"unknown_child"}


def test_slot_out_of_range_and_unknown_day():
    data = example()
    data["children"][0]["support"] = [["mo", 4], ["sa", 0], ["mo", -1]]
    assert codes(data) == {"slot_out_of_range", "unknown_day"}


def test_duplicate_ids():
    data = example()
    data["children"][1]["id"] = "K1"
    data["assistants"][2]["id"] = "A1"
    problems = pytest.raises(InputError, parse_instance, data).value.problems
    assert [p.code for p in problems].count("duplicate_id") == 2


def test_negative_hours_and_cost():
    data = example()
    data["assistants"][0]["max_slots_week"] = -3
    data["assistants"][1]["hourly_cost"] = -20
    assert codes(data) == {"negative"}


@pytest.mark.parametrize("cost", [1e26, "1e30", 100000.01])
def test_absurd_hourly_cost_is_a_problem_not_a_crash(cost):
    # found by test_mutated_valid_instance_never_crashes: 1e26 broke Decimal.quantize
    data = example()
    data["assistants"][0]["hourly_cost"] = cost
    assert codes(data) == {"too_large"}


def test_child_without_consent_may_not_be_groupable():
    data = example()
    data["children"][0]["consent"] = False
    assert codes(data) == {"no_consent_grouped"}
    data["children"][0]["max_group"] = 1
    assert parse_instance(data).children[0].group_limit == 1


def test_all_problems_are_reported_at_once():
    data = example()
    data["children"][0]["school"] = "S9"
    data["children"][1]["support"] = [["mo", 99]]
    data["assistants"][0]["max_slots_week"] = -1
    assert codes(data) == {"unknown_school", "slot_out_of_range", "negative"}


def test_not_json():
    with pytest.raises(InputError) as info:
        loads_instance("{not json")
    assert info.value.problems[0].code == "json"


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 50)
    | st.floats(allow_nan=True)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "school",
                    "class",
                    "support",
                    "days",
                    "slots",
                    "children",
                    "assistants",
                    "schools",
                    "format",
                    "slot_minutes",
                    "max_group",
                    "hourly_cost",
                    "available",
                    "needs",
                    "previous",
                    "travel_minutes",
                ]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_garbage_never_crashes(data):
    try:
        parse_instance(data)
    except InputError as exc:
        assert exc.problems
    try:
        parse_solution(data)
    except InputError as exc:
        assert exc.problems


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_valid_instance_never_crashes(data):
    inst = example()
    section = data.draw(st.sampled_from(["children", "assistants", "schools"]))
    idx = data.draw(st.integers(0, len(inst[section]) - 1))
    key = data.draw(st.sampled_from(sorted(inst[section][idx])))
    inst[section][idx][key] = data.draw(json_values)
    try:
        parse_instance(inst)
    except InputError as exc:
        assert all(p.message for p in exc.problems)


def test_solution_round_trip():
    from interprochance.pool.optimizer.model import solve

    sol = solve(small_instance(), time_limit=5)
    again = parse_solution(json.loads(json.dumps(solution_to_dict(sol))))
    assert again.assignments == sol.assignments
    assert again.status == sol.status
