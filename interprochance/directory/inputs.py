"""What a service entry consists of, and every rule it must satisfy (pure Python).

The web form, a provider's proposal (stored as JSON until reviewed) and the
seeding/import code all produce a :class:`ServiceData` and call
:func:`check_service` before anything is written. Problems come back per field
with German messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date, time
from typing import Any

from .taxonomy import CONTENT_LANGUAGES, LANGUAGE_NAMES, LIFE_PHASES, NEED_AREAS, TARGET_GROUPS
from .validation.fields import (
    FieldProblem,
    validate_age_range,
    validate_email,
    validate_phone,
    validate_text,
    validate_url,
)
from .validation.schedule import OpeningSlot, validate_schedule

TRANSLATION_LANGUAGES = tuple(code for code, _ in CONTENT_LANGUAGES if code != "de")
STATUSES = ("active", "inactive", "temporarily closed", "defunct")


@dataclass(frozen=True)
class Translation:
    name: str
    description: str
    application_process: str = ""


@dataclass(frozen=True)
class ServiceData:
    name: str
    description: str
    life_phases: tuple[str, ...]
    need_areas: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("de",)
    easy_summary: str = ""
    application_process: str = ""
    eligibility: str = ""
    fees_description: str = ""
    is_free: bool = False
    reduced_available: bool = False
    but_eligible: bool = False
    min_age: int | None = None
    max_age: int | None = None
    url: str = ""
    email: str = ""
    phone: str = ""
    status: str = "active"
    location_ids: tuple[int, ...] = ()
    schedules: tuple[OpeningSlot, ...] = ()
    translations: dict[str, Translation] = field(default_factory=dict, hash=False)

    # ---- JSON payload (proposals, revisions) ---------------------------------

    def to_payload(self) -> dict[str, Any]:
        data = asdict(self)
        data["schedules"] = [
            {
                "weekdays": list(s.weekdays),
                "opens_at": s.opens_at.strftime("%H:%M"),
                "closes_at": s.closes_at.strftime("%H:%M"),
                "freq": s.freq,
                "interval": s.interval,
                "setpos": s.setpos,
                "valid_from": s.valid_from.isoformat() if s.valid_from else None,
                "valid_to": s.valid_to.isoformat() if s.valid_to else None,
                "note": s.note,
            }
            for s in self.schedules
        ]
        for key in ("life_phases", "need_areas", "target_groups", "languages", "location_ids"):
            data[key] = list(data[key])
        return data

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> ServiceData:
        d = dict(data)
        d["schedules"] = tuple(
            OpeningSlot(
                weekdays=tuple(s["weekdays"]),
                opens_at=time.fromisoformat(s["opens_at"]),
                closes_at=time.fromisoformat(s["closes_at"]),
                freq=s.get("freq", "WEEKLY"),
                interval=int(s.get("interval", 1)),
                setpos=s.get("setpos"),
                valid_from=date.fromisoformat(s["valid_from"]) if s.get("valid_from") else None,
                valid_to=date.fromisoformat(s["valid_to"]) if s.get("valid_to") else None,
                note=s.get("note", ""),
            )
            for s in d.get("schedules", [])
        )
        d["translations"] = {k: Translation(**v) for k, v in (d.get("translations") or {}).items()}
        for key in ("life_phases", "need_areas", "target_groups", "languages", "location_ids"):
            d[key] = tuple(d.get(key) or ())
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


Problems = dict[str, list[str]]


def _add(problems: Problems, p: FieldProblem) -> None:
    problems.setdefault(p.field, []).append(p.message)


def check_service(
    data: ServiceData, *, today: date, allowed_location_ids: set[int] | None = None
) -> tuple[ServiceData, Problems]:
    """Validate and normalise. Returns the normalised data and the problems per field."""
    problems: Problems = {}
    values: dict[str, Any] = {}

    texts = [
        ("name", "Name", True, 200, False),
        ("description", "Beschreibung", True, 5000, True),
        ("easy_summary", "Leichte Sprache", False, 1500, True),
        ("application_process", "Zugang", False, 3000, True),
        ("eligibility", "Voraussetzungen", False, 3000, True),
        ("fees_description", "Kosten (Hinweis)", False, 500, False),
    ]
    for key, label, required, max_length, multiline in texts:
        try:
            values[key] = validate_text(
                getattr(data, key),
                field=key,
                label=label,
                required=required,
                max_length=max_length,
                multiline=multiline,
            )
        except FieldProblem as p:
            _add(problems, p)

    for key, fn in (("url", validate_url), ("email", validate_email), ("phone", validate_phone)):
        raw = getattr(data, key)
        if raw:
            try:
                values[key] = fn(raw, field=key)
            except FieldProblem as p:
                _add(problems, p)

    try:
        validate_age_range(data.min_age, data.max_age, field="min_age")
    except FieldProblem as p:
        _add(problems, p)

    if not data.life_phases:
        _add(problems, FieldProblem("life_phases", "Bitte mindestens eine Lebensphase wählen."))
    for key, vocab in (
        ("life_phases", LIFE_PHASES),
        ("need_areas", NEED_AREAS),
        ("target_groups", TARGET_GROUPS),
    ):
        unknown = [c for c in getattr(data, key) if c not in vocab.codes]
        if unknown:
            _add(problems, FieldProblem(key, f"Unbekannte Auswahl: {', '.join(unknown)}."))
    unknown_lang = [c for c in data.languages if c not in LANGUAGE_NAMES]
    if unknown_lang:
        _add(problems, FieldProblem("languages", f"Unbekannte Sprache: {', '.join(unknown_lang)}."))
    if data.status not in STATUSES:
        _add(problems, FieldProblem("status", f"Unbekannter Status „{data.status}“."))
    if allowed_location_ids is not None:
        foreign = [i for i in data.location_ids if i not in allowed_location_ids]
        if foreign:
            _add(
                problems,
                FieldProblem("location_ids", "Ein gewählter Ort gehört nicht zu diesem Träger."),
            )

    for problem in validate_schedule(list(data.schedules), reference=today):
        _add(problems, problem)

    translations: dict[str, Translation] = {}
    for lang, tr in data.translations.items():
        if lang not in TRANSLATION_LANGUAGES:
            _add(
                problems,
                FieldProblem(f"name_{lang}", f"Übersetzungen nach „{lang}“ sind nicht vorgesehen."),
            )
            continue
        if not (tr.name.strip() or tr.description.strip() or tr.application_process.strip()):
            continue
        lang_name = dict(CONTENT_LANGUAGES)[lang]
        try:
            translations[lang] = Translation(
                name=validate_text(
                    tr.name,
                    field=f"name_{lang}",
                    label=f"Name ({lang_name})",
                    required=True,
                    max_length=200,
                    multiline=False,
                ),
                description=validate_text(
                    tr.description,
                    field=f"description_{lang}",
                    label=f"Beschreibung ({lang_name})",
                    required=True,
                ),
                application_process=validate_text(
                    tr.application_process,
                    field=f"application_process_{lang}",
                    label=f"Zugang ({lang_name})",
                ),
            )
        except FieldProblem as p:
            _add(problems, p)

    clean = replace(
        data,
        **values,
        life_phases=tuple(sorted(set(data.life_phases))),
        need_areas=tuple(sorted(set(data.need_areas))),
        target_groups=tuple(sorted(set(data.target_groups))),
        languages=tuple(sorted(set(data.languages))),
        translations=translations,
    )
    return clean, problems
