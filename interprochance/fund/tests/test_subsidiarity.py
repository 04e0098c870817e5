"""BuT subsidiarity rules, one test (or more) per rule."""

from datetime import date

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from interprochance.core import labels
from interprochance.fund.subsidiarity import (
    Benefit,
    ChildFacts,
    Purpose,
    SubsidiarityError,
    check,
    check_fund_share,
    school_supplies_cents,
)

pytestmark = pytest.mark.smoke

PUPIL = ChildFacts(age=12, in_school=True)
KITA = ChildFacts(age=4, in_kita=True)
D = date(2026, 3, 10)


def run(purpose, amount=10_000, child=PUPIL, benefits=(Benefit.SGB2,), on=D, months=1):
    return check(
        purpose=purpose,
        amount_cents=amount,
        child=child,
        benefits=frozenset(benefits),
        on=on,
        months=months,
    )


@pytest.mark.parametrize(
    ("benefit", "basis"),
    [
        (Benefit.SGB2, "§ 28 Abs. 2 SGB II"),
        (Benefit.SGB12, "§ 34 Abs. 2 SGB XII"),
        (Benefit.ASYLBLG, "§ 3 Abs. 4 AsylbLG i. V. m. § 34 Abs. 2 SGB XII"),
        (Benefit.WOHNGELD, "§ 6b BKGG i. V. m. § 28 Abs. 2 SGB II"),
        (Benefit.KINDERZUSCHLAG, "§ 6b BKGG i. V. m. § 28 Abs. 2 SGB II"),
    ],
)
def test_class_trip_paid_in_full_by_but_per_benefit_system(benefit, basis):
    r = run(Purpose.CLASS_TRIP, benefits=(benefit,))
    assert r.statutory_first
    assert r.routes[0].legal_basis == basis
    assert r.statutory_cents == 10_000
    assert r.remaining_cents == 0


def test_sgb2_wins_over_wohngeld_when_both_named():
    assert (
        run(Purpose.LUNCH, benefits=(Benefit.WOHNGELD, Benefit.SGB2)).routes[0].office
        == "Jobcenter"
    )


def test_kita_day_trip_and_lunch_covered():
    assert run(Purpose.DAY_TRIP, child=KITA).routes[0].legal_basis == "§ 28 Abs. 2 SGB II"
    assert run(Purpose.LUNCH, child=KITA).routes[0].legal_basis == "§ 28 Abs. 6 SGB II"


def test_school_supplies_flat_rate_by_half_year():
    assert school_supplies_cents(date(2025, 8, 1)) == 13_000
    assert school_supplies_cents(date(2026, 1, 31)) == 13_000
    assert school_supplies_cents(date(2026, 2, 1)) == 6_500
    assert school_supplies_cents(date(2026, 7, 31)) == 6_500
    r = run(Purpose.SCHOOL_SUPPLIES, amount=20_000, on=date(2026, 2, 15))
    assert r.routes[0].legal_basis == "§ 28 Abs. 3 SGB II"
    assert (r.statutory_cents, r.remaining_cents) == (6_500, 13_500)
    assert run(Purpose.SCHOOL_SUPPLIES, amount=5_000, on=date(2025, 9, 1)).remaining_cents == 0


def test_school_benefits_need_a_pupil_under_25_without_training_allowance():
    assert not run(Purpose.SCHOOL_SUPPLIES, child=ChildFacts(age=25, in_school=True)).routes
    assert not run(
        Purpose.TUTORING, child=ChildFacts(age=17, in_school=True, training_allowance=True)
    ).routes
    assert not run(Purpose.CLASS_TRIP, child=ChildFacts(age=12)).routes
    assert (
        run(Purpose.TUTORING, child=ChildFacts(age=24, in_school=True)).routes[0].legal_basis
        == "§ 28 Abs. 5 SGB II"
    )


def test_school_transport_state_law_first():
    r = run(Purpose.SCHOOL_TRANSPORT)
    assert r.routes[0].legal_basis == "§ 28 Abs. 4 SGB II"
    assert any("§ 161 Hessisches Schulgesetz" in h for h in r.hints)


def test_participation_15_eur_per_month_under_18_only():
    r = run(Purpose.CLUB_FEE, amount=6_000, months=3)
    assert r.routes[0].legal_basis == "§ 28 Abs. 7 SGB II"
    assert (r.statutory_cents, r.remaining_cents) == (4_500, 1_500)
    assert not run(Purpose.MUSIC_LESSONS, child=ChildFacts(age=18, in_school=True)).routes
    assert run(Purpose.HOLIDAY_CAMP, amount=1_000).remaining_cents == 0


def test_no_benefit_no_but_but_a_hint():
    r = run(Purpose.CLASS_TRIP, benefits=())
    assert not r.statutory_first
    assert r.remaining_cents == 10_000
    assert any("§ 6a BKGG" in h and "§ 6b BKGG" in h for h in r.hints)


def test_glasses_health_insurance_lenses_for_under_18_regardless_of_benefits():
    r = run(Purpose.GLASSES, benefits=())
    assert r.routes[0].legal_basis == "§ 33 Abs. 2 SGB V"
    assert r.remaining_cents == 10_000  # part unknown: fund may pay the frame without a reason
    assert not run(Purpose.GLASSES, child=ChildFacts(age=19)).routes


