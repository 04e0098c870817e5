from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interprochance.counseling.rules.consent import (
    Category,
    Consent,
    check_sharing,
    covered_categories,
    scoped_handover,
)

C = Category


def consent(**kw):
    base = {
        "purpose": "referral",
        "recipients": frozenset({"service:1"}),
        "categories": frozenset({C.CONTACT, C.TOPICS}),
        "given_on": date(2026, 1, 10),
    }
    base.update(kw)
    return Consent(**base)


def test_covered_when_in_force_for_recipient_and_purpose():
    d = check_sharing(
        [consent()],
        purpose="referral",
        recipient_keys=["service:1"],
        categories=[C.CONTACT],
        on=date(2026, 2, 1),
    )
    assert d.allowed and d.missing == frozenset()


def test_missing_category_blocks():
    d = check_sharing(
        [consent()],
        purpose="referral",
        recipient_keys=["service:1"],
        categories=[C.CONTACT, C.FINANCES],
        on=date(2026, 2, 1),
    )
    assert not d.allowed and d.missing == {C.FINANCES}


def test_other_recipient_or_purpose_blocks():
    for kw in (
        {"recipient_keys": ["service:2"], "purpose": "referral"},
        {"recipient_keys": ["service:1"], "purpose": "fund"},
    ):
        d = check_sharing([consent()], categories=[C.CONTACT], on=date(2026, 2, 1), **kw)
        assert not d.allowed


def test_organisation_key_matches():
    c = consent(recipients=frozenset({"organisation:9"}))
    d = check_sharing(
        [c],
        purpose="referral",
        recipient_keys=["service:1", "organisation:9"],
        categories=[C.CONTACT],
        on=date(2026, 2, 1),
    )
    assert d.allowed


def test_withdrawn_from_that_day_and_not_before_given():
    c = consent(withdrawn_on=date(2026, 3, 1))
    kw = {"purpose": "referral", "recipient_keys": ["service:1"], "categories": [C.CONTACT]}
    assert check_sharing([c], on=date(2026, 2, 28), **kw).allowed
    assert not check_sharing([c], on=date(2026, 3, 1), **kw).allowed
    assert not check_sharing([c], on=date(2026, 1, 9), **kw).allowed


def test_valid_until_inclusive():
    c = consent(valid_until=date(2026, 6, 30))
    kw = {"purpose": "referral", "recipient_keys": ["service:1"], "categories": [C.CONTACT]}
    assert check_sharing([c], on=date(2026, 6, 30), **kw).allowed
    assert not check_sharing([c], on=date(2026, 7, 1), **kw).allowed


def test_union_of_two_consents():
    a = consent(categories=frozenset({C.CONTACT}))
    b = consent(categories=frozenset({C.FINANCES}))
    d = check_sharing(
        [a, b],
        purpose="referral",
        recipient_keys=["service:1"],
        categories=[C.CONTACT, C.FINANCES],
        on=date(2026, 2, 1),
    )
    assert d.allowed


def test_invalid_consents():
    with pytest.raises(ValueError):
        consent(recipients=frozenset())
    with pytest.raises(ValueError):
        consent(categories=frozenset())
    with pytest.raises(ValueError):
        consent(withdrawn_on=date(2025, 1, 1))
    with pytest.raises(ValueError):
        check_sharing(
            [consent()],
            purpose="referral",
            recipient_keys=["service:1"],
            categories=[],
            on=date(2026, 2, 1),
        )


def test_scoped_handover_drops_uncovered():
    data = {C.CONTACT: "Tel", C.NOTES: "secret", C.TOPICS: ["housing"]}
    assert scoped_handover(data, frozenset({C.CONTACT, C.TOPICS})) == {
        C.CONTACT: "Tel",
        C.TOPICS: ["housing"],
    }


@given(
    st.frozensets(st.sampled_from(list(Category)), min_size=1),
    st.frozensets(st.sampled_from(list(Category)), min_size=1),
    st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 1, 1)),
    st.one_of(st.none(), st.dates(min_value=date(2026, 1, 10), max_value=date(2027, 1, 1))),
)
def test_never_shares_more_than_consented(granted, wanted, on, withdrawn):
    c = consent(categories=granted, withdrawn_on=withdrawn)
    d = check_sharing(
        [c], purpose="referral", recipient_keys=["service:1"], categories=wanted, on=on
    )
    covered = covered_categories([c], purpose="referral", recipient_keys=["service:1"], on=on)
    assert covered <= granted
    assert d.allowed == (wanted <= covered)
    if withdrawn is not None and on >= withdrawn:
        assert not d.allowed
    handed = scoped_handover(dict.fromkeys(Category, 1), d.covered)
    assert set(handed) <= granted
