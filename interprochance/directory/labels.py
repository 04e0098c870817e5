"""The controlled vocabularies' labels in the active language.

taxonomy.py is pure Python and holds the German labels, marked for translation;
forms and views show them through these helpers."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from .taxonomy import CONTENT_LANGUAGES, LANGUAGE_NAMES, LANGUAGES, Vocabulary


def choices(vocab: Vocabulary) -> list[tuple[str, Promise]]:
    return [(code, gettext_lazy(name)) for code, name in vocab.choices()]


def names(codes: list[str] | tuple[str, ...], vocab: Vocabulary) -> list[str]:
    known = dict(vocab.choices())
    return [gettext(known[c]) if c in known else c for c in codes]


def term_name(vocab: Vocabulary, code: str) -> str:
    return gettext(vocab.get(code).name)


def language_name(code: str) -> str:
    return gettext(LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else code


def language_choices() -> list[tuple[str, Promise]]:
    return [(code, gettext_lazy(name)) for code, name, _own in LANGUAGES]


def content_languages() -> list[tuple[str, Any]]:
    """(code, name) of the languages of multilingual fields, German first."""
    return [(code, gettext_lazy(name)) for code, name in CONTENT_LANGUAGES]
