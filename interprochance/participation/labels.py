"""The participation constants' labels in the active language.

staircase.py is pure Python and holds the German labels, marked for translation;
models, forms and views show them through these helpers."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy


def choices(pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, Promise]]:
    """Choices for a model or form field; lazy, so the German stays the value of
    record (no migration) and each reader sees their language."""
    return [(code, gettext_lazy(label)) for code, label in pairs]


def translated(pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """(code, label) in the active language, in the constants' order."""
    return [(code, gettext(label)) for code, label in pairs]


def label(pairs: tuple[tuple[str, str], ...], code: str) -> str:
    """The label of ``code`` in the active language; unknown codes as they are."""
    known = dict(pairs)
    return gettext(known[code]) if code in known else code
