from interprochance.participation.staircase import (
    IMPACT_STAGE_CODES,
    IMPLEMENTATION_STAGE_CODES,
    can_move,
    next_implementation_stage,
)


def test_seven_impact_stages_in_order():
    assert IMPACT_STAGE_CODES[0] == "activities" and IMPACT_STAGE_CODES[-1] == "society"
    assert len(IMPACT_STAGE_CODES) == 7


def test_moves():
    assert can_move("planned", "preparing")
    assert not can_move("planned", "running")  # no skipping
    assert can_move("running", "planned")  # back is allowed
    assert not can_move("running", "running")
    assert not can_move("planned", "unknown")
    assert next_implementation_stage("evaluated") == "anchored"
    assert next_implementation_stage("anchored") is None
    assert IMPLEMENTATION_STAGE_CODES == (
        "planned",
        "preparing",
        "running",
        "evaluated",
        "anchored",
    )
