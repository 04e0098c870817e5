"""German texts for the optimiser's machine-readable findings (codes + params).

The pure optimiser reports problems, rule violations and uncovered slots with a
stable ``code`` and ``params``; this module renders them in German via gettext.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

GERMAN_DAYS = {"mo": "Mo", "tu": "Di", "we": "Mi", "th": "Do", "fr": "Fr"}
DAY_FROM_GERMAN = {"mo": "mo", "di": "tu", "mi": "we", "do": "th", "fr": "fr"}


def when(day: Any, slot: Any) -> str:
    try:
        return _("%(day)s, %(n)s. Stunde") % {
            "day": GERMAN_DAYS.get(str(day), str(day)),
            "n": int(slot) + 1,
        }
    except (TypeError, ValueError):
        return f"{day} {slot}"


def rule_title(rule: int) -> str:
    return {
        0: _("Bezüge und Kosten"),
        1: _("Regel 1: jede Unterstützungszeit genau einmal abgedeckt"),
        2: _("Regel 2: eine Kraft je Zeit, nur wenn verfügbar und an ihrer Schule"),
        3: _("Regel 3: Gruppen nur aus einer Klasse, in erlaubter Größe, 1:1 allein"),
        4: _("Regel 4: Qualifikation passt zum Bedarf"),
        5: _("Regel 5: Wochenstunden der Kraft eingehalten"),
        6: _("Regel 6: Schulwechsel nur mit ausreichender Fahrzeit"),
        7: _("Regel 7: höchstens so viele verschiedene Kräfte je Kind wie bewilligt"),
    }.get(rule, str(rule))


def violation_text(v: Any) -> str:
    p = v.params if hasattr(v, "params") else v.get("params", {})
    code = v.code if hasattr(v, "code") else v.get("code", "")
    texts = {
        "not_covered": lambda: (
            _("Kind %(c)s ist %(w)s nicht versorgt.")
            % {"c": p.get("child"), "w": when(p.get("day"), p.get("slot"))}
        ),
        "covered_twice": lambda: (
            _("Kind %(c)s ist %(w)s mehrfach eingeplant.")
            % {"c": p.get("child"), "w": when(p.get("day"), p.get("slot"))}
        ),
        "not_in_support": lambda: (
            _("Kind %(c)s hat %(w)s keinen Unterstützungsbedarf.")
            % {"c": p.get("child"), "w": when(p.get("day"), p.get("slot"))}
        ),
        "not_available": lambda: (
            _("Kraft %(a)s ist %(w)s nicht verfügbar.")
            % {"a": p.get("assistant"), "w": when(p.get("day"), p.get("slot"))}
        ),
        "wrong_school": lambda: (
            _("Kraft %(a)s arbeitet nicht an dieser Schule.") % {"a": p.get("assistant")}
        ),
        "double_booked": lambda: (
            _("Kraft %(a)s ist %(w)s doppelt eingeplant.")
            % {"a": p.get("assistant"), "w": when(p.get("day"), p.get("slot"))}
        ),
        "mixed_group": lambda: (
            _("Eine Gruppe mischt Kinder verschiedener Klassen: %(c)s.")
            % {"c": ", ".join(p.get("children", []))}
        ),
        "exclusive_grouped": lambda: (
            (
                _(
                    "Kind %(c)s hat keine Einwilligung in die gemeinsame Leistungserbringung und darf nicht in einer Gruppe betreut werden."
                )
                if not p.get("consent", True)
                else _("Kind %(c)s braucht 1:1-Begleitung und darf nicht in einer Gruppe sein.")
            )
            % {"c": p.get("child")}
        ),
        "group_too_large": lambda: (
            _("Gruppe mit %(n)s Kindern, erlaubt sind höchstens %(m)s.")
            % {"n": p.get("size"), "m": p.get("limit")}
        ),
        "not_qualified": lambda: (
            _("Kraft %(a)s fehlt die Qualifikation für Kind %(c)s.")
            % {"a": p.get("assistant"), "c": p.get("child")}
        ),
        "too_many_slots": lambda: (
            _("Kraft %(a)s hat %(n)s Stunden, vertraglich höchstens %(m)s.")
            % {"a": p.get("assistant"), "n": p.get("slots"), "m": p.get("limit")}
        ),
        "travel": lambda: (
            _("Kraft %(a)s wechselt am %(d)s die Schule ohne ausreichende Fahrzeit.")
            % {"a": p.get("assistant"), "d": GERMAN_DAYS.get(p.get("day"), p.get("day"))}
        ),
        "too_many_assistants": lambda: (
            _("Kind %(c)s hat %(n)s verschiedene Kräfte, höchstens %(m)s sind vorgesehen.")
            % {"c": p.get("child"), "n": p.get("count"), "m": p.get("limit")}
        ),
        "unknown_child": lambda: _("Unbekanntes Kind %(c)s.") % {"c": p.get("child")},
        "unknown_assistant": lambda: _("Unbekannte Kraft %(a)s.") % {"a": p.get("assistant")},
        "cost_mismatch": lambda: _("Die angegebenen Kosten passen nicht zum Plan."),
    }
    fn = texts.get(code)
    return fn() if fn else (v.message if hasattr(v, "message") else str(v))


def unmet_text(u: Any) -> str:
    reason = u.reason if hasattr(u, "reason") else u.get("reason")
    p = (u.params if hasattr(u, "params") else u.get("params")) or {}
    detail = p.get("detail")
    if reason == "no_qualified_assistant":
        if detail == "qualification":
            return _("Keine Kraft im Pool hat die nötige Qualifikation.")
        if detail == "school":
            return _("Keine passend qualifizierte Kraft arbeitet an dieser Schule.")
        return _("Keine passend qualifizierte Kraft ist zu dieser Zeit verfügbar.")
    if reason == "group_limits":
        return _(
            "Alle passenden Kräfte betreuen zu dieser Zeit schon andere Kinder; Gruppengrenzen (1:1, Gruppengröße, Klasse) lassen kein Dazukommen zu."
        )
    if reason == "hours_exhausted":
        return _("Die Wochenstunden der freien passenden Kräfte sind ausgeschöpft.")
    if reason == "travel_or_continuity":
        return _(
            "Fahrzeit zwischen Schulen oder die Höchstzahl verschiedener Kräfte für das Kind verhindert die Abdeckung."
        )
    return _("Zeitlimit erreicht, ohne diese Stunde abzudecken.")


def input_problem_text(p: Any) -> str:
    where = f" ({p.path})" if getattr(p, "path", "") else ""
    code = p.code
    params = p.params
    texts = {
        "unknown_school": _("Unbekannte Schule %(s)s") % {"s": params.get("school")},
        "unknown_child": _("Unbekanntes Kind %(c)s") % {"c": params.get("child")},
        "unknown_assistant": _("Unbekannte Kraft %(a)s") % {"a": params.get("assistant")},
        "duplicate_id": _("Kennung %(i)s kommt doppelt vor") % {"i": params.get("id")},
        "slot_out_of_range": _("Stunde %(s)s liegt außerhalb des Stundenrasters")
        % {"s": params.get("slot")},
        "negative": _("Negativer Wert ist nicht zulässig"),
        "too_large": _("Der Betrag ist unplausibel hoch (höchstens 100.000 EUR)"),
        "no_consent_grouped": _(
            "Kind %(c)s hat keine Einwilligung in gemeinsame Leistungserbringung, darf aber in Gruppen"
        )
        % {"c": params.get("child")},
    }
    return texts.get(code, p.message) + where
