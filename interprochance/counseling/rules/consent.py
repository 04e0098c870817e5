"""Consent scopes for sharing case data: who may receive what, for which purpose, when.

A consent is recorded with its purpose, the recipients (keys like
'service:12', 'organisation:3', 'office:7'), the data categories it covers,
the date it was given, an optional end and the date it was withdrawn.
A sharing is allowed when the categories requested are covered, for that
purpose and recipient, on that day, by consents that are in force. Pure.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


class Category(enum.StrEnum):
    CONTACT = "contact"  # name, how to reach the family
    HOUSEHOLD = "household"  # members, ages, language
    TOPICS = "topics"  # topics and goals of the counselling
    FINANCES = "finances"  # income, debts, benefits
    NOTES = "notes"  # notes from contacts
    DOCUMENTS = "documents"
    HEALTH = "health"  # Art. 9 GDPR data


class Form(enum.StrEnum):
    WRITTEN = "written"
    ELECTRONIC = "electronic"
    ORAL = "oral"  # oral consent, documented by the counsellor


@dataclass(frozen=True)
class Consent:
    purpose: str
    recipients: frozenset[str]
    categories: frozenset[Category]
    given_on: date
    valid_until: date | None = None
    withdrawn_on: date | None = None
    form: Form = Form.WRITTEN

    def __post_init__(self) -> None:
        if not self.recipients:
            raise ValueError("a consent names at least one recipient")
        if not self.categories:
            raise ValueError("a consent covers at least one data category")
        if self.valid_until is not None and self.valid_until < self.given_on:
            raise ValueError("valid_until before given_on")
        if self.withdrawn_on is not None and self.withdrawn_on < self.given_on:
            raise ValueError("withdrawn_on before given_on")

    def in_force(self, on: date) -> bool:
        if on < self.given_on:
            return False
        if self.withdrawn_on is not None and on >= self.withdrawn_on:
            return False
        return not (self.valid_until is not None and on > self.valid_until)

    def names(self, recipient_keys: Iterable[str]) -> bool:
        return bool(self.recipients & frozenset(recipient_keys))


def covered_categories(
    consents: Iterable[Consent], *, purpose: str, recipient_keys: Iterable[str], on: date
) -> frozenset[Category]:
    keys = frozenset(recipient_keys)
    covered: set[Category] = set()
    for c in consents:
        if c.purpose == purpose and c.in_force(on) and c.names(keys):
            covered |= c.categories
    return frozenset(covered)


@dataclass(frozen=True)
class ConsentDecision:
    allowed: bool
    missing: frozenset[Category]
    covered: frozenset[Category]


def check_sharing(
    consents: Iterable[Consent],
    *,
    purpose: str,
    recipient_keys: Iterable[str],
    categories: Iterable[Category],
    on: date,
) -> ConsentDecision:
    """Is sharing `categories` with the recipient for `purpose` on `on` covered by consent?"""
    wanted = frozenset(categories)
    if not wanted:
        raise ValueError("nothing to share")
    covered = covered_categories(consents, purpose=purpose, recipient_keys=recipient_keys, on=on)
    missing = wanted - covered
    return ConsentDecision(allowed=not missing, missing=missing, covered=covered & wanted)


def scoped_handover(
    data: dict[Category, object], allowed: frozenset[Category]
) -> dict[Category, object]:
    """Only the categories that consent covers leave the office."""
    return {cat: value for cat, value in data.items() if cat in allowed}
