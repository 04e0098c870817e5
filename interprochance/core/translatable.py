"""Marking labels for translation in pure-Python modules (no Django import).

Vocabularies, catalogues and rule tables are pure Python and hold German labels.
``gettext_noop`` marks them so that ``make messages`` extracts them; the Django
layer translates them where they are shown (``interprochance.core.labels``)."""

from __future__ import annotations


def gettext_noop(text: str) -> str:
    return text
