"""Benefits check, rule by rule. Figures worked out by hand in the comments."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interprochance.counseling.benefits import (
    Benefit,
    Household,
    Member,
    Outcome,
    Role,
    Schooling,
    check_benefits,
    need_figures,
)
from interprochance.counseling.benefits.check import (
    age_on,
    earned_income_allowance,
    euro,
    reached_retirement_age,
    single_parent_percent,
)
from interprochance.counseling.benefits.parameters import DEFAULT_PARAMETERS as P

ON = date(2026, 3, 1)


def adult(born=date(1990, 1, 1), gross=0, net=0, other=0, **kw):
    return Member(Role.ADULT, born, gross_earned=gross, net_earned=net, other_income=other, **kw)


def child(born, kg=True, school=Schooling.NONE, other=0):
    return Member(Role.CHILD, born, kindergeld=kg, schooling=school, other_income=other)


def hh(*members, rent=0, benefits=()):
    return Household(
        members=members, housing_cost=rent, reference_date=ON, current_benefits=frozenset(benefits)
    )


# --- helpers ---------------------------------------------------------------------


def test_age_on_birthday_boundary():
    assert age_on(date(2020, 3, 1), ON) == 6
    assert age_on(date(2020, 3, 2), ON) == 5


@pytest.mark.parametrize(
    ("born", "on", "reached"),
    [
        (date(1940, 6, 15), date(2005, 6, 30), False),  # 65 in June 2005, entitled to end of June
        (date(1940, 6, 15), date(2005, 7, 1), True),
        (date(1964, 1, 10), date(2031, 1, 31), False),  # 67 in January 2031
        (date(1964, 1, 10), date(2031, 2, 1), True),
        (date(1958, 5, 1), date(2024, 5, 31), False),  # 1958: 66 years -> May 2024
        (date(1958, 5, 1), date(2024, 6, 1), True),
        (date(1960, 1, 1), date(2026, 5, 31), False),  # 1960: 66 y 4 m -> May 2026
        (date(1960, 1, 1), date(2026, 6, 1), True),
    ],
)
def test_retirement_age_section_7a(born, on, reached):
    assert reached_retirement_age(born, on) is reached


@pytest.mark.parametrize(
    ("gross", "with_child", "allowance"),
    [
        (0, False, 0),
        (8000, False, 8000),  # below 100 EUR: all of it
        (52000, False, 10000 + 8400),  # 100 + 20 % of 420
        (100000, False, 10000 + 8400 + 14400),  # + 30 % of 480
        (120000, False, 10000 + 8400 + 14400 + 2000),  # + 10 % of 200
        (300000, False, 10000 + 8400 + 14400 + 2000),  # capped at 1,200
        (150000, True, 10000 + 8400 + 14400 + 5000),  # with a minor child up to 1,500
        (300000, True, 10000 + 8400 + 14400 + 5000),
    ],
)
def test_earned_income_allowance_section_11b(gross, with_child, allowance):
    assert earned_income_allowance(gross, with_minor_child=with_child, p=P) == allowance


@pytest.mark.parametrize(
    ("ages", "pct"),
    [
        ([], 0),
        ([17], 12),
        ([6], 36),  # one child under 7
        ([7], 12),
        ([10, 12], 36),  # two under 16
        ([10, 12, 14], 36),  # three under 16: 36 vs 3 x 12 = 36
        ([10, 12, 14, 15], 48),  # four: 12 % each
        ([1, 3, 5, 8, 9, 11], 60),  # capped at 60
        ([19], 0),  # adult children do not count
    ],
)
def test_single_parent_mehrbedarf_section_21_3(ages, pct):
    assert single_parent_percent(ages, P) == pct


def test_euro_format():
    assert euro(123456) == "1.234,56 EUR"
    assert euro(5) == "0,05 EUR"


# --- need figures ------------------------------------------------------------------


def test_need_couple_two_children_by_hand():
    house = hh(
        adult(gross=200000, net=150000),
        adult(),
        child(date(2021, 5, 1)),  # 4 -> level 6: 357
        child(date(2013, 1, 1)),  # 13 -> level 5: 390
        rent=100000,
    )
    f = need_figures(house)
    assert f.regelbedarf == 2 * 50600 + 35700 + 39000
    assert f.mehrbedarf == 0
    assert f.housing == 100000
    # 1,500 net - (100 + 84 + 144 + 50) = 1,122, plus 2 x 259 Kindergeld; second adult: 30 EUR
    # pauschale applies to no income, so nothing
    assert f.countable_income == 150000 - 37800 + 2 * 25900
    assert f.shortfall == f.need - f.countable_income


def test_children_of_25_and_older_are_not_in_the_bedarfsgemeinschaft():
    house = hh(adult(), child(date(2000, 1, 1)), rent=90000)
    f = need_figures(house)
    assert f.bg_size == 1
    assert f.housing == 45000  # half of the rent by heads


def test_pregnancy_mehrbedarf_17_percent():
    f = need_figures(hh(adult(pregnant=True)))
    assert f.mehrbedarf == (56300 * 17 + 50) // 100


def test_versicherungspauschale_only_without_earned_income():
    assert need_figures(hh(adult(other=50000))).countable_income == 47000
    f = need_figures(hh(adult(gross=10000, net=10000, other=50000)))
    assert f.countable_income == 50000  # 100 EUR earned fully free, no extra 30 EUR


# --- rule SGB II -------------------------------------------------------------------


def test_sgb2_hint_when_income_below_need():
    result = check_benefits(hh(adult(gross=60000, net=60000), rent=50000))
    hint = result.hint(Benefit.SGB2)
    assert hint is not None and hint.outcome is Outcome.POSSIBLE
    assert "§ 7 SGB II" in hint.legal_refs and "§ 9 SGB II" in hint.legal_refs
    assert "möglicherweise Anspruch" in hint.title


def test_no_sgb2_hint_when_income_covers_need():
    result = check_benefits(hh(adult(gross=400000, net=260000), rent=70000))
    assert result.hint(Benefit.SGB2) is None
    assert result.figures.excess > 0


def test_no_sgb2_hint_when_already_received():
    result = check_benefits(hh(adult(), rent=50000, benefits=[Benefit.SGB2]))
    assert result.hint(Benefit.SGB2) is None


def test_pensioner_gets_sgb12_not_sgb2():
    result = check_benefits(hh(adult(born=date(1950, 1, 1), other=40000), rent=50000))
    assert result.hint(Benefit.SGB2) is None
    hint = result.hint(Benefit.SGB12)
    assert hint is not None and "§ 41 SGB XII" in hint.legal_refs


def test_adult_unable_to_work_gets_sgb12():
    result = check_benefits(hh(adult(able_to_work=False), rent=50000))
    assert result.benefits() >= {Benefit.SGB12}
    assert Benefit.SGB2 not in result.benefits()


# --- rule Kinderzuschlag -------------------------------------------------------------


def test_kiz_single_parent_with_minimum_income():
    house = hh(
        adult(gross=150000, net=115000),
        child(date(2018, 5, 1), school=Schooling.SCHOOL),
        rent=80000,
    )
    hint = check_benefits(house).hint(Benefit.KIZ)
    assert hint is not None and hint.legal_refs[0] == "§ 6a BKGG"


def test_kiz_needs_minimum_income_600_single_900_couple():
    single_below = hh(adult(gross=59999, net=50000), child(date(2018, 5, 1)), rent=60000)
    single_at = hh(adult(gross=60000, net=50000), child(date(2018, 5, 1)), rent=60000)
    couple_between = hh(adult(gross=80000, net=70000), adult(), child(date(2018, 5, 1)), rent=60000)
    couple_at = hh(adult(gross=90000, net=75000), adult(), child(date(2018, 5, 1)), rent=60000)
    assert check_benefits(single_below).hint(Benefit.KIZ) is None
    assert check_benefits(single_at).hint(Benefit.KIZ) is not None
    assert check_benefits(couple_between).hint(Benefit.KIZ) is None
    assert check_benefits(couple_at).hint(Benefit.KIZ) is not None


def test_kiz_needs_kindergeld():
    house = hh(adult(gross=150000, net=115000), child(date(2018, 5, 1), kg=False), rent=80000)
    assert check_benefits(house).hint(Benefit.KIZ) is None


def test_kiz_disappears_when_income_far_above_need():
    # excess x 45 % above 297 EUR -> no KiZ
    house = hh(adult(gross=600000, net=380000), child(date(2018, 5, 1)), rent=60000)
    result = check_benefits(house)
    assert (result.figures.excess * 45) // 100 >= 29700
    assert result.hint(Benefit.KIZ) is None


def test_kiz_child_income_reduces_to_zero():
    # 660 EUR maintenance x 45 % = 297 EUR: nothing left for the child
    house = hh(adult(gross=150000, net=115000), child(date(2018, 5, 1), other=66000), rent=80000)
    assert check_benefits(house).hint(Benefit.KIZ) is None


def test_kiz_not_repeated_when_received():
    house = hh(
        adult(gross=150000, net=115000), child(date(2018, 5, 1)), rent=80000, benefits=[Benefit.KIZ]
    )
    assert check_benefits(house).hint(Benefit.KIZ) is None


# --- rule Wohngeld ------------------------------------------------------------------


def test_wohngeld_when_income_just_above_sgb2_level():
    house = hh(adult(gross=240000, net=175000), rent=70000)
    result = check_benefits(house)
    assert result.figures.shortfall == 0
    hint = result.hint(Benefit.WOHNGELD)
    assert hint is not None and hint.outcome is Outcome.POSSIBLE
    assert "§ 7 WoGG" in hint.legal_refs


def test_wohngeld_excluded_for_sgb2_recipients():
    house = hh(adult(gross=240000, net=175000), rent=70000, benefits=[Benefit.SGB2])
    assert check_benefits(house).hint(Benefit.WOHNGELD) is None


def test_no_wohngeld_without_housing_cost():
    assert check_benefits(hh(adult(gross=240000, net=175000))).hint(Benefit.WOHNGELD) is None


def test_no_wohngeld_far_above_screening_ceiling():
    assert (
        check_benefits(hh(adult(gross=600000, net=380000), rent=70000)).hint(Benefit.WOHNGELD)
        is None
    )


def test_wohngeld_below_sgb2_level_only_together_with_kiz():
    no_kids = hh(adult(gross=60000, net=60000), rent=70000)
    assert check_benefits(no_kids).hint(Benefit.WOHNGELD) is None
    family = hh(adult(gross=150000, net=115000), child(date(2018, 5, 1)), rent=80000)
    hint = check_benefits(family).hint(Benefit.WOHNGELD)
    assert hint is not None and hint.outcome is Outcome.CONDITIONAL


# --- rule BuT -------------------------------------------------------------------------


def test_but_for_schoolchild_of_sgb2_household_cites_section_28():
    house = hh(
        adult(),
        child(date(2016, 9, 1), school=Schooling.SCHOOL),
        rent=60000,
        benefits=[Benefit.SGB2],
    )
    hint = check_benefits(house).hint(Benefit.BUT)
    assert hint is not None and hint.outcome is Outcome.POSSIBLE
    assert hint.legal_refs == ("§ 28 SGB II",)
    text = " ".join(r.text for r in hint.reasons)
    assert "Schulbedarf 130,00 EUR" in text and "15,00 EUR" in text


def test_but_for_wohngeld_household_cites_6b_bkgg():
    house = hh(
        adult(gross=240000, net=175000),
        child(date(2021, 1, 1), school=Schooling.KITA),
        rent=70000,
        benefits=[Benefit.WOHNGELD],
    )
    hint = check_benefits(house).hint(Benefit.BUT)
    assert hint is not None and hint.legal_refs == ("§ 6b BKGG",)
    text = " ".join(r.text for r in hint.reasons)
    assert "Ausflüge der Kita" in text and "Schulbedarf" not in text


def test_but_conditional_on_other_hint():
    house = hh(
        adult(gross=60000, net=60000), child(date(2016, 9, 1), school=Schooling.SCHOOL), rent=60000
    )
    result = check_benefits(house)
    hint = result.hint(Benefit.BUT)
    assert hint is not None and hint.outcome is Outcome.CONDITIONAL
    assert "§ 28 SGB II" in hint.legal_refs


def test_no_but_without_qualifying_benefit():
    rich = hh(
        adult(gross=600000, net=380000),
        child(date(2016, 9, 1), school=Schooling.SCHOOL),
        rent=60000,
    )
    assert check_benefits(rich).hint(Benefit.BUT) is None


def test_no_but_for_adult_in_paid_training():
    house = hh(
        adult(),
        child(date(2005, 1, 1), school=Schooling.TRAINING),
        rent=60000,
        benefits=[Benefit.SGB2],
    )
    assert check_benefits(house).hint(Benefit.BUT) is None


def test_asylblg_but_reference():
    house = hh(
        adult(), child(date(2016, 9, 1), school=Schooling.SCHOOL), benefits=[Benefit.ASYLBLG]
    )
    assert check_benefits(house).hint(Benefit.BUT).legal_refs == ("§ 3 Abs. 4 AsylbLG",)


# --- input validation ----------------------------------------------------------------


def test_invalid_input_rejected():
    with pytest.raises(ValueError):
        Member(Role.ADULT, date(1990, 1, 1), gross_earned=100, net_earned=200)
    with pytest.raises(ValueError):
        Member(Role.ADULT, date(1990, 1, 1), other_income=-1)
    with pytest.raises(ValueError):
        Household(members=(child(date(2016, 1, 1)),), housing_cost=0, reference_date=ON)
    with pytest.raises(ValueError):
        Household(members=(adult(), adult(), adult()), housing_cost=0, reference_date=ON)
    with pytest.raises(ValueError):
        Household(members=(adult(born=date(2027, 1, 1)),), housing_cost=0, reference_date=ON)


# --- invariants (hypothesis) -------------------------------------------------------------

money = st.integers(min_value=0, max_value=800000)
birth = st.dates(min_value=date(1940, 1, 1), max_value=ON)


@st.composite
def households(draw):
    n_adults = draw(st.integers(1, 2))
    adults = []
    for _ in range(n_adults):
        gross = draw(money)
        net = draw(st.integers(0, gross))
        adults.append(
            adult(
                born=draw(st.dates(min_value=date(1940, 1, 1), max_value=date(2008, 1, 1))),
                gross=gross,
                net=net,
                other=draw(st.integers(0, 200000)),
                able_to_work=draw(st.booleans()),
            )
        )
    kids = [
        child(
            draw(birth),
            kg=draw(st.booleans()),
            school=draw(st.sampled_from(list(Schooling))),
            other=draw(st.integers(0, 80000)),
        )
        for _ in range(draw(st.integers(0, 5)))
    ]
    benefits = draw(st.frozensets(st.sampled_from(list(Benefit))))
    return hh(*adults, *kids, rent=draw(st.integers(0, 250000)), benefits=benefits)


@settings(max_examples=300, deadline=None)
@given(households())
def test_invariants(house):
    result = check_benefits(house)
    f = result.figures
    assert f.shortfall >= 0 and f.excess >= 0 and min(f.shortfall, f.excess) == 0
    assert f.need == f.regelbedarf + f.mehrbedarf + f.housing
    for hint in result.hints:
        assert hint.benefit not in house.current_benefits  # never hint what is already received
        assert hint.legal_refs and all(("§" in ref) for ref in hint.legal_refs)
        assert "möglicherweise" in hint.title
        for reason in hint.reasons:
            assert reason.text  # every template renders
    got = result.benefits()
    assert not ({Benefit.SGB2, Benefit.SGB12} <= got)  # never both
    if Benefit.WOHNGELD in got:
        assert not (house.current_benefits & {Benefit.SGB2, Benefit.SGB12, Benefit.ASYLBLG})
    if Benefit.BUT in got:
        assert house.current_benefits & {
            Benefit.SGB2,
            Benefit.SGB12,
            Benefit.ASYLBLG,
            Benefit.WOHNGELD,
            Benefit.KIZ,
        } or got & {Benefit.SGB2, Benefit.SGB12, Benefit.WOHNGELD, Benefit.KIZ}


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 500000), st.integers(0, 500000), st.integers(0, 150000))
def test_more_income_never_adds_sgb2(gross, extra, rent):
    """Monotonicity: raising net income can only remove the SGB II hint, never add it."""
    low = hh(adult(gross=gross + extra, net=gross), rent=rent)
    high = hh(adult(gross=gross + extra, net=gross + extra), rent=rent)
    if Benefit.SGB2 in check_benefits(high).benefits():
        assert Benefit.SGB2 in check_benefits(low).benefits()
