"""Free text typed by users: markup, script and invisible control characters are
refused with a clear message, not silently stripped, so that what was typed is
what is stored (pure Python; output is escaped on rendering all the same).

Used by every module that takes free text (directory entries, case notes, ...);
the modules word the message for their own field labels.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

# What an HTML parser treats as markup: "<" directly followed by a letter, "/", "!" or "?";
# also when written as an entity. "Kinder < 6 Jahre" and "a < b" stay allowed.
_TAG = re.compile(r"<[A-Za-z!?/]")
_ENCODED_TAG = re.compile(r"&(lt|#0*60|#x0*3c);?[A-Za-z!?/]", re.IGNORECASE)
_SCRIPT = re.compile(
    r"\b(javascript|vbscript)\s*:"  # script URLs
    r"|\bdata\s*:\s*text/html"
    r"|\bon[a-z]+\s*=",  # inline event handlers
    re.IGNORECASE,
)
# Unicode control, format, private-use and surrogate characters are invisible or
# unprintable; line breaks and tabs are text, and the joiners and direction marks
# are needed by Arabic, Persian and other scripts.
_CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs"})
_ALLOWED = frozenset({"\n", "\r", "\t", "\u200c", "\u200d", "\u200e", "\u200f"})


@dataclass(frozen=True)
class TextProblem:
    kind: Literal["markup", "script", "control"]
    char: str = ""  # the offending character, for "control"


def text_problem(value: str) -> TextProblem | None:
    """None if the text is acceptable; otherwise what is wrong with it."""
    for ch in value:
        if ch not in _ALLOWED and unicodedata.category(ch) in _CONTROL_CATEGORIES:
            return TextProblem("control", ch)
    if _TAG.search(value) or _ENCODED_TAG.search(value):
        return TextProblem("markup")
    if _SCRIPT.search(value):
        return TextProblem("script")
    return None
