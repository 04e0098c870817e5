"""Marking labels for translation in pure-Python modules (no Django import).

Vocabularies, catalogues and rule tables are pure Python and hold German labels.
``gettext_noop`` marks them so that ``make messages`` extracts them; the Django
layer translates them where they are shown (``interprochance.core.labels``).

A message with placeholders cannot be looked up once it is filled in, so a pure
module returns a ``Message``: the filled-in German text (it is a ``str``, so
everything that stores, compares or prints it sees German as before) that also
keeps its catalogue entry and values, for ``labels.text`` to translate::

    Message(gettext_noop("Pauschale: %(amount)s."), amount=format_cents(6_500))
"""

from __future__ import annotations

from collections.abc import Callable


def gettext_noop(text: str) -> str:
    return text


class Message(str):
    """German text filled in from a marked msgid with named placeholders (``%(name)s``).

    A value that is itself a ``Message`` is translated with the message; other values
    (amounts, numbers, legal citations) are put in as they are."""

    msgid: str
    params: dict[str, object]

    def __new__(cls, msgid: str, **params: object) -> Message:
        german = msgid % params if params else msgid
        obj = super().__new__(cls, german)
        obj.msgid = msgid
        obj.params = params
        return obj

    def translated_with(self, gettext: Callable[[str], str]) -> str:
        """The message through ``gettext`` (the Django layer passes its own)."""
        translated = gettext(self.msgid)
        if not self.params:
            return translated
        values = {
            key: value.translated_with(gettext) if isinstance(value, Message) else value
            for key, value in self.params.items()
        }
        return translated % values
