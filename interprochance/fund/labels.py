"""The fund's labels in the active language.

The procedures, the subsidiarity rules and the purposes catalogue are pure Python
and hold German labels, marked for translation; the purposes are also stored in the
database (FundPurpose.label/goal, editable). Forms, views and templates show them
through these helpers: a stored label that is a catalogue entry is translated, one
typed in the admin has no entry and shows as typed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy


def text(value: str) -> str:
    """A stored or constant German label in the active language ("" stays "": gettext("")
    would return the catalogue header)."""
    return gettext(value) if value else value


def choices(pairs: Mapping[Any, str] | Iterable[tuple[Any, str]]) -> list[tuple[Any, Promise]]:
    """Lazy choices for model and form fields (the German stays the value of record)."""
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    return [(key, gettext_lazy(label)) for key, label in items]


def translated(pairs: Mapping[str, str]) -> dict[str, str]:
    return {key: text(label) for key, label in pairs.items()}
