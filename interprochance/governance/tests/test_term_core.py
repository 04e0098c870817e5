"""Term, deadline and status: hand-computed cases (no database)."""

import datetime as dt
import json

import pytest

from interprochance.governance.term import (
    InvalidRuleError,
    LateNoticeError,
    LatePolicy,
    Notice,
    NoticeBeforeSigningError,
    NoticeFormError,
    NotInForceError,
    OverlapError,
    Period,
    Status,
    TermRule,
    check_no_overlap,
    evaluate,
    iter_terms,
    reminder_dates,
    term_at_index,
    term_on,
)
from interprochance.governance.term.cli import run

D = dt.date
SEED = TermRule(signed=D(2014, 9, 16), initial_months=24, renewal_months=12, notice_months=3)


def _terms(rule, n):
    it = iter_terms(rule)
    return [next(it) for _ in range(n)]


@pytest.mark.smoke
def test_seed_agreement_terms():
    t0, t1, t2 = _terms(SEED, 3)
    assert (t0.start, t0.end, t0.notice_deadline) == (
        D(2014, 9, 16),
        D(2016, 9, 15),
        D(2016, 6, 15),
    )
    assert (t1.start, t1.end, t1.notice_deadline) == (
        D(2016, 9, 16),
        D(2017, 9, 15),
        D(2017, 6, 15),
    )
    assert (t2.start, t2.end, t2.notice_deadline) == (
        D(2017, 9, 16),
        D(2018, 9, 15),
        D(2018, 6, 15),
    )
    t12 = term_at_index(SEED, 12)
    assert (t12.start, t12.end) == (D(2027, 9, 16), D(2028, 9, 15))


def test_leap_day_signing():
    rule = TermRule(signed=D(2024, 2, 29), initial_months=24, renewal_months=12, notice_months=3)
    t0, t1, t2, t3 = _terms(rule, 4)
    assert (t0.start, t0.end, t0.notice_deadline) == (
        D(2024, 2, 29),
        D(2026, 2, 28),
        D(2025, 11, 30),
    )
    assert (t1.start, t1.end) == (D(2026, 3, 1), D(2027, 2, 28))
    assert (t2.start, t2.end, t2.notice_deadline) == (
        D(2027, 3, 1),
        D(2028, 2, 28),
        D(2027, 11, 28),
    )
    # Anchored at signing, the leap day 2028 opens the next term.
    assert (t3.start, t3.end) == (D(2028, 2, 29), D(2029, 2, 28))


def test_month_end_signing_does_not_drift():
    rule = TermRule(signed=D(2023, 1, 31), initial_months=1, renewal_months=1, notice_months=0)
    got = [(t.start, t.end) for t in _terms(rule, 4)]
    assert got == [
        (D(2023, 1, 31), D(2023, 2, 28)),
        (D(2023, 3, 1), D(2023, 3, 30)),
        (D(2023, 3, 31), D(2023, 4, 30)),
        (D(2023, 5, 1), D(2023, 5, 30)),
    ]


def test_quarter_end_deadline():
    rule = TermRule(signed=D(2024, 7, 1), initial_months=12, renewal_months=12, notice_months=3)
    t0 = term_at_index(rule, 0)
    assert (t0.end, t0.notice_deadline) == (D(2025, 6, 30), D(2025, 3, 31))


@pytest.mark.parametrize(
    ("on", "index"),
    [
        (D(2014, 9, 16), 0),
        (D(2016, 9, 15), 0),
        (D(2016, 9, 16), 1),
        (D(2026, 11, 25), 11),
        (D(2026, 9, 15), 10),
        (D(2026, 9, 16), 11),
    ],
)
def test_term_on(on, index):
    assert term_on(SEED, on).index == index


def test_running_status():
    state = evaluate(SEED, D(2026, 11, 25))
    assert state.status is Status.RUNNING
    assert (state.term.start, state.term.end, state.term.notice_deadline) == (
        D(2026, 9, 16),
        D(2027, 9, 15),
        D(2027, 6, 15),
    )
    assert state.days_to_deadline == (D(2027, 6, 15) - D(2026, 11, 25)).days
    assert state.ends_on is None


def test_notice_on_the_last_day_is_in_time():
    notice = Notice(received=D(2016, 6, 15))
    before = evaluate(SEED, D(2016, 9, 15), notice)
    assert before.status is Status.NOTICE_GIVEN and before.ends_on == D(2016, 9, 15)
    after = evaluate(SEED, D(2016, 9, 16), notice)
    assert after.status is Status.ENDED
    assert after.term.index == 0 and after.ends_on == D(2016, 9, 15)
    assert reminder_dates(before) == []


def test_notice_one_day_late_is_rejected_with_next_possible_end():
    with pytest.raises(LateNoticeError) as info:
        evaluate(SEED, D(2016, 7, 1), Notice(received=D(2016, 6, 16)))
    assert info.value.params["deadline"] == D(2016, 6, 15)
    assert info.value.params["next_possible_end"] == D(2017, 9, 15)
    assert "2017-09-15" in str(info.value)


