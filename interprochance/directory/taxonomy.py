"""The directory's controlled vocabularies (pure Python, no Django).

Life phases of the Präventionskette (design/DOMAIN.md), need areas
(Handlungsfelder), target groups and cost kinds. Codes are stable; HSDS ids are
UUID5 of the code, so the published taxonomy keeps its ids across installs.

The life phases and need areas are published over HSDS as the taxonomies of
our profile (``/api/hsds/taxonomies``).
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID, uuid5

NAMESPACE = UUID("0b8f4f4e-5f0e-4a57-9d0c-0e6f3d1f0a00")


@dataclass(frozen=True)
class Term:
    code: str
    name: str
    description: str
    #: Age range in years of the child/young person (None = open).
    min_age: int | None = None
    max_age: int | None = None

    @property
    def uuid(self) -> UUID:
        return uuid5(NAMESPACE, f"term:{self.code}")


@dataclass(frozen=True)
class Vocabulary:
    code: str
    name: str
    description: str
    version: str
    terms: tuple[Term, ...]

    @property
    def uuid(self) -> UUID:
        return uuid5(NAMESPACE, f"taxonomy:{self.code}")

    def get(self, code: str) -> Term:
        for t in self.terms:
            if t.code == code:
                return t
        raise KeyError(code)

    def choices(self) -> list[tuple[str, str]]:
        return [(t.code, t.name) for t in self.terms]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)


LIFE_PHASES = Vocabulary(
    code="lebensphasen",
    name="Lebensphasen der Präventionskette",
    description=(
        "Altersphasen einer kommunalen Präventionskette gegen Kinder- und Jugendarmut, "
        "von der Schwangerschaft bis zum Übergang in Ausbildung und Beruf."
    ),
    version="1.0",
    terms=(
        Term(
            "geburt",
            "Rund um die Geburt",
            "Schwangerschaft bis zum ersten Geburtstag",
            0,
            0,
        ),
        Term("kita", "Frühe Kindheit / Kita", "1 bis unter 6 Jahre", 1, 5),
        Term("grundschule", "Grundschule", "6 bis unter 10 Jahre", 6, 9),
        Term("sek1", "Sekundarstufe I", "10 bis unter 16 Jahre", 10, 15),
        Term("uebergang", "Übergang Schule–Beruf", "16 bis 27 Jahre", 16, 27),
    ),
)

NEED_AREAS = Vocabulary(
    code="handlungsfelder",
    name="Handlungsfelder",
    description="Bedarfsbereiche, in denen ein Angebot Kinder, Jugendliche und Familien unterstützt.",
    version="1.0",
    terms=(
        Term("bildung", "Bildung und Lernen", "Lernförderung, Hausaufgabenhilfe, Sprachförderung"),
        Term(
            "gesundheit", "Gesundheit und Ernährung", "Vorsorge, Bewegung, Ernährung, Frühe Hilfen"
        ),
        Term(
            "familie", "Erziehung und Familie", "Elternbildung, Familienberatung, Familienzentren"
        ),
        Term("teilhabe", "Freizeit, Kultur und Sport", "Soziale und kulturelle Teilhabe"),
        Term("existenz", "Existenzsicherung und Wohnen", "Geld, Leistungen, Schulden, Wohnen"),
        Term("integration", "Sprache und Integration", "Ankommen, Sprachkurse, Begleitung"),
        Term("schutz", "Beratung und Schutz in Krisen", "Krisen, Gewalt, Kinderschutz"),
        Term("beruf", "Ausbildung und Beruf", "Berufsorientierung, Ausbildung, Arbeit"),
    ),
)

TARGET_GROUPS = Vocabulary(
    code="zielgruppen",
    name="Zielgruppen",
    description="An wen sich ein Angebot richtet.",
    version="1.0",
    terms=(
        Term("kinder", "Kinder", ""),
        Term("jugendliche", "Jugendliche und junge Erwachsene", ""),
        Term("eltern", "Eltern und Familien", ""),
        Term("schwangere", "Schwangere und werdende Eltern", ""),
        Term("alleinerziehende", "Alleinerziehende", ""),
        Term("zugewanderte", "Familien mit Zuwanderungsgeschichte", ""),
        Term("behinderung", "Kinder mit Behinderung und ihre Familien", ""),
        Term("fachkraefte", "Fachkräfte", ""),
    ),
)

COST_KINDS = (
    ("free", "kostenlos"),
    ("reduced", "ermäßigt möglich"),
    ("but", "über Bildung und Teilhabe (BuT) abrechenbar"),
    ("fee", "kostenpflichtig"),
)

#: Languages offered in the finder (ISO 639-1) with their German and own names.
LANGUAGES = (
    ("de", "Deutsch", "Deutsch"),
    ("en", "Englisch", "English"),
    ("tr", "Türkisch", "Türkçe"),
    ("ar", "Arabisch", "العربية"),
    ("uk", "Ukrainisch", "Українська"),
    ("ru", "Russisch", "Русский"),
    ("pl", "Polnisch", "Polski"),
    ("fa", "Persisch", "فارسی"),
    ("ti", "Tigrinya", "ትግርኛ"),
    ("ku", "Kurdisch", "Kurdî"),
    ("it", "Italienisch", "Italiano"),
    ("el", "Griechisch", "Ελληνικά"),
    ("hr", "Kroatisch", "Hrvatski"),
    ("ro", "Rumänisch", "Română"),
    ("dgs", "Deutsche Gebärdensprache", "DGS"),
)
LANGUAGE_NAMES = {code: name for code, name, _own in LANGUAGES}

#: Content languages of multilingual text fields (German required).
CONTENT_LANGUAGES = (
    ("de", "Deutsch"),
    ("en", "Englisch"),
    ("tr", "Türkisch"),
    ("ar", "Arabisch"),
    ("uk", "Ukrainisch"),
)
RTL_LANGUAGES = frozenset({"ar", "fa"})


def life_phases_for_ages(min_age: int | None, max_age: int | None) -> tuple[str, ...]:
    """Life phases an age range touches (used to suggest phases to providers)."""
    lo = 0 if min_age is None else min_age
    hi = 27 if max_age is None else max_age
    out = []
    for t in LIFE_PHASES.terms:
        assert t.min_age is not None and t.max_age is not None
        if t.min_age <= hi and lo <= t.max_age:
            out.append(t.code)
    return tuple(out)