def test_baby_equipment_initial_equipment():
    assert (
        run(Purpose.BABY_EQUIPMENT, child=ChildFacts(age=0)).routes[0].legal_basis
        == "§ 24 Abs. 3 Satz 1 Nr. 2 SGB II"
    )
    assert run(Purpose.BABY_EQUIPMENT, child=ChildFacts(age=0), benefits=(Benefit.SGB12,)).routes[
        0
    ].legal_basis == ("§ 31 Abs. 1 Nr. 2 SGB XII")


def test_fund_share_needs_reason_beyond_the_statutory_gap():
    r = run(Purpose.CLUB_FEE, amount=6_000, months=3)
    check_fund_share(r, 1_500, None)  # the gap is fine without reason
    with pytest.raises(SubsidiarityError) as exc:
        check_fund_share(r, 6_000, None)
    assert exc.value.code == "statutory_first"
    assert "§ 28 Abs. 7 SGB II" in exc.value.message
    check_fund_share(r, 6_000, "urgent")
    with pytest.raises(SubsidiarityError):
        check_fund_share(r, 6_000, "because")
    with pytest.raises(SubsidiarityError):
        check_fund_share(r, 6_001, "urgent")


def test_bad_input():
    with pytest.raises(SubsidiarityError):
        run(Purpose.CLUB_FEE, amount=0)
    with pytest.raises(SubsidiarityError):
        run(Purpose.CLUB_FEE, months=0)


def test_route_texts_are_german_and_shown_in_the_readers_language():
    route = run(Purpose.SCHOOL_SUPPLIES, amount=20_000, on=date(2026, 2, 15)).routes[0]
    # German is the value of record, exactly as before (stored with the application)
    assert route.title == "Bildungs- und Teilhabepaket: Schulbedarf"
    assert route.note == "Pauschale für dieses Schulhalbjahr: 65,00 €."
    assert route.office == "Jobcenter"
    with translation.override("de"):
        assert labels.text(route.note) == "Pauschale für dieses Schulhalbjahr: 65,00 €."
    with translation.override("en"):
        assert labels.text(route.title) == "Education and participation package: school supplies"
        # the amount keeps the app's one money format (as the |euro filter)
        assert labels.text(route.note) == "Flat rate for this school half-year: 65,00 €."
        assert labels.text(route.legal_basis) == "§ 28 Abs. 3 SGB II"  # citations stay
    club = run(Purpose.SPORTS_EQUIPMENT, amount=6_000, months=3).routes[0]
    assert club.note == (
        "15,00 € im Monat, für 3 Monat(e) 45,00 €. "
        "Ausrüstung nur, wenn sie für die Teilnahme nötig ist."
    )
    with translation.override("en"):
        assert labels.text(club.note) == (
            "15,00 € a month, 45,00 € for 3 month(s). Equipment only if it is needed to take part."
        )
    hint = run(Purpose.CLOTHING).hints[0]
    with translation.override("en"):
        assert labels.text(hint).startswith("Ongoing clothing needs are part of the standard rate")


def test_statutory_first_error_in_the_readers_language_with_title_and_office():
    r = run(Purpose.CLUB_FEE, amount=6_000, months=3, benefits=(Benefit.SGB12,))
    with pytest.raises(SubsidiarityError) as exc:
        check_fund_share(r, 6_000, None)
    assert exc.value.message == (
        "Vorrangig ist „Bildungs- und Teilhabepaket: Soziale und kulturelle Teilhabe“ "
        "(§ 34 Abs. 7 SGB XII), zuständig: Sozialamt. Der Fonds kann darüber hinaus nur mit "
        "Begründung zahlen (höchstens 15,00 € ohne Begründung)."
    )
    with translation.override("en"):
        assert labels.text(exc.value.message) == (
            "“Education and participation package: social and cultural participation” "
            "(§ 34 Abs. 7 SGB XII) comes first, responsible: social welfare office. Beyond that, "
            "the fund can only pay with a stated reason (at most 15,00 € without a reason)."
        )
        with pytest.raises(SubsidiarityError) as bad:
            run(Purpose.CLUB_FEE, months=0)
        assert labels.text(bad.value.message) == "The number of months must be at least 1."


@given(
    purpose=st.sampled_from(list(Purpose)),
    amount=st.integers(1, 10_000_000),
    age=st.integers(0, 30),
    school=st.booleans(),
    kita=st.booleans(),
    benefits=st.sets(st.sampled_from(list(Benefit))),
    months=st.integers(1, 12),
)
def test_statutory_share_never_exceeds_amount_and_every_route_cites_law(
    purpose, amount, age, school, kita, benefits, months
):
    r = check(
        purpose=purpose,
        amount_cents=amount,
        child=ChildFacts(age=age, in_school=school, in_kita=kita),
        benefits=frozenset(benefits),
        on=D,
        months=months,
    )
    assert 0 <= r.statutory_cents <= amount
    assert r.statutory_cents + r.remaining_cents == amount
    for route in r.routes:
        assert "§" in route.legal_basis
    if r.remaining_cents:
        check_fund_share(r, r.remaining_cents, None)  # the open gap never needs a reason
