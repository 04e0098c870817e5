"""The controlled vocabularies' labels in the active language.

taxonomy.py is pure Python and holds the German labels, marked for translation;
forms and views show them through these helpers."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise

from interprochance.core import labels as core_labels

from .taxonomy import CONTENT_LANGUAGES, LANGUAGE_NAMES, LANGUAGES, Vocabulary


def choices(vocab: Vocabulary) -> list[tuple[str, Promise]]:
    return core_labels.choices(vocab.choices())


def names(codes: list[str] | tuple[str, ...], vocab: Vocabulary) -> list[str]:
    return [core_labels.label(vocab.choices(), c) for c in codes]


def term_name(vocab: Vocabulary, code: str) -> str:
    return core_labels.text(vocab.get(code).name)


def language_name(code: str) -> str:
    return core_labels.label(LANGUAGE_NAMES, code)


def language_choices() -> list[tuple[str, Promise]]:
    return core_labels.choices((code, name) for code, name, _own in LANGUAGES)


def content_languages() -> list[tuple[str, Any]]:
    """(code, name) of the languages of multilingual fields, German first."""
    return core_labels.choices(CONTENT_LANGUAGES)
