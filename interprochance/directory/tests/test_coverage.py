"""Coverage matrix and gap rule (pure)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from interprochance.directory.coverage.matrix import (
    AreaNeed,
    GapRule,
    Supply,
    coverage,
    heatmap_rows,
)

PHASES = ["kita", "grundschule"]
NEEDS = ["bildung", "familie"]


def areas():
    return [
        AreaNeed("A", "Kernstadt", 1.8, 4000, "Index"),
        AreaNeed("B", "Braunshardt", 0.2, 1500, "Index"),
        AreaNeed("C", "Gräfenhausen", 1.1, 1800, "Index"),
        AreaNeed("D", "Riedbahn", None, None, "Index"),  # suppressed
    ]


def s(key, area, phases=("grundschule",), needs=("bildung",), hours=4.0):
    return Supply(key, frozenset([area]), frozenset(phases), frozenset(needs), hours)


def test_high_need_without_supply_is_flagged():
    result = coverage(areas(), [s("1", "B"), s("2", "C")], life_phases=PHASES, need_areas=NEEDS)
    assert result.high_need_areas == frozenset({"A"})
    cell = result.cell("A", "grundschule", "bildung")
    assert cell.gap and "kein Angebot" in cell.reason and "oberes Drittel" in cell.reason
    assert not result.cell("B", "grundschule", "bildung").gap  # low need
    assert not result.cell("D", "kita", "familie").gap  # unknown need never flagged


def test_low_relative_supply_is_flagged_with_figures():
    supply = [s("1", "A", hours=2), s("2", "B", hours=6), s("3", "C", hours=8)]
    result = coverage(areas(), supply, life_phases=PHASES, need_areas=NEEDS)
    cell = result.cell("A", "grundschule", "bildung")
    assert cell.services == 1 and cell.hours_per_1000 == 0.5
    assert cell.gap and "je 1.000 junge Menschen" in cell.reason
    # enough supply: not flagged
    supply[0] = s("1", "A", hours=20)
    assert (
        not coverage(areas(), supply, life_phases=PHASES, need_areas=NEEDS)
        .cell("A", "grundschule", "bildung")
        .gap
    )


def test_configurable_rule():
    rule = GapRule(high_need_quantile=0.0)  # every area with a known value counts as high need
    result = coverage(areas(), [], life_phases=PHASES, need_areas=NEEDS, rule=rule)
    assert result.high_need_areas == frozenset({"A", "B", "C"})


def test_heatmap_rows_count_services_once_per_phase():
    supply = [s("1", "A", phases=("kita",), needs=("bildung", "familie"), hours=3)]
    rows = {
        (r["area"], r["life_phase"]): r
        for r in heatmap_rows(coverage(areas(), supply, life_phases=PHASES, need_areas=NEEDS))
    }
    assert rows[("A", "kita")]["services"] == 1
    assert rows[("A", "kita")]["weekly_hours"] == 6
    assert rows[("A", "grundschule")]["gaps"] == 2


codes = st.sampled_from(["A", "B", "C", "D", "X"])
supply_st = st.builds(
    Supply,
    key=st.uuids().map(str),
    area_codes=st.frozensets(codes, min_size=1, max_size=2),
    life_phases=st.frozensets(st.sampled_from(PHASES + ["sek1"]), min_size=1),
    need_areas=st.frozensets(st.sampled_from(NEEDS + ["schutz"]), min_size=1),
    weekly_hours=st.floats(0, 40).map(lambda x: round(x, 1)),
)


@given(st.lists(supply_st, max_size=12))
@settings(max_examples=80, deadline=None)
def test_invariants(supply):
    result = coverage(areas(), supply, life_phases=PHASES, need_areas=NEEDS)
    # totals are conserved
    expected = sum(
        1
        for x in supply
        for a in x.area_codes
        if a in "ABCD"
        for p in x.life_phases
        if p in PHASES
        for n in x.need_areas
        if n in NEEDS
    )
    assert sum(c.services for c in result.cells.values()) == expected
    # only high-need areas are ever flagged, and only cells with a reason
    for c in result.gaps:
        assert c.area in result.high_need_areas and c.reason
    # an empty high-need cell is always flagged
    for c in result.cells.values():
        if c.area in result.high_need_areas and c.services == 0:
            assert c.gap


@given(st.lists(supply_st, max_size=8), st.floats(0.5, 30))
@settings(max_examples=60, deadline=None)
def test_adding_supply_to_a_flagged_cell_never_adds_a_flag_there(supply, hours):
    before = coverage(areas(), supply, life_phases=PHASES, need_areas=NEEDS)
    for c in before.gaps:
        more = [
            *supply,
            Supply(
                "new",
                frozenset([c.area]),
                frozenset([c.life_phase]),
                frozenset([c.need_area]),
                hours,
            ),
        ]
        after = coverage(areas(), more, life_phases=PHASES, need_areas=NEEDS)
        assert after.cell(c.area, c.life_phase, c.need_area).services == c.services + 1
        assert len([g for g in after.gaps if g.area == c.area]) <= len(
            [g for g in before.gaps if g.area == c.area]
        )
        break
