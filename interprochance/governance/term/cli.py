"""Command-line logic of ``agreement_term`` (pure; the Django management
command and ``python -m interprochance.governance.term`` both call ``run``).

Prints JSON with term_start, term_end, notice_deadline, status (plus
term_index, ends_on, notice_given, notice_late, days_to_deadline, on and the
reminder dates).  Bad input: exit code 2 and a JSON object
``{"error": code, "message": ...}`` on stderr, nothing on stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from .core import LatePolicy, Notice, TermRule, evaluate, reminder_dates
from .errors import TermError


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


class _ArgumentError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(message)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def _months(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of months: {text!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--signed", type=_date, required=True, help="signing date YYYY-MM-DD")
    parser.add_argument("--initial-months", type=_months, required=True)
    parser.add_argument(
        "--renewal-months",
        type=_months,
        required=True,
        help="automatic renewal in months (0 = none)",
    )
    parser.add_argument("--notice-months", type=_months, required=True)
    parser.add_argument("--on", type=_date, required=True, help="evaluation date YYYY-MM-DD")
    parser.add_argument(
        "--notice-given", type=_date, default=None, help="day the written notice was received"
    )
    parser.add_argument(
        "--late-notice",
        choices=[p.value for p in LatePolicy],
        default=LatePolicy.REJECT.value,
        help="notice after the deadline: reject (default) or take effect "
        "at the end of the following term",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="agreement_term", description="Agreement term arithmetic")
    add_arguments(parser)
    return parser


def compute(options: dict[str, object]) -> dict[str, object]:
    """Evaluate parsed options; raises ``TermError`` on bad input."""
    rule = TermRule(
        signed=options["signed"],  # type: ignore[arg-type]
        initial_months=options["initial_months"],  # type: ignore[arg-type]
        renewal_months=options["renewal_months"],  # type: ignore[arg-type]
        notice_months=options["notice_months"],  # type: ignore[arg-type]
    )
    notice_day = options.get("notice_given")
    notice = Notice(received=notice_day) if notice_day else None  # type: ignore[arg-type]
    state = evaluate(
        rule,
        options["on"],  # type: ignore[arg-type]
        notice,
        late_policy=LatePolicy(str(options.get("late_notice") or LatePolicy.REJECT.value)),
    )
    result = state.as_dict()
    result["reminders"] = [d.isoformat() for d in reminder_dates(state)]
    return result


def _error(code: str, message: str) -> CliResult:
    return CliResult(2, "", json.dumps({"error": code, "message": message}) + "\n")


def run(argv: Sequence[str]) -> CliResult:
    try:
        namespace = build_parser().parse_args(list(argv))
    except _ArgumentError as exc:
        return _error("usage", str(exc))
    try:
        result = compute(vars(namespace))
    except TermError as exc:
        return _error(exc.code, str(exc))
    return CliResult(0, json.dumps(result, indent=2) + "\n", "")
