"""German full-text helpers shared by the PostgreSQL and SQLite finder (pure Python).

The finder stores one ``search_text`` per service: the folded words of all its
searchable fields plus the parts of German compounds ("Hausaufgabenhilfe" ->
"hausaufgaben", "hilfe"). Both database back ends search that same text:

* PostgreSQL: ``to_tsvector('german', search_text) @@ to_tsquery('german', 'stem:*')``
  (GIN index on the expression; PostgreSQL's own German Snowball stemmer);
* SQLite: ``' ' || search_text LIKE '% stem%'`` where ``stem`` is produced by
  :func:`stem` below, an implementation of the Snowball German algorithm
  (snowballstem.org/algorithms/german/stemmer.html), written from its description.

Either way a query word matches any document word it is a stemmed prefix of, so
"Hausaufgaben" finds "Hausaufgabenhilfe" and "Beratung" finds "Beratungen".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_VOWELS = set("aeiouyäöü")
_S_ENDING = set("bdfghklmnrt")
_ST_ENDING = set("bdfghklmnt")

#: Second parts of compounds common in family-service descriptions (folded).
#: A document word ending in one of these also indexes both parts.
COMPOUND_TAILS = (
    "angebot",
    "angebote",
    "arbeit",
    "beratung",
    "begleitung",
    "betreuung",
    "bildung",
    "cafe",
    "dienst",
    "forderung",
    "frühstück",
    "fruhstuck",
    "gruppe",
    "haus",
    "hilfe",
    "hilfen",
    "kreis",
    "kurs",
    "kurse",
    "lernen",
    "nachmittag",
    "projekt",
    "schule",
    "spiel",
    "sport",
    "sprechstunde",
    "stelle",
    "stube",
    "training",
    "treff",
    "treffen",
    "unterstutzung",
    "verein",
    "werkstatt",
    "zentrum",
    "zeit",
)

_STOPWORD_TEXT = (
    "der die das den dem des ein eine einer eines einem einen und oder aber für fur fuer "
    "mit von zu zum zur im in am an auf aus bei nach vor über uber unter ist sind wird "
    "werden es sie er wir ihr ich du man sich auch nicht nur noch sehr wie was wer wo "
    "als so dass da hier dort alle allem allen jeder jede jedes"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def fold(text: str) -> str:
    """Lower case, ß -> ss, umlauts and other accents removed (ä -> a)."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def words(text: str) -> list[str]:
    """Folded words (letters and digits of any script) in order."""
    return _WORD.findall(fold(text))


# --------------------------------------------------------------------------- Snowball German


def _regions(w: str) -> tuple[int, int]:
    def after_vc(start: int) -> int:
        for i in range(start + 1, len(w)):
            if w[i] not in _VOWELS and w[i - 1] in _VOWELS:
                return i + 1
        return len(w)

    r1 = after_vc(0)
    r2 = after_vc(r1) if r1 < len(w) else len(w)
    r1 = max(r1, 3)
    return r1, r2


def stem(word: str) -> str:
    """Snowball German stem of one word, returned folded (no umlauts)."""
    # Folding first (ä -> a) changes no vowel into a consonant, so the
    # regions are the same, and the stem is always a prefix of fold(word).
    w = fold(word)
    if len(w) < 3 or not w.isalpha():
        return w
    # u and y between vowels act as consonants
    chars = list(w)
    for i in range(1, len(chars) - 1):
        if chars[i] in "uy" and chars[i - 1] in _VOWELS and chars[i + 1] in _VOWELS:
            chars[i] = chars[i].upper()
    w = "".join(chars)
    r1, r2 = _regions(w)

    # step 1
    for suffix in ("ern", "em", "er"):
        if w.endswith(suffix):
            if len(w) - len(suffix) >= r1:
                w = w[: -len(suffix)]
            break
    else:
        for suffix in ("en", "es", "e"):
            if w.endswith(suffix):
                if len(w) - len(suffix) >= r1:
                    w = w[: -len(suffix)]
                    if w.endswith("niss"):
                        w = w[:-1]
                break
        else:
            if w.endswith("s") and len(w) - 1 >= r1 and len(w) >= 2 and w[-2] in _S_ENDING:
                w = w[:-1]

    # step 2
    for suffix in ("est", "en", "er"):
        if w.endswith(suffix):
            if len(w) - len(suffix) >= r1:
                w = w[: -len(suffix)]
            break
    else:
        if w.endswith("st") and len(w) - 2 >= r1 and len(w) >= 6 and w[-3] in _ST_ENDING:
            w = w[:-2]

    # step 3 (d-suffixes)
    def in_r2(n: int) -> bool:
        return len(w) - n >= r2

    if w.endswith(("end", "ung")):
        if in_r2(3):
            w = w[:-3]
            if w.endswith("ig") and not w.endswith("eig") and in_r2(2):
                w = w[:-2]
    elif w.endswith("isch") and not w.endswith("eisch"):
        if in_r2(4):
            w = w[:-4]
    elif w.endswith(("ig", "ik")) and not w.endswith(("eig", "eik")):
        if in_r2(2):
            w = w[:-2]
    elif w.endswith(("lich", "heit")):
        if in_r2(4):
            w = w[:-4]
            if w.endswith(("er", "en")) and len(w) - 2 >= r1:
                w = w[:-2]
    elif w.endswith("keit") and in_r2(4):
        w = w[:-4]
        if w.endswith("lich") and in_r2(4):
            w = w[:-4]
        elif w.endswith("ig") and in_r2(2):
            w = w[:-2]
    return w.lower()


# --------------------------------------------------------------------------- documents and queries


def compound_parts(word: str) -> list[str]:
    """``"hausaufgabenhilfe"`` -> ``["hausaufgaben", "hilfe"]`` (folded input)."""
    for tail in sorted(COMPOUND_TAILS, key=len, reverse=True):
        tail = fold(tail)
        if word.endswith(tail) and len(word) - len(tail) >= 3:
            head = word[: -len(tail)]
            return [head, tail]
    return []


def document(fields: Iterable[str]) -> str:
    """The ``search_text`` of a record: folded words plus compound parts, deduplicated."""
    seen: dict[str, None] = {}
    for text in fields:
        for w in words(text or ""):
            seen.setdefault(w, None)
            for part in compound_parts(w):
                seen.setdefault(part, None)
    return " ".join(seen)


def query_stems(query: str, *, limit: int = 8) -> list[str]:
    """Stems of the meaningful words of a user's query (stopwords dropped)."""
    out: list[str] = []
    for w in words(query):
        if w in STOPWORDS and len(words(query)) > 1:
            continue
        s = stem(w)
        if s and s not in out:
            out.append(s)
        if len(out) >= limit:
            break
    return out


def tsquery(stems: list[str]) -> str:
    """PostgreSQL ``to_tsquery`` text: every stem as a prefix, all required."""
    safe = [re.sub(r"[^\w]", "", s) for s in stems]
    return " & ".join(f"{s}:*" for s in safe if s)


def matches(query: str, search_text: str) -> bool:
    """Python reference of the SQLite predicate (used in tests)."""
    padded = " " + search_text
    return all(f" {s}" in padded for s in query_stems(query))