def test_late_notice_next_term_policy():
    notice = Notice(received=D(2016, 6, 16))
    state = evaluate(SEED, D(2016, 10, 1), notice, late_policy=LatePolicy.NEXT_TERM)
    assert state.status is Status.NOTICE_GIVEN and state.notice_late
    assert state.term.index == 1 and state.ends_on == D(2017, 9, 15)
    ended = evaluate(SEED, D(2017, 9, 16), notice, late_policy=LatePolicy.NEXT_TERM)
    assert ended.status is Status.ENDED and ended.term.index == 1


def test_notice_must_be_written():
    with pytest.raises(NoticeFormError):
        evaluate(SEED, D(2016, 7, 1), Notice(received=D(2016, 5, 1), written=False))
    informal = TermRule(
        signed=SEED.signed,
        initial_months=24,
        renewal_months=12,
        notice_months=3,
        written_form=False,
    )
    state = evaluate(informal, D(2016, 7, 1), Notice(received=D(2016, 5, 1), written=False))
    assert state.status is Status.NOTICE_GIVEN


def test_notice_before_signing_rejected():
    with pytest.raises(NoticeBeforeSigningError):
        evaluate(SEED, D(2016, 7, 1), Notice(received=D(2014, 9, 1)))


def test_future_notice_is_not_yet_known():
    state = evaluate(SEED, D(2016, 5, 1), Notice(received=D(2016, 6, 1)))
    assert state.status is Status.RUNNING


def test_before_signing_is_not_in_force():
    with pytest.raises(NotInForceError):
        evaluate(SEED, D(2014, 9, 15))


def test_without_renewal():
    rule = TermRule(signed=D(2024, 1, 15), initial_months=6, renewal_months=0, notice_months=1)
    assert evaluate(rule, D(2024, 7, 14)).status is Status.RUNNING
    ended = evaluate(rule, D(2024, 7, 15))
    assert ended.status is Status.ENDED and ended.term.end == D(2024, 7, 14)
    assert len(list(iter_terms(rule))) == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"initial_months": 0, "renewal_months": 12, "notice_months": 3}, "initial_months"),
        ({"initial_months": 24, "renewal_months": 12, "notice_months": 12}, "notice_months"),
        ({"initial_months": 2, "renewal_months": 12, "notice_months": 3}, "notice_months"),
        ({"initial_months": 24, "renewal_months": -1, "notice_months": 3}, "renewal_months"),
        ({"initial_months": 24, "renewal_months": 12, "notice_months": True}, "notice_months"),
    ],
)
def test_invalid_rules(kwargs, field):
    with pytest.raises(InvalidRuleError) as info:
        TermRule(signed=D(2024, 1, 1), **kwargs)
    assert info.value.params["field"] == field


def test_reminders():
    state = evaluate(SEED, D(2027, 5, 20))
    # deadline 2027-06-15: 90 and 30 days before have passed, 7 days before is ahead
    assert reminder_dates(state) == [D(2027, 6, 8)]
    assert reminder_dates(evaluate(SEED, D(2027, 1, 1))) == [
        D(2027, 3, 17),
        D(2027, 5, 16),
        D(2027, 6, 8),
    ]


def test_overlap_check():
    check_no_overlap(
        [
            Period("a", D(2020, 1, 1), D(2020, 12, 31)),
            Period("b", D(2021, 1, 1), None),
        ]
    )
    with pytest.raises(OverlapError) as info:
        check_no_overlap(
            [
                Period("b", D(2020, 12, 31), D(2021, 3, 1)),
                Period("a", D(2020, 1, 1), D(2020, 12, 31)),
            ]
        )
    assert (info.value.params["first"], info.value.params["second"]) == ("a", "b")
    with pytest.raises(OverlapError):
        check_no_overlap([Period("a", D(2020, 1, 1), None), Period("b", D(2030, 1, 1), None)])
    with pytest.raises(OverlapError):
        check_no_overlap([Period("a", D(2020, 1, 2), D(2020, 1, 1))])


SEED_ARGS = [
    "--signed",
    "2014-09-16",
    "--initial-months",
    "24",
    "--renewal-months",
    "12",
    "--notice-months",
    "3",
]


def test_cli_prints_json():
    result = run([*SEED_ARGS, "--on", "2016-09-15", "--notice-given", "2016-06-15"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("term_start", "term_end", "notice_deadline", "status")} == {
        "term_start": "2014-09-16",
        "term_end": "2016-09-15",
        "notice_deadline": "2016-06-15",
        "status": "notice_given",
    }


def test_cli_late_notice_and_bad_input():
    late = run([*SEED_ARGS, "--on", "2016-07-01", "--notice-given", "2016-06-16"])
    assert late.exit_code == 2 and late.stdout == ""
    assert json.loads(late.stderr)["error"] == "late_notice"
    accepted = run(
        [
            *SEED_ARGS,
            "--on",
            "2016-07-01",
            "--notice-given",
            "2016-06-16",
            "--late-notice",
            "next_term",
        ]
    )
    assert json.loads(accepted.stdout)["ends_on"] == "2017-09-15"
    bad_date = run([*SEED_ARGS, "--on", "2016-02-30"])
    assert bad_date.exit_code == 2 and json.loads(bad_date.stderr)["error"] == "usage"
    missing = run(["--signed", "2014-09-16", "--on", "2016-01-01"])
    assert missing.exit_code == 2
    early = run([*SEED_ARGS, "--on", "2014-01-01"])
    assert json.loads(early.stderr)["error"] == "not_in_force"
