"""Labels from pure-Python constants and seeded catalogues in the reader's language.

The German text stays the value of record (codes, stored rows, exports); a stored
label that is a catalogue entry is translated, one someone typed has no entry and
shows as typed. A ``core.translatable.Message`` (German text filled in from a marked
msgid) is translated through its msgid and filled in again."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from interprochance.core.translatable import Message


def text(value: str) -> str:
    """``value`` in the active language; "" stays "" (gettext("") is the catalogue header)."""
    if not value:
        return value
    return value.translated_with(gettext) if isinstance(value, Message) else gettext(value)


def choices(pairs: Mapping[Any, str] | Iterable[tuple[Any, str]]) -> list[tuple[Any, Promise]]:
    """Lazy choices for model and form fields: each reader sees their language, and the
    German stays in the field's deconstruction (no migration)."""
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    return [(key, gettext_lazy(label)) for key, label in items]


def translated(pairs: Iterable[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """(key, label) in the active language, in the given order."""
    return [(key, text(label)) for key, label in pairs]


def label(pairs: Mapping[Any, str] | Iterable[tuple[Any, str]], key: Any) -> str:
    """The label of ``key`` in the active language; unknown keys as they are."""
    known = dict(pairs.items() if isinstance(pairs, Mapping) else pairs)
    return text(known[key]) if key in known else str(key)
